/**
 * Reading and saving the state at a checkpoint, free of `vscode` (the editor documents are a thin
 * layer on it, and the integration tests drive it against a real server). A save is checked before
 * anything is sent (JSON, the graph's schema, a run streaming on the thread) and writes only what
 * changed, with `threads.updateState` from that checkpoint: a new checkpoint that forks the thread.
 */
import * as l10n from "@vscode/l10n";
import type { DeploymentGateway } from "../deployment/gateway";
import { CheckpointGoneError } from "../deployment/errorMapping";
import type { ThreadCheckpoint } from "../deployment/types";
import { parseState, stateUpdate } from "./stateEdit";

/**
 * The JSON language service, loaded on first use (a bundle of its own): activation neither reads nor
 * parses it, and most sessions never edit state.
 */
function schemaTools(): typeof import("./stateSchema") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./stateSchema only here
  return require("./stateSchema") as typeof import("./stateSchema");
}

type Gateway = Pick<DeploymentGateway, "getCheckpoint" | "getThread" | "searchAssistants" | "stateSchema" | "updateState">;

/** A save refused before anything was sent, with the reason to show. */
export class SaveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SaveRefused";
  }
}

export interface SaveRequest {
  threadId: string;
  checkpointId: string;
  /** The document's text. */
  text: string;
  /** The node the update is written as; by default the node that wrote the checkpoint. */
  asNode?: string;
  /** Asked when a run streams on the thread; true saves anyway. */
  confirmWhileBusy(): PromiseLike<boolean>;
  /** Told when the graph's state schema could not be read: the save goes ahead, its values unchecked. */
  schemaUnavailable?(error: unknown): void;
}

export class CheckpointEditor {
  /** Schemas by graph id: the local server takes seconds to derive one. */
  private readonly schemas = new Map<string, Promise<Record<string, unknown> | undefined>>();

  constructor(private readonly gateway: Gateway) {}

  /** Forgets schemas (the deployment changed). */
  reset(): void {
    this.schemas.clear();
  }

  /** The state at the checkpoint; a checkpoint the thread no longer has throws `CheckpointGoneError`. */
  async read(threadId: string, checkpointId: string): Promise<ThreadCheckpoint> {
    const state = await this.gateway.getCheckpoint(threadId, checkpointId);
    if (!state) throw new CheckpointGoneError(threadId, checkpointId);
    return state;
  }

  /**
   * Saves the edited state; returns the new checkpoint's id, or undefined when nothing changed.
   * Throws `SaveRefused` for what the user must fix, the gateway's errors for the rest.
   */
  async save(request: SaveRequest): Promise<string | undefined> {
    const { threadId, checkpointId, text } = request;
    let edited;
    try {
      edited = parseState(text);
    } catch (error) {
      throw new SaveRefused((error as Error).message);
    }
    const original = await this.read(threadId, checkpointId);
    const found = await this.schemaFor(threadId, original.values);
    if ("error" in found) request.schemaUnavailable?.(found.error);
    const problems = await schemaTools().schemaProblems(text, found.schema);
    if (problems.length) {
      const more = problems.length > 3 ? l10n.t(" (and {0} more)", problems.length - 3) : "";
      throw new SaveRefused(l10n.t("The state does not fit the graph's state schema: {0}{1}.", problems.slice(0, 3).join("; "), more));
    }
    let update;
    try {
      update = stateUpdate(original.values as Record<string, unknown>, edited);
    } catch (error) {
      throw new SaveRefused((error as Error).message);
    }
    if (!update) return undefined;
    const thread = await this.gateway.getThread(threadId);
    if (thread?.status === "busy" && !(await request.confirmWhileBusy())) throw new SaveRefused(l10n.t("Not saved: a run is streaming on the thread."));
    const asNode = request.asNode ?? (await this.writerOf(threadId, original));
    return this.gateway.updateState(threadId, update, { checkpointId, asNode });
  }

  /** The node that wrote the checkpoint (its parent's finished task), so an edit keeps what runs next. */
  async writerOf(threadId: string, state: ThreadCheckpoint): Promise<string | undefined> {
    if (state.metadata.source === "input") return "__input__";
    const parentId = state.parent_checkpoint?.checkpoint_id;
    if (!parentId) return undefined;
    const parent = await this.gateway.getCheckpoint(threadId, parentId);
    return parent?.tasks.find((task) => task.result !== undefined && task.result !== null && task.name)?.name;
  }

  /** The graph's state schema, narrowed to what the checkpoint's values fit (`usableSchema`). */
  async schemaAt(threadId: string, values: unknown): Promise<Record<string, unknown> | undefined> {
    return (await this.schemaFor(threadId, values)).schema;
  }

  /** The usable schema, or why the graph's schema could not be read (a timeout, a server error). */
  private async schemaFor(threadId: string, values: unknown): Promise<{ schema?: Record<string, unknown>; error?: unknown }> {
    const thread = await this.gateway.getThread(threadId);
    const graphId = typeof thread?.metadata.graph_id === "string" ? thread.metadata.graph_id : undefined;
    if (!graphId) return {};
    let schema = this.schemas.get(graphId);
    if (!schema) {
      schema = this.graphSchema(graphId);
      this.schemas.set(graphId, schema);
      // A failed read is tried again next time.
      schema.catch(() => this.schemas.delete(graphId));
    }
    let graphSchema;
    try {
      graphSchema = await schema;
    } catch (error) {
      return { error };
    }
    return { schema: await schemaTools().usableSchema(graphSchema, values) };
  }

  private async graphSchema(graphId: string): Promise<Record<string, unknown> | undefined> {
    const [assistant] = await this.gateway.searchAssistants({ limit: 1, graphId });
    return assistant ? this.gateway.stateSchema(assistant.assistant_id) : undefined;
  }
}
