/**
 * Where a message from VS Code's Chat view or a language model tool goes, and what a run there leaves
 * behind: the thread is created (and announced) when there is none, the run is cancelled on the server
 * when the request is, and the thread's store entry and open panel follow once it ends.
 */
import * as l10n from "@vscode/l10n";
import type { AssistantRecord } from "../deployment/types";
import type { ErrorContext, UserFacingError } from "../deployment/errorMapping";
import type { DeploymentGateway } from "../deployment/gateway";
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { ThreadStore } from "../state/threadStore";
import type { WorkspaceMemory } from "../state/workspaceMemory";
import { runOnThread, type ThreadRunHooks, type ThreadRunResult } from "../chat";
import { shorten } from "../common/threadText";
import { findAssistant } from "./text";

export interface LmChatDeps {
  connection: {
    readonly gateway: DeploymentGateway;
    readonly url: string;
    describe(error: unknown, context?: ErrorContext): UserFacingError;
  };
  assistants: AssistantDirectory;
  memory: WorkspaceMemory;
  store: ThreadStore;
  /** The thread and assistant of the focused chat panel, if one is focused. */
  focusedChat(): { threadId?: string; assistantId?: string } | undefined;
  /** Opens (or reveals) the thread's chat panel. */
  openThread(threadId: string): void;
  /** A run from outside the panel ended on the thread: its open panel reloads and labels the reply. */
  threadRan(threadId: string): void;
  /** The assistant chosen for a thread's next message (its open panel's picker follows). */
  selectAssistant(threadId: string, assistantId: string): void;
}

export interface Target {
  threadId?: string;
  assistant: AssistantRecord;
}

export class Conversation {
  constructor(private readonly deps: LmChatDeps) {}

  get url(): string {
    return this.deps.connection.url;
  }

  describe(error: unknown, operation: string): UserFacingError {
    return this.deps.connection.describe(error, { operation });
  }

  /** The focused panel's thread, else the last one the Chat view used, else a new thread; its assistant with it. */
  async current(): Promise<Target> {
    const focused = this.deps.focusedChat();
    const threadId = focused?.threadId ?? this.deps.memory.lastChatThread(this.deps.connection.url);
    return { threadId, assistant: await this.assistantFor(threadId, focused?.assistantId) };
  }

  /** The assistant a thread's next message goes to: the one chosen, the one last used on it, the default. */
  async assistantFor(threadId: string | undefined, chosen?: string): Promise<AssistantRecord> {
    const all = await this.deps.assistants.list();
    const wanted = chosen ?? this.deps.memory.lastAssistant(threadId) ?? this.deps.memory.lastAssistant(undefined);
    return all.find((a) => a.assistant_id === wanted) ?? (await this.defaultAssistant(all));
  }

  async assistantNamed(name: string): Promise<AssistantRecord | undefined> {
    return findAssistant(name, await this.deps.assistants.list());
  }

  assistantList(): Promise<AssistantRecord[]> {
    return this.deps.assistants.list();
  }

  /** The assistant for the thread's next message (and for new threads when there is no thread yet). */
  choose(threadId: string | undefined, assistantId: string): void {
    this.deps.memory.rememberAssistant(threadId, assistantId);
    if (threadId) this.deps.selectAssistant(threadId, assistantId);
  }

  /** The next Chat view message goes to this thread (undefined: a new one). */
  useThread(threadId: string | undefined): void {
    this.deps.memory.rememberChatThread(this.deps.connection.url, threadId);
  }

  openThread(threadId: string): void {
    this.deps.openThread(threadId);
  }

  gateway(): DeploymentGateway {
    return this.deps.connection.gateway;
  }

  /** A new thread titled after its first message, announced to the Threads view. */
  async newThread(firstMessage: string): Promise<string> {
    const title = shorten(firstMessage || l10n.t("New thread"), 60);
    const thread = await this.deps.connection.gateway.createThread({ title });
    this.deps.store.created(thread, title);
    return thread.thread_id;
  }

  /**
   * Runs a message (or an interrupt's answer) on the thread. Aborting `signal` cancels the run on the
   * server. Afterwards the store hears the thread's new status and an open panel reloads.
   */
  async run(threadId: string, assistant: AssistantRecord, what: { message?: string; resume?: unknown }, hooks: ThreadRunHooks = {}): Promise<ThreadRunResult> {
    const { gateway } = this.deps.connection;
    let runId: string | undefined;
    const cancel = () => {
      if (runId) void gateway.cancelRun(threadId, runId).catch((error: unknown) => this.describe(error, l10n.t("stop the run")));
    };
    hooks.signal?.addEventListener("abort", cancel);
    this.deps.memory.rememberAssistant(threadId, assistant.assistant_id);
    try {
      return await runOnThread(
        { gateway, assistants: this.deps.assistants },
        { threadId, assistantId: assistant.assistant_id, ...what },
        {
          ...hooks,
          onRunCreated: (id) => {
            runId = id;
            hooks.onRunCreated?.(id);
            if (hooks.signal?.aborted) cancel();
          },
        },
      );
    } finally {
      hooks.signal?.removeEventListener("abort", cancel);
      await this.settled(threadId);
    }
  }

  private async settled(threadId: string): Promise<void> {
    try {
      const thread = await this.deps.connection.gateway.getThread(threadId);
      if (thread) this.deps.store.update(threadId, { status: thread.status, updated_at: thread.updated_at, metadata: thread.metadata });
    } catch {
      // The reply already says what went wrong; the Threads view catches up on its next refresh.
    }
    this.deps.threadRan(threadId);
  }

  private async defaultAssistant(all: AssistantRecord[]): Promise<AssistantRecord> {
    const assistant = (await this.deps.assistants.defaultFor(all[0]?.graph_id ?? "")) ?? all[0];
    if (!assistant) throw new Error(l10n.t("The deployment has no assistants."));
    return assistant;
  }
}
