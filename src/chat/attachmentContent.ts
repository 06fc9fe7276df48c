/**
 * A message's content with its attached files, in the LangChain content format the graphs read: the
 * typed text first, then each text file inline as a text block that names it, and each image as an
 * `image_url` block with its `data:` URI.
 */
import type { Attachment } from "../protocol/chatProtocol";

export type ContentBlock = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

export function humanContent(text: string, attachments: readonly Attachment[]): string | ContentBlock[] {
  if (attachments.length === 0) return text;
  const blocks: ContentBlock[] = text ? [{ type: "text", text }] : [];
  for (const attachment of attachments) {
    if (attachment.kind === "image") blocks.push({ type: "image_url", image_url: { url: attachment.dataUrl } });
    else blocks.push({ type: "text", text: `${blocks.length ? "\n\n" : ""}${inlineFile(attachment.name, attachment.text)}` });
  }
  return blocks;
}

/** A new thread's title: the typed text, else the attached files' names; never what a file holds. */
export function threadTitle(text: string, attachments: readonly Attachment[]): string {
  return text.trim() || attachments.map((attachment) => attachment.name).join(", ");
}

/** A fence longer than any backtick run in the file, so the file cannot end it early. */
function inlineFile(name: string, text: string): string {
  const longestRun = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  return `${name}:\n${fence}\n${text}\n${fence}`;
}

/** The size of an attachment's file in bytes (an image's from its base64). */
export function attachmentBytes(attachment: Attachment): number {
  if (attachment.kind === "text") return new TextEncoder().encode(attachment.text).length;
  const base64 = attachment.dataUrl.slice(attachment.dataUrl.indexOf(",") + 1);
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0);
}
