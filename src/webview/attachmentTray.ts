/**
 * The files attached to the draft: read in the page (a pasted or dropped file), shown before sending (a
 * thumbnail for an image, a chip with the name for a text file), removable one by one. Only raster
 * images become images; other files must be text (an SVG is text, never an `<img>`). A file over the
 * size limit or not text is refused with a reason, and nothing else in the draft changes.
 */
import { DATA_IMAGE, attachmentLimitKBFor, isShowableDataImage } from "../common/messageImages";
import { el, icon, iconButton, labelText } from "../common/dom";
import { fill, pageText } from "./pageText";
import { DEFAULT_ATTACHMENT_LIMIT_KB, MAX_ATTACHMENT_CHARS, MAX_ATTACHMENT_NAME_CHARS, MAX_ATTACHMENTS, type Attachment } from "../protocol/chatProtocol";

const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export class AttachmentTray {
  readonly element: HTMLElement;
  limitKB = DEFAULT_ATTACHMENT_LIMIT_KB;
  private items: Attachment[] = [];

  /** `changed` after every add or removal; `refused` with the reason a file was not attached. */
  constructor(private readonly events: { changed(): void; refused(reasons: string[]): void }) {
    this.element = el("ul", { className: "composer-attachments", attrs: { "aria-label": pageText().attachedFiles } });
    this.element.hidden = true;
  }

  get attachments(): readonly Attachment[] {
    return this.items;
  }

  /**
   * Attachments from the host or saved state, checked as the host will check them (a file's name, a raster
   * image's `data:` URI), so what the page sends is never refused; beyond the per-message count they are refused.
   */
  add(received: readonly Attachment[]): void {
    const attachments = readAttachments(received);
    const room = MAX_ATTACHMENTS - this.items.length;
    if (attachments.length > room) this.events.refused([fill(pageText().tooManyAttachments, MAX_ATTACHMENTS)]);
    if (room <= 0) return;
    this.items = [...this.items, ...attachments.slice(0, room)];
    this.render();
  }

  clear(): void {
    if (this.items.length === 0) return;
    this.items = [];
    this.render();
  }

  /** Reads files the user pasted or dropped; those that cannot be attached are named with the reason. */
  async addFiles(files: readonly File[]): Promise<void> {
    const read = await Promise.all(files.map((file) => this.read(file)));
    const reasons = read.filter((result): result is string => typeof result === "string");
    const attachments = read.filter((result): result is Attachment => typeof result !== "string");
    if (reasons.length) this.events.refused(reasons);
    if (attachments.length) this.add(attachments);
  }

  private async read(file: File): Promise<Attachment | string> {
    const name = (file.name || pageText().pastedFile).slice(0, MAX_ATTACHMENT_NAME_CHARS);
    const image = RASTER_TYPES.has(file.type);
    const limitKB = attachmentLimitKBFor(image, this.limitKB);
    if (file.size > limitKB * 1024) {
      const template = limitKB < this.limitKB ? pageText().attachedImageTooLarge : pageText().attachmentTooLarge;
      return fill(template, name, kb(file.size), limitKB.toLocaleString("en"));
    }
    if (image) {
      const dataUrl = await readAs(file, "dataUrl");
      return DATA_IMAGE.test(dataUrl) ? { kind: "image", name, dataUrl } : fill(pageText().notAnImage, name);
    }
    const text = await readAs(file, "text");
    // Decoding replaced bytes that are not UTF-8, or found NULs: a binary file, not text.
    if (text.includes("\uFFFD") || text.includes("\u0000") || text.length > MAX_ATTACHMENT_CHARS) {
      return fill(pageText().notAttachable, name);
    }
    return { kind: "text", name, text };
  }

  private remove(index: number): void {
    this.items = this.items.filter((_, i) => i !== index);
    this.render();
  }

  private render(): void {
    this.element.replaceChildren(...this.items.map((attachment, index) => this.itemOf(attachment, index)));
    this.element.hidden = this.items.length === 0;
    this.events.changed();
  }

  private itemOf(attachment: Attachment, index: number): HTMLElement {
    const name = labelText(attachment.name);
    const remove = iconButton("close", fill(pageText().removeAttachment, name), "icon-button attachment-remove");
    remove.addEventListener("click", () => this.remove(index));
    // The page checks the URI again before it becomes a source: a raster data URI within the display cap.
    const preview =
      attachment.kind === "image" && isShowableDataImage(attachment.dataUrl)
        ? el("img", { className: "attachment-thumbnail", attrs: { src: attachment.dataUrl, alt: name } })
        : icon(attachment.kind === "image" ? "file-media" : "file");
    return el(
      "li",
      { className: `attachment attachment--${attachment.kind}`, attrs: { title: name } },
      preview,
      el("span", { className: "attachment-name", text: name }),
      remove,
    );
  }
}

/** Attachments saved with the draft by an older page, or sent by the host: only well-formed ones, names within bounds. */
export function readAttachments(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): Attachment[] => {
    const { kind, name: rawName, text, dataUrl } = (item ?? {}) as Record<string, unknown>;
    if (typeof rawName !== "string") return [];
    const name = rawName.slice(0, MAX_ATTACHMENT_NAME_CHARS) || "file";
    if (kind === "text" && typeof text === "string" && text.length <= MAX_ATTACHMENT_CHARS) return [{ kind, name, text }];
    if (kind === "image" && typeof dataUrl === "string" && dataUrl.length <= MAX_ATTACHMENT_CHARS && DATA_IMAGE.test(dataUrl)) return [{ kind, name, dataUrl }];
    return [];
  });
}

const kb = (bytes: number): string => Math.ceil(bytes / 1024).toLocaleString("en");

function readAs(file: File, as: "dataUrl" | "text"): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    if (as === "dataUrl") reader.readAsDataURL(file);
    else reader.readAsText(file);
  });
}
