/**
 * Language model tools (agent mode, `vscode.lm.invokeTool`): list the deployment's assistants, search
 * and read its threads, and ask an assistant on a thread. Asking starts a run, so it is confirmed first,
 * naming the deployment and the assistant. Results are capped and say when they were cut; a failure is
 * a result the model can read, never a throw.
 */
import * as vscode from "vscode";
import type { AssistantRecord, ThreadStatus } from "../deployment/types";
import { threadStatusOf } from "../deployment/types";
import { shortId, titleOf } from "../common/threadText";
import { labelText } from "../common/untrustedText";
import { pendingInterrupt } from "../chat";
import type { Conversation } from "./conversation";
import { capText, closestNames, codeSpan, escapeMarkdown, transcriptOf } from "./text";

const MAX_RESULT_CHARS = 8000;
const MAX_MESSAGES = 30;

interface SearchInput {
  query?: string;
  status?: string;
  limit?: number;
}
interface GetThreadInput {
  threadId: string;
  maxMessages?: number;
}
interface AskInput {
  assistant: string;
  message: string;
  threadId?: string;
}

const result = (text: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(capText(text, MAX_RESULT_CHARS))]);
const nameOf = (assistant: AssistantRecord) => labelText(assistant.name || assistant.graph_id);

export class LangGraphTools {
  /** What the last confirmation asked (the extension-host tests read it: the workbench confirms by itself there). */
  lastConfirmation: { title: string; message: string } | undefined;

  constructor(private readonly conversation: Conversation) {}

  /** The tools by name (`TOOL_NAMES` in index.ts registers them, and loads this module on first use). */
  implementations(): Record<string, vscode.LanguageModelTool<never>> {
    const tools = {
      langgraph_list_assistants: {
        invoke: () => this.guard(vscode.l10n.t("list assistants"), () => this.listAssistants()),
        prepareInvocation: () => ({ invocationMessage: vscode.l10n.t("Listing the LangGraph deployment's assistants") }),
      } satisfies vscode.LanguageModelTool<Record<string, never>>,
      langgraph_search_threads: {
        invoke: (options) => this.guard(vscode.l10n.t("search threads"), () => this.searchThreads(options.input)),
        prepareInvocation: () => ({ invocationMessage: vscode.l10n.t("Searching LangGraph threads") }),
      } satisfies vscode.LanguageModelTool<SearchInput>,
      langgraph_get_thread: {
        invoke: (options) => this.guard(vscode.l10n.t("read the thread"), () => this.getThread(options.input)),
        prepareInvocation: (options) => ({ invocationMessage: vscode.l10n.t("Reading LangGraph thread {0}", shortId(options.input.threadId)) }),
      } satisfies vscode.LanguageModelTool<GetThreadInput>,
      langgraph_ask_assistant: {
        invoke: (options, token) => this.guard(vscode.l10n.t("ask the assistant"), () => this.ask(options.input, token)),
        prepareInvocation: (options) => this.prepareAsk(options.input),
      } satisfies vscode.LanguageModelTool<AskInput>,
    };
    return tools;
  }

  private async guard(operation: string, run: () => Promise<string>): Promise<vscode.LanguageModelToolResult> {
    try {
      return result(await run());
    } catch (error) {
      return result(`Error: ${this.conversation.describe(error, operation).message}`);
    }
  }

  private async listAssistants(): Promise<string> {
    const all = await this.conversation.assistantList();
    if (!all.length) return vscode.l10n.t("The deployment at {0} has no assistants.", this.conversation.url);
    const lines = all.map((a) => vscode.l10n.t("- {0} (graph: {1}, id: {2}){3}", nameOf(a), a.graph_id, a.assistant_id, a.description ? `: ${labelText(a.description)}` : ""));
    return vscode.l10n.t("Assistants of {0}:\n{1}", this.conversation.url, lines.join("\n"));
  }

  private async searchThreads(input: SearchInput): Promise<string> {
    const limit = Math.min(Math.max(Math.floor(input.limit ?? 20), 1), 50);
    const status: ThreadStatus | undefined = threadStatusOf(input.status);
    const query = input.query?.trim().toLowerCase();
    const threads = await this.conversation.gateway().searchThreads({ limit: query ? 100 : limit, status });
    const matching = threads
      .filter((t) => !query || t.thread_id.startsWith(query) || (titleOf(t.metadata) ?? "").toLowerCase().includes(query))
      .slice(0, limit);
    if (!matching.length) return vscode.l10n.t("No thread matches.");
    const lines = matching.map((t) => `- ${t.thread_id}: "${labelText(titleOf(t.metadata) ?? "untitled")}" (${t.status}, updated ${t.updated_at})`);
    return vscode.l10n.t("{0} thread(s), most recently updated first:\n{1}", matching.length, lines.join("\n"));
  }

  private async getThread(input: GetThreadInput): Promise<string> {
    if (typeof input.threadId !== "string" || !input.threadId.trim()) return vscode.l10n.t("Error: threadId is required (langgraph_search_threads finds thread ids).");
    const gateway = this.conversation.gateway();
    const thread = await gateway.getThread(input.threadId);
    if (!thread) return vscode.l10n.t("Error: there is no thread {0} on {1}.", input.threadId, this.conversation.url);
    const state = await gateway.getState(input.threadId);
    const maxMessages = Math.min(Math.max(Math.floor(input.maxMessages ?? MAX_MESSAGES), 1), 200);
    const header = `Thread ${thread.thread_id} "${labelText(titleOf(thread.metadata) ?? "untitled")}" (${thread.status})`;
    const interrupt = pendingInterrupt(state, undefined);
    const waiting = interrupt ? vscode.l10n.t("\n\nWaiting for a human answer: {0}", interrupt.request?.description ?? interrupt.valueJson) : "";
    return `${header}\n\n${transcriptOf(state.values, maxMessages, MAX_RESULT_CHARS - header.length - waiting.length - 10)}${waiting}`;
  }

  private async prepareAsk(input: AskInput): Promise<vscode.PreparedToolInvocation> {
    const assistant = await this.conversation.assistantNamed(input.assistant).catch(() => undefined);
    const name = assistant ? nameOf(assistant) : labelText(input.assistant);
    const where = input.threadId ? vscode.l10n.t("thread {0}", codeSpan(input.threadId)) : vscode.l10n.t("a new thread");
    const message = new vscode.MarkdownString(
      vscode.l10n.t("Start a run of the assistant **{0}** on {1} of the LangGraph deployment {2} with this message:\n\n> {3}", escapeMarkdown(name), where, codeSpan(this.conversation.url), escapeMarkdown(input.message ?? "")),
    );
    const confirmationMessages = { title: vscode.l10n.t("Run LangGraph assistant {0}?", name), message };
    this.lastConfirmation = { title: confirmationMessages.title, message: message.value };
    return { invocationMessage: vscode.l10n.t("Asking LangGraph assistant {0}", name), confirmationMessages };
  }

  private async ask(input: AskInput, token: vscode.CancellationToken): Promise<string> {
    const assistant = await this.conversation.assistantNamed(input.assistant ?? "");
    if (!assistant) {
      const all = await this.conversation.assistantList();
      const near = closestNames(input.assistant ?? "", all.map(nameOf));
      return vscode.l10n.t("Error: no assistant is called \"{0}\".{1} Available: {2}.", labelText(input.assistant ?? ""), near.length ? vscode.l10n.t(" Did you mean: {0}?", near.join(", ")) : "", all.map(nameOf).join(", "));
    }
    if (!input.message?.trim()) return vscode.l10n.t("Error: the message is empty.");
    if (input.threadId && !(await this.conversation.gateway().getThread(input.threadId))) {
      return vscode.l10n.t("Error: there is no thread {0} on {1}. Leave threadId out to start a new thread.", input.threadId, this.conversation.url);
    }
    const threadId = input.threadId ?? (await this.conversation.newThread(input.message));
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      const run = await this.conversation.run(threadId, assistant, { message: input.message }, { signal: abort.signal });
      const lines = [`Thread: ${threadId}`, `Assistant: ${nameOf(assistant)}`, vscode.l10n.t("Run status: {0}", run.status)];
      if (run.status === "error") lines.push(`Error: ${this.conversation.describe(run.error, vscode.l10n.t("finish the reply")).message}`);
      if (run.interrupt) {
        lines.push(
          vscode.l10n.t("The run stopped at an interrupt and waits for a human answer: {0}", run.interrupt.request?.description ?? run.interrupt.valueJson),
          vscode.l10n.t("To answer it, the user can open thread {0} in the LangGraph panel (LangGraph: Open Thread by ID…) or type \"@langgraph /approve {1}\" or \"@langgraph /reject {2}\" in the Chat view.", threadId, threadId, threadId),
        );
      }
      const reply = capText(run.reply || vscode.l10n.t("(no reply text)"), MAX_RESULT_CHARS - lines.join("\n").length - 20);
      return `${lines.join("\n")}\n\nReply:\n${reply}`;
    } finally {
      cancelled.dispose();
    }
  }
}
