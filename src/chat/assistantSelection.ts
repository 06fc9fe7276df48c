/**
 * The assistants a panel offers and the one selected for the next message: the last used on the
 * thread while it still exists, else the default for new threads, else the first.
 */
import type { AssistantDirectory } from "../state/assistantDirectory";
import type { AssistantOption, HostToWebview } from "../protocol/chatProtocol";

export interface AssistantSelectionDeps {
  assistants: AssistantDirectory;
  lastAssistant(threadId: string | undefined): string | undefined;
  rememberAssistant(threadId: string | undefined, assistantId: string): void;
}

export class AssistantSelection {
  private offered: AssistantOption[] = [];
  private selected: string | undefined;

  constructor(
    private readonly deps: AssistantSelectionDeps,
    threadId: string | undefined,
  ) {
    this.selected = deps.lastAssistant(threadId);
  }

  get id(): string | undefined {
    return this.selected;
  }

  get options(): AssistantOption[] {
    return this.offered;
  }

  /** The options as loaded; `fallback` (the thread's last assistant) counts when none is selected yet. */
  offer(options: AssistantOption[], fallback?: string): void {
    this.offered = options;
    this.selected ??= fallback;
    this.ensure();
  }

  /** Lists the assistants again (one may have been created or deleted); the message tells the panel. */
  async refresh(): Promise<HostToWebview> {
    this.deps.assistants.invalidate();
    this.offer(await this.deps.assistants.options());
    return this.message();
  }

  /** The directory's list changed elsewhere: offers it, keeping the selection while it still exists. */
  sync(options: AssistantOption[]): HostToWebview {
    this.offer(options);
    return this.message();
  }

  select(threadId: string | undefined, assistantId: string): HostToWebview {
    this.selected = assistantId;
    this.deps.rememberAssistant(threadId, assistantId);
    return this.message();
  }

  private message(): HostToWebview {
    return { type: "assistants", assistants: this.offered, selectedAssistantId: this.selected };
  }

  private ensure(): void {
    const options = this.offered;
    if (!options.length || (this.selected && options.some((o) => o.id === this.selected))) return;
    const fallback = this.deps.lastAssistant(undefined);
    this.selected = options.some((o) => o.id === fallback) ? fallback : options[0].id;
  }
}
