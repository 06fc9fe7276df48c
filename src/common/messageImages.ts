/**
 * Images in message content blocks, read defensively (every provider has its own block shape). Only
 * inline images (`data:` URIs of raster types, under a size cap) are ever shown; a remote image is never
 * fetched, only offered as a link the user can open. Used by the host to build views and again by the
 * webview before it puts a `src` on an `<img>`.
 */

/** The largest inline image shown, in bytes of its data URI. */
export const MAX_IMAGE_BYTES = 1_500_000;
/**
 * The largest image file the chat shows once it is a `data:` URI (base64 adds a third): an image
 * attachment stops here, whatever `langgraph.chat.maxAttachmentKB` allows, so nothing sent is then
 * shown as too large.
 */
export const MAX_IMAGE_FILE_KB = Math.floor(((MAX_IMAGE_BYTES - "data:image/jpeg;base64,".length) * 3) / 4 / 1024);

/** The size limit of one attachment in KB: the setting, and for an image no more than the chat shows. */
export function attachmentLimitKBFor(image: boolean, limitKB: number): number {
  return image ? Math.min(limitKB, MAX_IMAGE_FILE_KB) : limitKB;
}

export interface ImageView {
  /** A checked `data:` URI, shown inline. */
  src?: string;
  /** A remote image: never loaded, offered as a link. */
  url?: string;
  /** An inline image over the cap: its size, said instead of showing it. */
  tooLarge?: number;
}

/** A raster image as a base64 `data:` URI: the only image source the panels ever use. */
export const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A `data:` URI the page may show: a raster image type, base64, within the cap. */
export function isShowableDataImage(src: unknown): src is string {
  return typeof src === "string" && src.length <= MAX_IMAGE_BYTES && DATA_IMAGE.test(src);
}

/** The images of a message's content; text and other blocks are not images. */
export function imagesOf(content: unknown): ImageView[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((block) => {
    const image = imageOf(block);
    return image ? [image] : [];
  });
}

/** Whether a content block is an image (its text is then not a placeholder). */
export function isImageBlock(block: unknown): boolean {
  const type = (block as { type?: unknown } | null)?.type;
  return type === "image_url" || type === "image";
}

function imageOf(block: unknown): ImageView | undefined {
  if (!isImageBlock(block)) return undefined;
  const b = block as Record<string, unknown>;
  const nested = b.image_url;
  const source = b.source as Record<string, unknown> | undefined;
  const url = stringOf(typeof nested === "object" && nested !== null ? (nested as { url?: unknown }).url : nested) ?? stringOf(b.url) ?? stringOf(source?.url);
  if (url) return fromUrl(url);
  const data = stringOf(b.data) ?? stringOf(b.base64) ?? stringOf(source?.data);
  const mime = stringOf(b.mime_type) ?? stringOf(b.mimeType) ?? stringOf(source?.media_type) ?? "image/png";
  if (!data || !RASTER_TYPES.has(mime)) return undefined;
  return fromUrl(`data:${mime};base64,${data.replace(/\s+/g, "")}`);
}

function fromUrl(url: string): ImageView | undefined {
  if (url.startsWith("data:")) {
    if (url.length > MAX_IMAGE_BYTES) return { tooLarge: url.length };
    return isShowableDataImage(url) ? { src: url } : undefined;
  }
  return /^https?:\/\//i.test(url) ? { url } : undefined;
}

const stringOf = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);
