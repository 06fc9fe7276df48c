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
        invoke: () => this.guard("list assistants", () => this.listAssistants()),
        prepareInvocation: () => ({ invocationMessage: "Listing the LangGraph deployment's assistants" }),
      } satisfies vscode.LanguageModelTool<Record<string, never>>,
      langgraph_search_threads: {
        invoke: (options) => this.guard("search threads", () => this.searchThreads(options.input)),
        prepareInvocation: () => ({ invocationMessage: "Searching LangGraph threads" }),
      } satisfies vscode.LanguageModelTool<SearchInput>,
      langgraph_get_thread: {
        invoke: (options) => this.guard("read the thread", () => this.getThread(options.input)),
        prepareInvocation: (options) => ({ invocationMessage: `Reading LangGraph thread ${shortId(options.input.threadId)}` }),
      } satisfies vscode.LanguageModelTool<GetThreadInput>,
      langgraph_ask_assistant: {
        invoke: (options, token) => this.guard("ask the assistant", () => this.ask(options.input, token)),
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
    if (!all.length) return `The deployment at ${this.conversation.url} has no assistants.`;
    const lines = all.map((a) => `- ${nameOf(a)} (graph: ${a.graph_id}, id: ${a.assistant_id})${a.description ? `: ${labelText(a.description)}` : ""}`);
    return `Assistants of ${this.conversation.url}:\n${lines.join("\n")}`;
  }

  private async searchThreads(input: SearchInput): Promise<string> {
    const limit = Math.min(Math.max(Math.floor(input.limit ?? 20), 1), 50);
    const status: ThreadStatus | undefined = threadStatusOf(input.status);
    const query = input.query?.trim().toLowerCase();
    const threads = await this.conversation.gateway().searchThreads({ limit: query ? 100 : limit, status });
    const matching = threads
      .filter((t) => !query || t.thread_id.startsWith(query) || (titleOf(t.metadata) ?? "").toLowerCase().includes(query))
      .slice(0, limit);
    if (!matching.length) return "No thread matches.";
    const lines = matching.map((t) => `- ${t.thread_id}: "${labelText(titleOf(t.metadata) ?? "untitled")}" (${t.status}, updated ${t.updated_at})`);
    return `${matching.length} thread(s), most recently updated first:\n${lines.join("\n")}`;
  }

  private async getThread(input: GetThreadInput): Promise<string> {
    if (typeof input.threadId !== "string" || !input.threadId.trim()) return "Error: threadId is required (langgraph_search_threads finds thread ids).";
    const gateway = this.conversation.gateway();
    const thread = await gateway.getThread(input.threadId);
    if (!thread) return `Error: there is no thread ${input.threadId} on ${this.conversation.url}.`;
    const state = await gateway.getState(input.threadId);
    const maxMessages = Math.min(Math.max(Math.floor(input.maxMessages ?? MAX_MESSAGES), 1), 200);
    const header = `Thread ${thread.thread_id} "${labelText(titleOf(thread.metadata) ?? "untitled")}" (${thread.status})`;
    const interrupt = pendingInterrupt(state, undefined);
    const waiting = interrupt ? `\n\nWaiting for a human answer: ${interrupt.request?.description ?? interrupt.valueJson}` : "";
    return `${header}\n\n${transcriptOf(state.values, maxMessages, MAX_RESULT_CHARS - header.length - waiting.length - 10)}${waiting}`;
  }

  private async prepareAsk(input: AskInput): Promise<vscode.PreparedToolInvocation> {
    const assistant = await this.conversation.assistantNamed(input.assistant).catch(() => undefined);
    const name = assistant ? nameOf(assistant) : labelText(input.assistant);
    const where = input.threadId ? `thread ${codeSpan(input.threadId)}` : "a new thread";
    const message = new vscode.MarkdownString(
      `Start a run of the assistant **${escapeMarkdown(name)}** on ${where} of the LangGraph deployment ${codeSpan(this.conversation.url)} with this message:\n\n> ${escapeMarkdown(input.message ?? "")}`,
    );
    const confirmationMessages = { title: `Run LangGraph assistant ${name}?`, message };
    this.lastConfirmation = { title: confirmationMessages.title, message: message.value };
    return { invocationMessage: `Asking LangGraph assistant ${name}`, confirmationMessages };
  }

  private async ask(input: AskInput, token: vscode.CancellationToken): Promise<string> {
    const assistant = await this.conversation.assistantNamed(input.assistant ?? "");
    if (!assistant) {
      const all = await this.conversation.assistantList();
      const near = closestNames(input.assistant ?? "", all.map(nameOf));
      return `Error: no assistant is called "${labelText(input.assistant ?? "")}".${near.length ? ` Did you mean: ${near.join(", ")}?` : ""} Available: ${all.map(nameOf).join(", ")}.`;
    }
    if (!input.message?.trim()) return "Error: the message is empty.";
    if (input.threadId && !(await this.conversation.gateway().getThread(input.threadId))) {
      return `Error: there is no thread ${input.threadId} on ${this.conversation.url}. Leave threadId out to start a new thread.`;
    }
    const threadId = input.threadId ?? (await this.conversation.newThread(input.message));
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      const run = await this.conversation.run(threadId, assistant, { message: input.message }, { signal: abort.signal });
      const lines = [`Thread: ${threadId}`, `Assistant: ${nameOf(assistant)}`, `Run status: ${run.status}`];
      if (run.status === "error") lines.push(`Error: ${this.conversation.describe(run.error, "finish the reply").message}`);
      if (run.interrupt) {
        lines.push(
          `The run stopped at an interrupt and waits for a human answer: ${run.interrupt.request?.description ?? run.interrupt.valueJson}`,
          `To answer it, the user can open thread ${threadId} in the LangGraph panel (LangGraph: Open Thread by ID…) or type "@langgraph /approve ${threadId}" or "@langgraph /reject ${threadId}" in the Chat view.`,
        );
      }
      const reply = capText(run.reply || "(no reply text)", MAX_RESULT_CHARS - lines.join("\n").length - 20);
      return `${lines.join("\n")}\n\nReply:\n${reply}`;
    } finally {
      cancelled.dispose();
    }
  }
}
