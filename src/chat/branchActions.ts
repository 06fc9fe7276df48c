/**
 * What a chat panel does to move through a thread's branches and start new ones: show a sibling branch,
 * show the thread at a checkpoint, re-run from a checkpoint or a human message, edit a human message,
 * regenerate a reply. Each new branch starts through the panel's normal run path, so Stop, interrupts
 * and rejoin work there as anywhere. Free of `vscode`.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ThreadCheckpoint } from "../deployment/types";
import { CheckpointGoneError, type ErrorContext, type UserFacingError } from "../deployment/errorMapping";
import type { ChatMessageView } from "../protocol/chatProtocol";
import { shortId } from "../common/threadText";
import { messagesOfValues } from "../common/wireMessages";
import type { HistoryService } from "./historyService";
import { humanInput, toMessageViews } from "./messageViews";
import type { RunRequest } from "./runController";
import type { ThreadModel } from "./threadModel";

/** The parts of the panel's session the branch actions use. */
export interface BranchHost {
  gateway: Pick<DeploymentGateway, "getCheckpoint">;
  describe(error: unknown, context: ErrorContext): UserFacingError;
  model: ThreadModel;
  history: HistoryService;
  threadId(): string | undefined;
  /** The load under way (or the last one). */
  loaded(): Promise<void>;
  /** A run streams on this panel: branches wait until it ends. */
  runActive(): boolean;
  selectedAssistant(): string | undefined;
  selectAssistant(assistantId: string): void;
  /** Shows the human message of a send as pending. */
  optimistic(body: string): ChatMessageView;
  startRun(request: RunRequest): Promise<void>;
  /** Posts the whole thread as it is now in the model. */
  showSnapshot(): void;
  /** The header's branch label: what the panel shows instead of the thread's head, or undefined for the head. */
  branchLabel(): string | undefined;
  setBranchLabel(label: string | undefined): void;
  setError(error: UserFacingError): void;
}

export class BranchActions {
  constructor(private readonly host: BranchHost) {}

  /** Shows the previous or next sibling of a message: the thread as it is on that branch. */
  async switchBranch(messageId: string, direction: -1 | 1): Promise<void> {
    if (this.host.runActive()) return;
    await this.host.history.fresh();
    const head = this.host.history.sibling(messageId, direction);
    if (!head) return;
    await this.showBranch(head.messages, head.checkpointId);
    if (this.host.branchLabel()) this.host.setBranchLabel(undefined);
  }

  /**
   * Shows the thread as it was at a checkpoint; the next message continues from there, as a fork.
   * Returns the checkpoint's state, or undefined (and says why) when it cannot be shown.
   */
  async openAtCheckpoint(checkpointId: string): Promise<ThreadCheckpoint | undefined> {
    await this.host.loaded();
    const threadId = this.host.threadId();
    if (!threadId || this.host.runActive()) return undefined;
    try {
      const state = await this.host.gateway.getCheckpoint(threadId, checkpointId);
      if (!state) throw new CheckpointGoneError(threadId, checkpointId);
      await this.showBranch(messagesOfValues(state.values), checkpointId);
      const step = typeof state.metadata.step === "number" ? ` · step ${state.metadata.step}` : "";
      this.host.setBranchLabel(`${state.metadata.source === "update" ? l10n.t("edited state") : l10n.t("checkpoint")}${step}`);
      return state;
    } catch (error) {
      this.host.setError(this.host.describe(error, { operation: l10n.t("open the checkpoint"), subject: l10n.t("Checkpoint {0}", shortId(checkpointId)) }));
      return undefined;
    }
  }

  /**
   * Runs the thread again from a checkpoint with the chosen assistant: the panel shows the thread as it
   * was there, and the run's replies make a new branch. A checkpoint with nothing left to run (a run
   * ended there) says so; a message sent next continues from it.
   */
  async rerunFrom(checkpointId: string, assistantId: string): Promise<void> {
    const state = await this.openAtCheckpoint(checkpointId);
    if (!state || this.host.runActive()) return;
    if (!state.next.length) {
      const message = l10n.t("Nothing is left to run at this checkpoint (its run ended there). Send a message to continue from it.");
      return this.host.setError({ kind: "badRequest", message, actions: [], detail: "no next node" });
    }
    if (assistantId !== this.host.selectedAssistant()) this.host.selectAssistant(assistantId);
    await this.host.startRun({ assistantId, input: null, checkpointId });
  }

  /**
   * Runs the thread again from the checkpoint where a human message was added (the state just after it,
   * with its node still to run), with the chosen assistant: the replies make a new branch.
   */
  async rerunFromMessage(messageId: string, assistantId: string): Promise<void> {
    const position = this.host.model.messages.findIndex((m) => m.id === messageId);
    if (position < 0 || this.host.runActive()) return;
    await this.host.history.fresh();
    const checkpointId = this.host.history.forkPoint(position + 1, true);
    if (!checkpointId) {
      const message = l10n.t("No checkpoint where this message was added, with a step left to run, is in the history the panel loaded.");
      return this.host.setError({ kind: "notFound", message, actions: [], detail: "no checkpoint after the message" });
    }
    await this.rerunFrom(checkpointId, assistantId);
  }

  /** Replaces a human message with new text, as a new branch from the checkpoint before it. */
  async edit(messageId: string, text: string, assistantId: string | undefined): Promise<void> {
    const body = text.trim();
    if (!body || !assistantId) return;
    const fork = await this.branchFrom(messageId, false);
    if (!fork) return;
    const human = this.host.optimistic(body);
    await this.host.startRun({ assistantId, input: humanInput(human), human, draft: text, checkpointId: fork.checkpointId });
  }

  /** Asks again for an AI reply (with the same or another assistant), as a new branch. */
  async regenerate(messageId: string, assistantId: string | undefined): Promise<void> {
    if (!assistantId) return;
    const fork = await this.branchFrom(messageId, true);
    if (fork) await this.host.startRun({ assistantId, input: null, checkpointId: fork.checkpointId });
  }

  /** Shows a branch's messages (keeping known authors) and continues the next run from its checkpoint. */
  private async showBranch(messages: Parameters<typeof toMessageViews>[0], checkpointId: string): Promise<void> {
    const { model, history } = this.host;
    const known = new Map(model.messages.map((m) => [m.id, m]));
    model.reset(toMessageViews(messages, (id) => ({ author: known.get(id)?.author, subgraph: known.get(id)?.subgraph })));
    history.view(checkpointId);
    this.host.showSnapshot();
    await history.load();
  }

  /** Cuts the thread on screen before `messageId` for a new branch; undefined (and says why) when it cannot. */
  private async branchFrom(messageId: string, reply: boolean): Promise<{ checkpointId?: string } | undefined> {
    const { model, history } = this.host;
    const position = model.messages.findIndex((m) => m.id === messageId);
    if (position < 0 || this.host.runActive()) return undefined;
    await history.fresh();
    const checkpointId = history.forkPoint(position, reply);
    // Editing the first message starts the thread over; anything else forks from a checkpoint before it.
    if (!checkpointId && (reply || position > 0)) {
      const message = reply ? l10n.t("No checkpoint before this reply was found to regenerate from.") : l10n.t("This message is older than the history the panel loaded; it cannot be edited.");
      this.host.setError({ kind: "notFound", message, actions: [], detail: "no fork point" });
      return undefined;
    }
    model.reset(model.messages.slice(0, position));
    this.host.showSnapshot();
    return { checkpointId };
  }
}
