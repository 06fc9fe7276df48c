/**
 * DAP messages the adapter builds from its own model: breakpoints, stops, and the values typed into
 * the Variables view and the Debug Console.
 */
import * as l10n from "@vscode/l10n";
import { Event } from "@vscode/debugadapter";
import type { DebugProtocol } from "@vscode/debugprotocol";
import type { RunCommand } from "../deployment/types";
import type { FrameSource } from "./nodePages";
import { ConfigurationError } from "./launchArguments";
import type { NodeBreakpoint, NodeBreakpoints } from "./nodeBreakpoints";
import { isRecord } from "./stateExpression";
import { preview, type PausedState } from "./stateVariables";
import type { SubgraphReplay } from "./subgraphReplay";

/** How a run goes on from a stop: to the next breakpoint, one super-step, or (at launch) to the first node. */
export type Step = "continue" | "step" | "entry";

/** Where a run stopped and why: an `interrupt()`, a step, or the breakpoints it hit. */
export function stoppedEvent(step: Step, paused: PausedState, breakpoints: NodeBreakpoints, threadId: number): DebugProtocol.StoppedEvent {
  const next = paused.checkpoint.next;
  const interrupts = paused.checkpoint.tasks.flatMap((task) => task.interrupts);
  let reason: string;
  let description: string;
  let hit: NodeBreakpoint[] = [];
  if (interrupts.length > 0) {
    reason = "interrupt";
    description = l10n.t("Paused at interrupt(): {0}", preview(interrupts[0].value));
  } else if (step !== "continue") {
    reason = step;
    description = l10n.t("Paused before {0}", next.join(", "));
  } else {
    hit = breakpoints.hitBy(next, paused.lastUpdate?.node);
    reason = hit.some((b) => b.source) ? "breakpoint" : "function breakpoint";
    const after = hit.find((b) => b.stop === "after");
    description = after ? l10n.t("Paused after {0}", after.node ?? "") : l10n.t("Paused before {0}", next.join(", "));
  }
  const body: DebugProtocol.StoppedEvent["body"] = { reason, threadId, description, text: description };
  if (hit.length > 0) body.hitBreakpointIds = hit.map((b) => b.id);
  return new Event("stopped", body) as DebugProtocol.StoppedEvent;
}

/** A stop in a subgraph's replay: it says plainly that the step already ran. */
export function replayEvent(reason: "step" | "breakpoint", replay: SubgraphReplay, hitBreakpointIds: number[] = []): DebugProtocol.StoppedEvent {
  const next = replay.steps[replay.index].next.join(", ");
  const description = l10n.t("Replay of {0}, before {1} (recorded: this step already ran)", replay.subgraph, next);
  const body: DebugProtocol.StoppedEvent["body"] = { reason, threadId: 1, description, text: description };
  if (hitBreakpointIds.length > 0) body.hitBreakpointIds = hitBreakpointIds;
  return new Event("stopped", body) as DebugProtocol.StoppedEvent;
}

/** A frame at `located`'s line; `name` is what Call Stack shows. */
function frameAt(id: number, name: string, located: FrameSource, top: boolean): DebugProtocol.StackFrame {
  return { id, name, source: located.source, line: located.line, column: 1, presentationHint: top ? "normal" : "subtle" };
}

/**
 * The Call Stack of a replay: the subgraph's next nodes inside it (`inner` locates them), then the
 * parent's node that ran it (`outer`).
 */
export function replayFrames(replay: SubgraphReplay, graphId: string, inner: (node: string) => FrameSource, outer: (node: string) => FrameSource): DebugProtocol.StackFrame[] {
  const frames = replay.steps[replay.index].next.map((node, index) => frameAt(index + 1, `${graphId} › ${replay.subgraph} › ${node}`, inner(node), index === 0));
  return [...frames, frameAt(frames.length + 1, `${graphId} › ${replay.subgraph} (replay)`, outer(replay.subgraph), false)];
}

/** A minimal response to a request, for answering before the base class has made one. */
export class MinimalResponse implements DebugProtocol.Response {
  seq = 0;
  type = "response";
  request_seq: number;
  success = true;
  command: string;
  constructor(request: DebugProtocol.Request) {
    this.request_seq = request.seq;
    this.command = request.command;
  }
}

export function toDap(breakpoint: NodeBreakpoint): DebugProtocol.Breakpoint {
  return {
    id: breakpoint.id,
    verified: breakpoint.verified,
    message: breakpoint.message,
    ...(breakpoint.source ? { source: { path: breakpoint.source.path }, line: breakpoint.source.line } : {}),
  };
}

export function breakpointChanged(breakpoint: NodeBreakpoint): DebugProtocol.BreakpointEvent {
  return new Event("breakpoint", { reason: "changed", breakpoint: toDap(breakpoint) }) as DebugProtocol.BreakpointEvent;
}

/** A typed value: JSON when it parses, else the text itself (so `Berlin` needs no quotes). */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A `Command`-style resume value typed into the Debug Console: `{"resume": …}`, `{"goto": …}`, `{"update": …}`. */
export function parseCommand(expression: string): RunCommand {
  let value: unknown;
  try {
    value = JSON.parse(expression);
  } catch (error) {
    throw new ConfigurationError(l10n.t("Not valid JSON: {0}", error instanceof Error ? error.message : String(error)));
  }
  if (!isRecord(value) || !("resume" in value || "goto" in value || "update" in value)) throw new ConfigurationError(l10n.t("A resume value is a Command: an object with `resume`, `goto` or `update`, like {\"resume\": \"yes\"}."));
  if (value.update !== undefined && !isRecord(value.update)) throw new ConfigurationError(l10n.t("`update` must be an object of state values."));
  return value;
}

/**
 * The Call Stack of a stop: the graph and each next task (`tools › tools`), the first one on top. `locate`
 * gives each frame's source: the line that adds its node when the workspace has the graph's source, else
 * its line on the graph's node page. A node that runs a subgraph says so: the run cannot stop inside it,
 * so no frame goes deeper.
 */
export function stackFrames(paused: PausedState, graphId: string, locate: (node: string) => FrameSource, subgraph: (node: string) => boolean = () => false): DebugProtocol.StackFrame[] {
  const tasks = paused.checkpoint.tasks.length > 0 ? paused.checkpoint.tasks.map((task) => task.name ?? "") : paused.checkpoint.next;
  const frames = tasks.map((node, index) => frameAt(index + 1, `${graphId} › ${node}${subgraph(node) ? " (subgraph)" : ""}`, locate(node), index === 0));
  if (frames.length === 0 && paused.lastUpdate) frames.push(frameAt(1, `${graphId} › ${paused.lastUpdate.node} (done)`, locate(paused.lastUpdate.node), true));
  return frames;
}
