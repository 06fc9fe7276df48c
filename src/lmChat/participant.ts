/**
 * The `@langgraph` participant of VS Code's Chat view: a message goes to the current thread's assistant
 * (the focused panel's, else the thread the Chat view used last, else a new thread), its reply streams
 * in as markdown, tool calls as progress, an interrupt as buttons that answer it. Slash commands pick
 * the assistant or the thread.
 */
import * as vscode from "vscode";
import type { AssistantRecord } from "../deployment/types";
import { pendingInterrupt } from "../chat";
import { shortId } from "../common/threadText";
import { labelText } from "../common/untrustedText";
import type { Conversation, Target } from "./conversation";
import { Reply, type ResponseRecord } from "./reply";
import { closestNames, codeSpan, escapeMarkdown, splitAssistantPrompt } from "./text";
import { listThreads, pickThread, threadTitle } from "./threadPicking";

/** What a response leaves for its follow-ups (index.ts offers them). */
export interface ResultMetadata {
  threadId?: string;
  assistantId?: string;
}

const assistantName = (assistant: AssistantRecord) => labelText(assistant.name || assistant.graph_id);

export class LangGraphParticipant {
  /** The last response written (the extension-host tests read it). */
  lastResponse: ResponseRecord | undefined;

  constructor(private readonly conversation: Conversation) {}

  async handle(request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const reply = new Reply(stream);
    this.lastResponse = reply.record;
    const prompt = request.prompt.trim();
    try {
      switch (request.command) {
        case "assistant":
          return await this.withAssistant(prompt, reply, token);
        case "new":
          this.conversation.useThread(undefined);
          if (prompt) return await this.send(prompt, { assistant: (await this.conversation.current()).assistant }, reply, token);
          reply.own(vscode.l10n.t("The next message starts a new thread."));
          return {};
        case "thread":
          return await this.chooseThread(prompt, reply);
        case "threads":
          await listThreads(this.conversation, reply);
          return {};
        case "open":
          return await this.open(reply);
        case "approve":
        case "reject":
          return await this.answer(request.command, prompt, reply, token);
        default:
          return await this.send(prompt, await this.conversation.current(), reply, token);
      }
    } catch (error) {
      reply.error(this.conversation.describe(error, vscode.l10n.t("send the message")));
      return {};
    } finally {
      reply.record.status ??= "answered";
    }
  }

  /** Sends one message on the target's thread (a new one when it has none) and streams the reply. */
  private async send(text: string, target: Target, reply: Reply, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const { assistant } = target;
    reply.record.assistantId = assistant.assistant_id;
    if (!text) {
      reply.own(vscode.l10n.t("Type a message for **{0}**, or `/assistant <name> <message>` to ask another assistant.", escapeMarkdown(assistantName(assistant))));
      return {};
    }
    const threadId = target.threadId ?? (await this.conversation.newThread(text));
    reply.record.threadId = threadId;
    this.conversation.useThread(threadId);
    return this.follow(threadId, assistant, { message: text }, reply, token);
  }

  /** Runs on the thread, streams the reply, and ends with the thread's link and any interrupt. */
  private async follow(threadId: string, assistant: AssistantRecord, what: { message?: string; resume?: unknown }, reply: Reply, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    reply.progress(vscode.l10n.t("{0} is answering on thread {1}…", assistantName(assistant), shortId(threadId)));
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    let streamed = false;
    try {
      const result = await this.conversation.run(threadId, assistant, what, {
        signal: abort.signal,
        onText: (text) => {
          streamed = true;
          reply.untrusted(text);
        },
        onToolCall: (name) => reply.progress(vscode.l10n.t("Calling tool {0}", labelText(name))),
      });
      reply.record.status = result.status;
      if (!streamed) reply.untrusted(result.reply);
      if (result.status === "cancelled") reply.own(vscode.l10n.t("\n\n*Stopped: the run was cancelled on the server.*"));
      if (result.status === "error") reply.error(this.conversation.describe(result.error, vscode.l10n.t("finish the reply")));
      if (result.interrupt) this.showInterrupt(threadId, result.interrupt.request?.description ?? result.interrupt.valueJson, reply, result.interrupt.request?.allow);
    } finally {
      cancelled.dispose();
    }
    reply.openThreadButton(threadId, await threadTitle(this.conversation, threadId));
    return { metadata: { threadId, assistantId: assistant.assistant_id } satisfies ResultMetadata };
  }

  private showInterrupt(threadId: string, description: string, reply: Reply, allow?: { accept: boolean; ignore: boolean }): void {
    reply.own(vscode.l10n.t("\n\n**The run is waiting for your answer:**\n\n"));
    reply.untrusted(description);
    const answer = (command: string) => ({ query: `@langgraph /${command} ${threadId}` });
    if (allow?.accept !== false) reply.button("Approve", "workbench.action.chat.open", answer("approve"));
    if (allow?.ignore !== false) reply.button("Reject", "workbench.action.chat.open", answer("reject"));
    reply.button(vscode.l10n.t("Open the card in LangGraph panel"), "langgraph.lmChat.openThread", threadId);
  }

  /** `/approve` / `/reject [thread id]`: answers the thread's pending interrupt as the panel's card would. */
  private async answer(decision: "approve" | "reject", prompt: string, reply: Reply, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const threadId = prompt || (await this.conversation.current()).threadId;
    const state = threadId ? await this.conversation.gateway().getState(threadId) : undefined;
    const interrupt = pendingInterrupt(state, undefined);
    if (!threadId || !interrupt) {
      reply.own(vscode.l10n.t("Thread {0} is not waiting for an answer.", escapeMarkdown(shortId(threadId))));
      return {};
    }
    this.conversation.useThread(threadId);
    reply.record.threadId = threadId;
    const assistant = await this.conversation.assistantFor(threadId);
    return this.follow(threadId, assistant, { resume: { type: decision === "approve" ? "accept" : "ignore" } }, reply, token);
  }

  /** `/assistant <name> [message]`: sends to that assistant on the same thread, or picks it for the next message. */
  private async withAssistant(prompt: string, reply: Reply, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const all = await this.conversation.assistantList();
    const list = all.map((a) => codeSpan(assistantName(a))).join(", ");
    if (!prompt) {
      reply.own(vscode.l10n.t("Which assistant? Type `/assistant <name> <message>`. This deployment has: {0}.", list));
      return {};
    }
    const { name, assistant, message } = splitAssistantPrompt(prompt, all);
    if (!assistant) {
      const near = closestNames(name, all.map(assistantName));
      const hint = near.length ? vscode.l10n.t(" Did you mean {0}?", near.map((n) => codeSpan(n)).join(" or ")) : "";
      reply.own(vscode.l10n.t("No assistant is called “{0}”.{1} This deployment has: {2}.", escapeMarkdown(labelText(name)), hint, list));
      reply.record.status = "unknownAssistant";
      return {};
    }
    const current = await this.conversation.current();
    if (!message) {
      this.conversation.choose(current.threadId, assistant.assistant_id);
      reply.own(vscode.l10n.t("The next message goes to **{0}**.", escapeMarkdown(assistantName(assistant))));
      reply.record.assistantId = assistant.assistant_id;
      return {};
    }
    return this.send(message, { threadId: current.threadId, assistant }, reply, token);
  }

  /** `/thread [id or title]`: the thread the next messages go to. */
  private async chooseThread(prompt: string, reply: Reply): Promise<vscode.ChatResult> {
    const picked = await pickThread(this.conversation, prompt);
    if (!picked) {
      reply.own(prompt ? vscode.l10n.t("No thread matches “{0}”. Try `/threads`.", escapeMarkdown(labelText(prompt))) : vscode.l10n.t("No thread picked."));
      return {};
    }
    this.conversation.useThread(picked.threadId);
    reply.record.threadId = picked.threadId;
    reply.own(vscode.l10n.t("The next messages go to thread **{0}**.", escapeMarkdown(labelText(picked.title))));
    reply.openThreadButton(picked.threadId, picked.title);
    return { metadata: { threadId: picked.threadId } satisfies ResultMetadata };
  }

  private async open(reply: Reply): Promise<vscode.ChatResult> {
    const { threadId } = await this.conversation.current();
    if (!threadId) {
      reply.own(vscode.l10n.t("There is no thread yet: send a message first."));
      return {};
    }
    this.conversation.openThread(threadId);
    reply.own(vscode.l10n.t("Opened thread **{0}**.", escapeMarkdown(labelText(await threadTitle(this.conversation, threadId)))));
    return { metadata: { threadId } satisfies ResultMetadata };
  }
}
