/** The one wrapper over workspaceState: what the extension remembers per workspace. */
import type * as vscode from "vscode";

const ASSISTANT_BY_THREAD = "langgraph.assistantByThread";
const DEFAULT_ASSISTANT = "langgraph.defaultAssistant";
const ACTIVE_RUNS = "langgraph.activeRuns";
const CHAT_VIEW_THREAD = "langgraph.chatViewThread";
const IGNORED_INTERRUPTS = "langgraph.ignoredInterrupts";
const PINNED_THREADS = "langgraph.pinnedThreads";
const INPUT_BY_ASSISTANT = "langgraph.inputByAssistant";
/** A run input is kept for this many assistants, and only when it is no longer than this. */
const MAX_INPUTS = 100;
const MAX_INPUT_CHARS = 100_000;
/** Enough for a long working session; the oldest entries go first. */
const MAX_THREADS = 500;

export class WorkspaceMemory {
  constructor(private readonly state: vscode.Memento) {}

  /**
   * The assistant last used on a thread here, or, without a thread, the default for new threads. A
   * thread never used here has none: the thread's own last assistant (from the server) comes first.
   */
  lastAssistant(threadId: string | undefined): string | undefined {
    if (!threadId) return this.state.get<string>(DEFAULT_ASSISTANT);
    return this.byThread()[threadId];
  }

  rememberAssistant(threadId: string | undefined, assistantId: string): void {
    if (!assistantId) return;
    if (!threadId) {
      void this.state.update(DEFAULT_ASSISTANT, assistantId);
      return;
    }
    const entries = Object.entries(this.byThread()).filter(([id]) => id !== threadId);
    entries.push([threadId, assistantId]);
    void this.state.update(ASSISTANT_BY_THREAD, Object.fromEntries(entries.slice(-MAX_THREADS)));
  }

  setDefaultAssistant(assistantId: string): void {
    void this.state.update(DEFAULT_ASSISTANT, assistantId);
  }

  /**
   * The thread VS Code's Chat view last talked to on this deployment: its next message goes there. A
   * thread of another deployment is not one this deployment has.
   */
  lastChatThread(deploymentUrl: string): string | undefined {
    const remembered = this.state.get<{ url?: unknown; threadId?: unknown }>(CHAT_VIEW_THREAD);
    return remembered?.url === deploymentUrl && typeof remembered.threadId === "string" ? remembered.threadId : undefined;
  }

  /** `undefined`: the next message from the Chat view starts a new thread. */
  rememberChatThread(deploymentUrl: string, threadId: string | undefined): void {
    void this.state.update(CHAT_VIEW_THREAD, threadId ? { url: deploymentUrl, threadId } : undefined);
  }

  /** The run streaming on a thread when the window went away: reopening rejoins it. */
  activeRun(threadId: string): string | undefined {
    return this.state.get<Record<string, string>>(ACTIVE_RUNS)?.[threadId];
  }

  rememberRun(threadId: string, runId: string | undefined): void {
    const runs = { ...(this.state.get<Record<string, string>>(ACTIVE_RUNS) ?? {}) };
    if (runId) runs[threadId] = runId;
    else if (threadId in runs) delete runs[threadId];
    else return;
    void this.state.update(ACTIVE_RUNS, runs);
  }

  /** Thread id → the interrupt the user chose to ignore in the Needs Input view. */
  ignoredInterrupts(): Readonly<Record<string, string>> {
    return this.state.get<Record<string, string>>(IGNORED_INTERRUPTS) ?? {};
  }

  /** Hides the thread's interrupt until it waits on another one. */
  async ignoreInterrupt(threadId: string, interruptKey: string): Promise<void> {
    const entries = Object.entries(this.ignoredInterrupts()).filter(([id]) => id !== threadId);
    entries.push([threadId, interruptKey]);
    await this.state.update(IGNORED_INTERRUPTS, Object.fromEntries(entries.slice(-MAX_THREADS)));
  }

  /** Pinned threads, in the order they were pinned. */
  pinnedThreads(): readonly string[] {
    const pinned = this.state.get<unknown>(PINNED_THREADS);
    return Array.isArray(pinned) ? pinned.filter((id): id is string => typeof id === "string") : [];
  }

  async setPinned(threadId: string, pinned: boolean): Promise<void> {
    const rest = this.pinnedThreads().filter((id) => id !== threadId);
    await this.state.update(PINNED_THREADS, pinned ? [...rest, threadId] : rest);
  }

  /** The last input run with an assistant whose graph is not a chat. */
  lastInput(assistantId: string): string | undefined {
    const input = this.state.get<Record<string, unknown>>(INPUT_BY_ASSISTANT)?.[assistantId];
    return typeof input === "string" ? input : undefined;
  }

  rememberInput(assistantId: string, input: string): void {
    if (input.length > MAX_INPUT_CHARS) return;
    const entries = Object.entries(this.state.get<Record<string, string>>(INPUT_BY_ASSISTANT) ?? {}).filter(([id]) => id !== assistantId);
    entries.push([assistantId, input]);
    void this.state.update(INPUT_BY_ASSISTANT, Object.fromEntries(entries.slice(-MAX_INPUTS)));
  }

  private byThread(): Record<string, string> {
    return this.state.get<Record<string, string>>(ASSISTANT_BY_THREAD) ?? {};
  }
}
