/**
 * Files the host reads for the composer (an Explorer file attached by command or dropped on the panel):
 * raster images by their extension become `data:` URIs, anything else must be UTF-8 text. A file over
 * the size limit, binary, or outside the workspace is refused with a reason; nothing is half-read.
 */
import * as vscode from "vscode";
import { DEFAULT_ATTACHMENT_LIMIT_KB, type Attachment } from "../protocol/chatProtocol";
import { trustedSetting } from "../deployment/deploymentSettings";
import { bytesToBase64 } from "../common/base64";
import { attachmentLimitKBFor } from "../common/messageImages";

const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp" };

/** `langgraph.chat.maxAttachmentKB`, the largest file the composer accepts. */
export function attachmentLimitKB(): number {
  const value = trustedSetting<number>("chat.maxAttachmentKB").value;
  return typeof value === "number" && value > 0 ? value : DEFAULT_ATTACHMENT_LIMIT_KB;
}

export type ReadAttachment = { ok: true; attachment: Attachment } | { ok: false; reason: string };

export async function readAttachment(uri: vscode.Uri, limitKB = attachmentLimitKB()): Promise<ReadAttachment> {
  const name = uri.path.split("/").pop() || uri.path;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { ok: false, reason: vscode.l10n.t("{0} is a folder; only files can be attached.", name) };
    const mime = IMAGE_TYPES[name.split(".").pop()?.toLowerCase() ?? ""];
    const limit = attachmentLimitKBFor(mime !== undefined, limitKB);
    if (stat.size > limit * 1024) return { ok: false, reason: tooLarge(name, stat.size, limitKB, mime !== undefined) };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > limit * 1024) return { ok: false, reason: tooLarge(name, bytes.byteLength, limitKB, mime !== undefined) };
    if (mime) return { ok: true, attachment: { kind: "image", name, dataUrl: `data:${mime};base64,${bytesToBase64(bytes)}` } };
    const text = utf8(bytes);
    if (text === undefined) return { ok: false, reason: vscode.l10n.t("{0} is not a text file or a PNG, JPEG, GIF or WebP image.", name) };
    return { ok: true, attachment: { kind: "text", name, text } };
  } catch (error) {
    return { ok: false, reason: vscode.l10n.t("Could not read {0}: {1}", name, error instanceof Error ? error.message : String(error)) };
  }
}

/** A URI the webview names (a dropped Explorer file): read only when it is a file of an open workspace folder. */
export function workspaceFile(text: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder && !uri.path.split("/").includes("..") ? uri : undefined;
}

/** Why a file is too large: the setting's limit, or for an image the largest the chat shows. */
export function tooLarge(name: string, bytes: number, limitKB: number, image = false): string {
  const limit = attachmentLimitKBFor(image, limitKB);
  if (limit < limitKB) {
    return vscode.l10n.t("{0} is {1} KB; images up to {2} KB can be attached, the largest the chat shows.", name, Math.ceil(bytes / 1024), limit);
  }
  return vscode.l10n.t("{0} is {1} KB; files up to {2} KB can be attached (setting langgraph.chat.maxAttachmentKB).", name, Math.ceil(bytes / 1024), limitKB);
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? undefined : text;
  } catch {
    return undefined;
  }
}
