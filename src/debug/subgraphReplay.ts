/**
 * A replay of a subgraph from its own checkpoints. The server cannot stop a run inside a subgraph, so a
 * parent super-step runs it whole; its checkpoints are stored on the parent thread under the task's
 * namespace. Step Into and `subgraph:node` breakpoints then walk those recorded steps: what the
 * subgraph's state was before each of its nodes, and what each wrote. Nothing in a replay runs again.
 */
import * as l10n from "@vscode/l10n";
import type { DebugGateway } from "./debugSessionDeps";
import type { CheckpointTask, ThreadCheckpoint } from "../deployment/types";
import type { PausedState } from "./stateVariables";

export interface SubgraphReplay {
  /** The parent's node that ran the subgraph. */
  subgraph: string;
  /** The subgraph's checkpoints before each of its nodes, oldest first. */
  steps: ThreadCheckpoint[];
  index: number;
}

/** The tasks of the parent's super-step that ran a subgraph (their checkpoint namespace says so). */
export function subgraphTasks(tasks: readonly CheckpointTask[]): { name: string; ns: string }[] {
  return tasks.flatMap((task) => (task.name && task.checkpoint?.checkpoint_ns ? [{ name: task.name, ns: task.checkpoint.checkpoint_ns }] : []));
}

/**
 * The recorded steps of the subgraph a parent task ran: the checkpoints with a node still to run (the
 * input checkpoint, before `__start__`, and the final one, with nothing next, are not steps).
 */
export async function loadReplay(gateway: Pick<DebugGateway, "getSubgraphHistory">, threadId: string, task: { name: string; ns: string }): Promise<SubgraphReplay | undefined> {
  const history = await gateway.getSubgraphHistory(threadId, task.ns);
  const steps = history.filter((checkpoint) => checkpoint.next.length > 0 && !checkpoint.next.includes("__start__"));
  return steps.length > 0 ? { subgraph: task.name, steps, index: 0 } : undefined;
}

/** The replay's current step, as a stop: its state, and its tasks with what they wrote. */
/**
 * What the graph view marks while a replay stops: the subgraph's node, and the inner nodes next at this
 * step by their ids in the graph drawn with `xray` (`researcher:agent`).
 */
export function replayNodes(replay: SubgraphReplay): string[] {
  return [replay.subgraph, ...replay.steps[replay.index].next.map((node) => `${replay.subgraph}:${node}`)];
}

export function replayStop(replay: SubgraphReplay): PausedState {
  return { checkpoint: replay.steps[replay.index] };
}

/** The first recorded step before one of `nodes`, from `from` on. */
export function stepBefore(replay: SubgraphReplay, nodes: readonly string[], from = 0): number | undefined {
  const index = replay.steps.findIndex((step, i) => i >= from && step.next.some((node) => nodes.includes(node)));
  return index < 0 ? undefined : index;
}

export function replayNote(subgraph: string): string {
  return l10n.t("Replaying {0} from its checkpoints: it ran whole in the last step, so these are steps that already ran.", subgraph);
}
