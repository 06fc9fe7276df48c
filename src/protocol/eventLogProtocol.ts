/**
 * The event log's host <-> webview protocol, imported by both sides. The host keeps every event of a
 * thread's runs; the page gets one short row per event and asks for an event's JSON when it is opened
 * or copied, so a 10,000-event run crosses the boundary as rows, not as payloads.
 */
import type { StreamModeName } from "../common/streamModes";

/** One event as a row: all strings come from the agent and are untrusted. */
export interface EventRowView {
  /** The event's place in its run, from 0. */
  seq: number;
  /** When the host received it (ms since the epoch). */
  time: number;
  /** The stream mode (`messages-tuple`, `updates`, …) or the run's own events (`metadata`, `error`). */
  mode: string;
  /** The subgraph path, e.g. "researcher › tools"; empty at the top level. */
  namespace: string;
  node: string;
  summary: string;
}

export interface EventRunView {
  key: string;
  label: string;
  events: number;
}

export type HostToEventLog =
  | {
      type: "snapshot";
      threadId: string;
      title: string;
      runs: EventRunView[];
      /** The run shown, or undefined when none ran yet. */
      runKey?: string;
      rows: EventRowView[];
      modes: StreamModeName[];
      /** Modes the server cannot stream here, with why. */
      note?: string;
    }
  | { type: "rows"; runKey: string; rows: EventRowView[] }
  | { type: "runs"; runs: EventRunView[] }
  | { type: "detail"; runKey: string; seq: number; json: string };

export type EventLogToHost =
  | { type: "ready" }
  | { type: "selectRun"; runKey: string }
  | { type: "setModes"; modes: StreamModeName[] }
  | { type: "expand"; runKey: string; seq: number }
  | { type: "copy"; runKey: string; seq: number };

/** What the page keeps across a reload of the window, to come back onto the same thread. */
export interface EventLogPersistedState {
  threadId: string;
}

const HOST_TO_WEBVIEW_TYPES = new Set<string>(["snapshot", "rows", "runs", "detail"]);

export function isHostToEventLog(value: unknown): value is HostToEventLog {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && HOST_TO_WEBVIEW_TYPES.has(type);
}

export function readEventLogPersistedState(value: unknown): EventLogPersistedState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { threadId } = value as { threadId?: unknown };
  return typeof threadId === "string" && threadId ? { threadId } : undefined;
}
