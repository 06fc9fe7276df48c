/**
 * The Needs Input view's data without its widgets: the model, polled while the view is visible with
 * backoff, stopped when the view hides or the deployment cannot be reached (one "cannot reach" row,
 * and Retry starts again), and the count the view's badge shows. Free of `vscode`.
 */
import * as l10n from "@vscode/l10n";
import { BackoffPoller, type PollOutcome, type PollTiming } from "../common/backoffPoller";
import { InboxModel, type InboxModelDeps } from "./inboxModel";

/** Failures that polling again will not fix on its own: the server is down or refuses the key. */
const STOPPING = new Set(["noUrl", "invalidUrl", "unreachable", "timeout", "unauthorized", "forbidden", "badResponse", "unsupported"]);

export interface InboxBadge {
  value: number;
  tooltip: string;
}

export class InboxFeed {
  readonly model: InboxModel;
  private readonly poller: BackoffPoller;

  constructor(deps: InboxModelDeps & { timing(): PollTiming }) {
    this.model = new InboxModel(deps);
    this.poller = new BackoffPoller(() => this.poll(), () => deps.timing());
  }

  /** Shown: reads now and keeps polling; hidden: no request until shown again. */
  setVisible(visible: boolean): void {
    this.poller.setWanted(visible);
  }

  get polling(): boolean {
    return this.poller.active;
  }

  /** Retry, Refresh, or an answer that changed the list: read now, and poll again if it had stopped. */
  async refresh(): Promise<void> {
    this.poller.resume();
    await this.poller.now();
  }

  async loadMore(): Promise<void> {
    await this.model.loadMore();
  }

  /** The count on the view's badge; undefined hides it (nothing waits, or the list could not be read). */
  get badge(): InboxBadge | undefined {
    if (this.model.error) return undefined;
    const count = this.model.entries.length;
    if (!count) return undefined;
    const more = this.model.hasMore ? l10n.t(" or more") : "";
    return { value: count, tooltip: count === 1 && !more ? l10n.t("1 thread needs input") : l10n.t("{0}{1} threads need input", count, more) };
  }

  dispose(): void {
    this.poller.dispose();
    this.model.dispose();
  }

  private async poll(): Promise<PollOutcome> {
    const result = await this.model.refresh();
    if (result.kind === "failed") return STOPPING.has(result.error.kind) ? "stop" : "same";
    return result.kind;
  }
}
