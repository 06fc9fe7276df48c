/**
 * The Variables view of a paused run: the state's channels at the current checkpoint, the pending tasks
 * with their writes and interrupts, and the update the last node wrote. Children are produced only when
 * a node is expanded; a reference names a path, resolved against the latest state, so references stay
 * valid after a variable is edited.
 */
import * as l10n from "@vscode/l10n";
import { Handles } from "@vscode/debugadapter";
import type { DebugProtocol } from "@vscode/debugprotocol";
import type { ThreadCheckpoint } from "../deployment/types";
import { formatPath, isRecord, valueAt, type PathSegment } from "./stateExpression";

export type ScopeName = "state" | "tasks" | "update";

export interface PausedState {
  checkpoint: ThreadCheckpoint;
  /** What the node that ran last wrote, from the run's `updates` events. */
  lastUpdate?: { node: string; update: unknown };
}

interface Reference {
  scope: ScopeName;
  path: PathSegment[];
}

const PREVIEW_LENGTH = 120;

export class StateVariables {
  private references = new Handles<Reference>();

  /** A new stop: references of the previous one no longer mean anything. */
  reset(): void {
    this.references = new Handles<Reference>();
  }

  scopes(paused: PausedState): DebugProtocol.Scope[] {
    const scopes: DebugProtocol.Scope[] = [
      { name: "State", presentationHint: "locals", variablesReference: this.references.create({ scope: "state", path: [] }), expensive: false },
      { name: l10n.t("Pending tasks"), variablesReference: this.references.create({ scope: "tasks", path: [] }), expensive: false },
    ];
    if (paused.lastUpdate) scopes.push({ name: l10n.t("Written by {0}", paused.lastUpdate.node), variablesReference: this.references.create({ scope: "update", path: [] }), expensive: false });
    return scopes;
  }

  /** The reference's scope and path, or undefined for a reference this stop never gave out. */
  resolve(reference: number): Reference | undefined {
    return this.references.get(reference);
  }

  children(paused: PausedState, reference: Reference): DebugProtocol.Variable[] {
    const parent = valueAt(scopeRoot(paused, reference.scope), reference.path);
    const entries: [PathSegment, unknown][] = Array.isArray(parent) ? parent.map((item, index) => [index, item]) : isRecord(parent) ? Object.entries(parent) : [];
    return entries.map(([key, value]) => this.variable(typeof key === "number" ? `[${key}]` : key, value, { scope: reference.scope, path: [...reference.path, key] }));
  }

  /** One value as a variable, expandable when it has children. */
  variable(name: string, value: unknown, reference: Reference): DebugProtocol.Variable {
    const expandable = (Array.isArray(value) && value.length > 0) || (isRecord(value) && Object.keys(value).length > 0);
    return {
      name,
      value: preview(value),
      type: Array.isArray(value) ? "array" : value === null ? "null" : typeof value,
      evaluateName: reference.scope === "state" ? formatPath(reference.path) : undefined,
      variablesReference: expandable ? this.references.create(reference) : 0,
      indexedVariables: Array.isArray(value) ? value.length : undefined,
      presentationHint: reference.scope === "state" ? undefined : { attributes: ["readOnly"] },
    };
  }
}

/** The root value of a scope. */
function scopeRoot(paused: PausedState, scope: ScopeName): unknown {
  switch (scope) {
    case "state":
      return paused.checkpoint.values;
    case "tasks":
      return Object.fromEntries(
        paused.checkpoint.tasks.map((task, index) => [
          task.name || `task ${index + 1}`,
          {
            id: task.id,
            ...(task.result === undefined ? {} : { writes: task.result }),
            ...(task.interrupts.length > 0 ? { interrupts: task.interrupts.map((i) => i.value) } : {}),
            ...(task.error ? { error: task.error } : {}),
          },
        ]),
      );
    case "update":
      return paused.lastUpdate?.update;
  }
}

/** A one-line preview; a message reads as its type and text. */
export function preview(value: unknown): string {
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (isRecord(value)) {
    if (typeof value.type === "string" && "content" in value) return clip(`${value.type}: ${typeof value.content === "string" ? JSON.stringify(value.content) : "[…]"}`);
    const keys = Object.keys(value);
    return clip(`{${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", …" : ""}}`);
  }
  if (value === undefined) return "undefined";
  return clip(JSON.stringify(value) ?? typeof value);
}

function clip(text: string): string {
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}
