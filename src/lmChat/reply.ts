/**
 * What the participant writes into VS Code's Chat view, and a record of it (the last response, for the
 * extension-host tests). Agent text is untrusted: it goes out as a `MarkdownString` that is not trusted
 * and has no HTML, so it cannot run commands. Only links this extension builds itself are trusted,
 * and only for its own commands.
 */
import * as vscode from "vscode";
import type { UserFacingError } from "../deployment/errorMapping";
import { labelText } from "../common/untrustedText";
import { escapeMarkdown } from "./text";
import { OPEN_THREAD_COMMAND } from "./commandIds";

/** The last response written to the Chat view. */
export interface ResponseRecord {
  text: string;
  progress: string[];
  buttons: string[];
  threadId?: string;
  assistantId?: string;
  status?: string;
}

const ERROR_BUTTONS: Record<string, { command: string; title: string } | undefined> = {
  openSettings: { command: "langgraph.openSettings", title: vscode.l10n.t("Open Settings") },
  setApiKey: { command: "langgraph.setApiKey", title: vscode.l10n.t("Set API Key") },
  showLog: { command: "langgraph.showLog", title: vscode.l10n.t("Show Log") },
};

export class Reply {
  readonly record: ResponseRecord = { text: "", progress: [], buttons: [] };

  constructor(private readonly stream: vscode.ChatResponseStream) {}

  /** Text from an agent or server: shown as markdown, never trusted. */
  untrusted(text: string): void {
    if (!text) return;
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    this.write(() => this.stream.markdown(markdown));
    this.record.text += text;
  }

  /** Markdown this extension wrote, with untrusted parts already escaped; links may run its own open command. */
  own(markdown: string, plain = markdown): void {
    const value = new vscode.MarkdownString(markdown);
    value.isTrusted = { enabledCommands: [OPEN_THREAD_COMMAND] };
    this.write(() => this.stream.markdown(value));
    this.record.text += plain;
  }

  progress(message: string): void {
    this.write(() => this.stream.progress(message));
    this.record.progress.push(message);
  }

  button(title: string, command: string, ...args: unknown[]): void {
    this.write(() => this.stream.button({ title, command, arguments: args }));
    this.record.buttons.push(title);
  }

  /** A request cancelled in the Chat view may close its stream before the run is wound up: what is left goes unwritten. */
  private write(action: () => void): void {
    try {
      action();
    } catch {
      // The response is closed; the record still says how the run ended.
    }
  }

  openThreadButton(threadId: string, title: string): void {
    this.button(vscode.l10n.t("Open “{0}” in LangGraph panel", labelText(title)), OPEN_THREAD_COMMAND, threadId);
  }

  error(error: UserFacingError): void {
    this.own(`\n\n**${escapeMarkdown(error.message)}**`, error.message);
    for (const action of error.actions) {
      const button = ERROR_BUTTONS[action];
      if (button) this.button(button.title, button.command);
    }
    this.record.status = "error";
  }
}

/** A command link this extension builds: opens a thread's panel. */
export function openThreadLink(label: string, threadId: string): string {
  return `[${escapeMarkdown(labelText(label))}](command:${OPEN_THREAD_COMMAND}?${encodeURIComponent(JSON.stringify([threadId]))})`;
}
