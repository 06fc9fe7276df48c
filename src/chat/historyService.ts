/**
 * A thread's history as the panel uses it: who wrote each reply (read back further as the user scrolls
 * to older replies), which messages have branches, where an edit or regeneration forks from, and which
 * branch the next run continues. Reads never block the panel: a failure is logged, not shown.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import type { ErrorContext, UserFacingError } from "../deployment/errorMapping";
import type { AssistantRef, HostToWebview } from "../protocol/chatProtocol";
import { BranchNavigator } from "./branchNavigator";
import type { CheckpointMessages } from "./branches";
import type { ThreadModel } from "./threadModel";

export interface HistoryDeps {
  gateway: DeploymentGateway;
  model: ThreadModel;
  threadId(): string | undefined;
  ref(assistantId: string): AssistantRef;
  describe(error: unknown, context: ErrorContext): UserFacingError;
  post(message: HostToWebview): void;
}

export class HistoryService {
  private readonly branches = new BranchNavigator();
  /** Replies the webview asked authors for, and whether a read for them is under way. */
  private readonly authorsWanted = new Set<string>();
  private attributing = false;

  constructor(private readonly deps: HistoryDeps) {}

  /**
   * Reads checkpoint history for what the state alone does not say: who wrote each AI reply (survives
   * reloads, unlike anything kept locally) and which messages have sibling branches.
   */
  async load(): Promise<void> {
    const threadId = this.deps.threadId();
    if (!threadId) return;
    try {
      const unattributed = (attributed: ReadonlySet<string>) => this.deps.model.messages.some((m) => this.lacksAuthor(m.id) && !attributed.has(m.id));
      this.applyAuthors(await this.branches.load(this.deps.gateway, threadId, unattributed));
      this.applySubgraphs();
      this.postBranches();
    } catch (error) {
      // A nicety on top of a loaded thread: log, do not block the panel.
      this.deps.describe(error, { operation: l10n.t("load the thread's history") });
    }
  }

  /**
   * Earlier replies the user scrolled to have no author: reads further back in history for them (a
   * long thread's first read stops after a few pages). Requests that arrive meanwhile join the next read.
   */
  async attributeEarlier(ids: string[]): Promise<void> {
    for (const id of ids) if (this.lacksAuthor(id)) this.authorsWanted.add(id);
    const threadId = this.deps.threadId();
    if (this.attributing || !threadId) return;
    this.attributing = true;
    try {
      // Each read goes some pages further back; until the wanted replies have authors or history ends.
      while (this.authorsWanted.size && !this.branches.exhausted) {
        const wanted = [...this.authorsWanted];
        this.authorsWanted.clear();
        const unattributed = (attributed: ReadonlySet<string>) => wanted.some((id) => this.lacksAuthor(id) && !attributed.has(id));
        this.applyAuthors(await this.branches.loadOlder(this.deps.gateway, threadId, unattributed));
        for (const id of wanted) if (this.lacksAuthor(id)) this.authorsWanted.add(id);
      }
      this.authorsWanted.clear();
      this.applySubgraphs();
      this.postBranches();
    } catch (error) {
      this.deps.describe(error, { operation: l10n.t("load the thread's history") });
    } finally {
      this.attributing = false;
    }
  }

  /** Before an edit, regeneration or branch switch: history must include the runs since it was read. */
  async fresh(): Promise<void> {
    if (this.branches.stale) await this.load();
  }

  /**
   * A run ended and the thread was re-read. History is the costly read of a long thread: after a plain
   * run the stream already said who wrote what and no branch appeared, so it waits until needed.
   */
  async afterRun(): Promise<void> {
    const unattributed = this.deps.model.messages.some((m) => m.role === "ai" && !m.author);
    if (this.branches.mustReload || unattributed) await this.load();
    else this.branches.markStale();
  }

  /** The branch where the sibling before/after `messageId` stands, or undefined at either end. */
  sibling(messageId: string, direction: -1 | 1): CheckpointMessages | undefined {
    return this.branches.sibling(this.shownIds(), messageId, direction);
  }

  /** The checkpoint to fork from to replace the message at `position` (a reply needs a node to run). */
  forkPoint(position: number, reply: boolean): string | undefined {
    return this.branches.forkPoint(this.shownIds(), position, reply);
  }

  /** The panel now shows the thread at this checkpoint: the next run continues from it. */
  view(checkpointId: string): void {
    this.branches.view(checkpointId);
  }

  /** A run starts: where it forks from (an explicit checkpoint, else the branch on screen), if anywhere. */
  startRun(checkpointId: string | undefined): string | undefined {
    return this.branches.startRun(checkpointId);
  }

  /** A run this panel started or joined, with the assistant it knows ran it. */
  knowRun(runId: string, assistantId: string): void {
    this.branches.knowRun(runId, assistantId);
  }

  private applyAuthors(authorship: Map<string, string>): void {
    const update = this.deps.model.setAuthors(new Map([...authorship].map(([id, assistantId]) => [id, this.deps.ref(assistantId)])));
    if (update) this.deps.post(update);
  }

  /** Groups messages under the subgraph that wrote them, for those history names and the panel does not. */
  private applySubgraphs(): void {
    const update = this.deps.model.setSubgraphs(this.branches.subgraphs);
    if (update) this.deps.post(update);
  }

  private postBranches(): void {
    this.deps.post({ type: "branches", branches: this.branches.positions(this.deps.model.messages) });
  }

  private shownIds(): string[] {
    return this.deps.model.messages.map((m) => m.id);
  }

  private lacksAuthor(id: string): boolean {
    const message = this.deps.model.get(id);
    return message?.role === "ai" && !message.author;
  }
}
