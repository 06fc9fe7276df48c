/**
 * The states a thread's runs go through in one panel, and the only moves between them. Kept as data so
 * it can be printed, tested state by state, and read as the single source of what may happen when.
 */
import type { RunPhase } from "../protocol/chatProtocol";

export type RunState = "idle" | "starting" | "streaming" | "rejoining" | "interrupted" | "stopping" | "failed";

export type RunEvent =
  /** A run is asked for: a message, an edit, a regeneration, or the answer to an interrupt. */
  | "start"
  /** A newer message replaces the current run on purpose (double-texting with interrupt or rollback). */
  | "supersede"
  /** The server created the run (or its first event arrived). */
  | "created"
  /** The stream was lost or went silent while the run goes on: it is being rejoined. */
  | "drop"
  /** A run already going on the server is joined: one active when the panel opened, or Retry after a lost stream. */
  | "rejoin"
  /** A queued run's turn came: its stream is joined from the start. */
  | "next"
  /** An event arrived on a joined stream. */
  | "resumed"
  /** The user pressed Stop. */
  | "stop"
  /** The run ended (done, stopped, or replaced). */
  | "finish"
  /** The run could not start, could not be followed to its end, or could not be rejoined. */
  | "fail"
  /** The thread waits at `interrupt()` for the user. */
  | "interrupt"
  /** Nothing is pending any more: the interrupt was answered elsewhere, or the failure was put aside (a reload). */
  | "clear";

export const RUN_STATES: readonly RunState[] = ["idle", "starting", "streaming", "rejoining", "interrupted", "stopping", "failed"];

export const RUN_EVENTS: readonly RunEvent[] = [
  "start",
  "supersede",
  "created",
  "drop",
  "rejoin",
  "next",
  "resumed",
  "stop",
  "finish",
  "fail",
  "interrupt",
  "clear",
];

/** Every allowed move; a pair missing here is a bug in the caller, not something to absorb. */
export const RUN_TRANSITIONS: Readonly<Record<RunState, Readonly<Partial<Record<RunEvent, RunState>>>>> = {
  idle: { start: "starting", rejoin: "rejoining", next: "rejoining", interrupt: "interrupted" },
  // `finish` before `created`: a run that ended (or was replaced) before the server named it.
  starting: { created: "streaming", supersede: "starting", stop: "stopping", finish: "idle", fail: "failed" },
  streaming: { drop: "rejoining", supersede: "starting", stop: "stopping", finish: "idle", fail: "failed" },
  rejoining: { resumed: "streaming", supersede: "starting", stop: "stopping", finish: "idle", fail: "failed" },
  interrupted: { start: "starting", rejoin: "rejoining", next: "rejoining", clear: "idle" },
  stopping: { supersede: "starting", finish: "idle" },
  failed: { start: "starting", rejoin: "rejoining", next: "rejoining", clear: "idle" },
};

/** Thrown for a move the table does not have. */
export class RunTransitionError extends Error {
  constructor(
    readonly state: RunState,
    readonly event: RunEvent,
  ) {
    super(`No run transition from "${state}" on "${event}"`);
    this.name = "RunTransitionError";
  }
}

/** The state after `event` in `state`; throws `RunTransitionError` when the table has no such move. */
export function transition(state: RunState, event: RunEvent): RunState {
  const next = RUN_TRANSITIONS[state][event];
  if (next === undefined) throw new RunTransitionError(state, event);
  return next;
}

/** Whether a run is under way (the panel shows Stop, edits and branch switches wait). */
export function isActive(state: RunState): boolean {
  return state === "starting" || state === "streaming" || state === "rejoining" || state === "stopping";
}

/** What the webview shows for a state: a lost stream being rejoined still reads as streaming to the user. */
export function phaseOf(state: RunState): RunPhase {
  switch (state) {
    case "starting":
      return "starting";
    case "streaming":
    case "rejoining":
      return "streaming";
    case "stopping":
      return "stopping";
    case "idle":
    case "interrupted":
    case "failed":
      return "idle";
  }
}

/** The table as aligned text, one line per state: `state  event → next, …`. */
export function formatTransitionTable(): string {
  const width = Math.max(...RUN_STATES.map((s) => s.length));
  return RUN_STATES.map((state) => {
    const moves = RUN_EVENTS.flatMap((event) => {
      const next = RUN_TRANSITIONS[state][event];
      return next ? [`${event} → ${next}`] : [];
    });
    return `${state.padEnd(width)}  ${moves.join(", ")}`;
  }).join("\n");
}
