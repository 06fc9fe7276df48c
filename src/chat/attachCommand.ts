/**
 * "Attach to LangGraph Chat" on Explorer files: the files are read (text inline, raster images as
 * images, each within the size limit) and join the composer of the chat the user was last in, or of a
 * new chat when none is open. Files that cannot be attached are named with the reason.
 */
import * as vscode from "vscode";
import type { ChatPanelManager } from "./chatPanelManager";
import { readAttachment } from "./fileAttachments";
import type { LoadedParts } from "../panels/lazyParts";

export function attachCommandParts(chats: ChatPanelManager): LoadedParts {
  const attachFile = async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
    const uris = selected?.length ? selected : clicked ? [clicked] : (await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: vscode.l10n.t("Attach") })) ?? [];
    if (uris.length === 0) return;
    const read = await Promise.all(uris.map((uri) => readAttachment(uri)));
    for (const result of read) if (!result.ok) void vscode.window.showWarningMessage(result.reason);
    const attachments = read.flatMap((result) => (result.ok ? [result.attachment] : []));
    if (attachments.length === 0) return;
    const panel = chats.active ?? chats.all.find((p) => p.panel.visible) ?? chats.all.at(-1) ?? chats.open();
    panel.reveal();
    panel.attach(attachments);
  };
  return { commands: { "langgraph.chat.attachFile": attachFile } };
}
