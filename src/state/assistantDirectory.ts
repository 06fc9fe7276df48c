/**
 * The deployment's assistants, fetched once per client and shared by the chat panels, the picker and
 * the Assistants view. Names for attribution come from here; a deleted assistant keeps a short id.
 * Other clients create, change and delete assistants too: `revalidate` reads the list again (a picker
 * opening, the visible Assistants view) and tells every listener when it changed.
 */
import { Emitter } from "../common/emitter";
import type { DeploymentGateway } from "../deployment/gateway";
import type { AssistantRecord as Assistant } from "../deployment/types";
import type { AssistantOption, AssistantRef } from "../protocol/chatProtocol";

const PAGE = 100;

export class AssistantDirectory {
  private loaded: Promise<Assistant[]> | undefined;
  private byId = new Map<string, Assistant>();
  private current: Assistant[] | undefined;
  private readonly changed = new Emitter<void>();
  /** The list differs from what was cached: created, changed or deleted elsewhere. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly gateway: DeploymentGateway) {}

  /** The list as last read, without asking the deployment; undefined before the first read. */
  get cached(): readonly Assistant[] | undefined {
    return this.current;
  }

  /** Reads the list again; when it differs from the cached one, it replaces it and listeners hear it. */
  async revalidate(): Promise<boolean> {
    const fresh = await this.fetchAll();
    const changed = this.current !== undefined && JSON.stringify(this.current) !== JSON.stringify(fresh);
    this.adopt(fresh);
    this.loaded = Promise.resolve(fresh);
    if (changed) this.changed.fire();
    return changed;
  }

  /** Every assistant, graph defaults first within each graph, then by name. */
  list(): Promise<Assistant[]> {
    this.loaded ??= this.fetchAll().then((all) => this.adopt(all)).catch((error) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  async options(): Promise<AssistantOption[]> {
    return (await this.list()).map(toOption);
  }

  async get(id: string): Promise<Assistant | undefined> {
    await this.list();
    if (!this.byId.has(id)) {
      // Created by someone else since the list was loaded.
      const assistant = await this.gateway.getAssistant(id).catch(() => undefined);
      if (assistant) this.byId.set(id, assistant);
    }
    return this.byId.get(id);
  }

  /** Synchronous best effort, for attribution while streaming. */
  ref(id: string): AssistantRef {
    const assistant = this.byId.get(id);
    return assistant ? { id, name: assistant.name || assistant.graph_id, graphId: assistant.graph_id } : { id, name: id.slice(0, 8) };
  }

  /** The graph's default assistant (created by the server, no config of its own). */
  async defaultFor(graphId: string): Promise<Assistant | undefined> {
    const all = await this.list();
    return all.find((a) => a.graph_id === graphId && isGraphDefault(a)) ?? all.find((a) => a.graph_id === graphId);
  }

  invalidate(): void {
    this.loaded = undefined;
    this.current = undefined;
    this.byId = new Map();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async fetchAll(): Promise<Assistant[]> {
    const all: Assistant[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.gateway.searchAssistants({ limit: PAGE, offset });
      all.push(...page);
      if (page.length < PAGE) break;
    }
    return all.sort(compareAssistants);
  }

  private adopt(all: Assistant[]): Assistant[] {
    this.current = all;
    this.byId = new Map(all.map((a) => [a.assistant_id, a]));
    return all;
  }
}

export function isGraphDefault(assistant: Assistant): boolean {
  return assistant.metadata.created_by === "system";
}

function compareAssistants(a: Assistant, b: Assistant): number {
  return a.graph_id.localeCompare(b.graph_id) || Number(isGraphDefault(b)) - Number(isGraphDefault(a)) || a.name.localeCompare(b.name);
}

function toOption(assistant: Assistant): AssistantOption {
  return {
    id: assistant.assistant_id,
    name: assistant.name || assistant.graph_id,
    graphId: assistant.graph_id,
    description: assistant.description,
  };
}
