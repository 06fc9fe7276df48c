/**
 * What the deployment answers, checked at the boundary. Ids are required; everything a screen can do
 * without falls back to an empty value, so one odd field from some server version costs a detail, not
 * the whole list. Graph state (`values`, task results) stays `unknown`: it is the graph's own data.
 */
import * as l10n from "@vscode/l10n";
import * as v from "valibot";
import { THREAD_STATUSES, type AssistantRecord, type AssistantVersion, type GraphSchemas, type RawGraph, type RunRecord, type ServerInfo, type ThreadCheckpoint, type ThreadSummary } from "./types";

const id = v.pipe(v.string(), v.minLength(1));
const text = v.fallback(v.string(), "");
const dict = v.fallback(v.record(v.string(), v.unknown()), {});
const config = v.fallback(v.looseObject({ configurable: v.optional(v.record(v.string(), v.unknown())) }), {});
const checkpointRef = v.nullish(v.looseObject({ checkpoint_id: v.nullish(v.string()) }));

const interrupt = v.object({ id: v.optional(v.fallback(v.string(), "")), value: v.optional(v.unknown()) });

const threadSummary = v.object({
  thread_id: id,
  created_at: text,
  updated_at: text,
  status: v.fallback(v.picklist(THREAD_STATUSES), "idle"),
  metadata: dict,
  config: v.optional(config),
  interrupts: v.optional(v.fallback(v.record(v.string(), v.fallback(v.array(interrupt), [])), {})),
});

const task = v.object({
  id: v.optional(v.fallback(v.string(), "")),
  name: v.optional(v.fallback(v.string(), "")),
  result: v.optional(v.unknown()),
  checkpoint: v.optional(v.fallback(v.nullable(v.object({ checkpoint_ns: v.optional(v.fallback(v.string(), "")) })), null)),
  error: v.optional(v.fallback(v.nullable(v.string()), null)),
  interrupts: v.fallback(v.array(interrupt), []),
});

const checkpoint = v.object({
  values: v.unknown(),
  next: v.fallback(v.array(v.string()), []),
  checkpoint: v.fallback(checkpointRef, null),
  parent_checkpoint: v.fallback(checkpointRef, null),
  metadata: dict,
  created_at: v.fallback(v.nullish(v.string()), null),
  tasks: v.fallback(v.array(task), []),
});

const run = v.object({
  run_id: id,
  thread_id: text,
  assistant_id: text,
  status: v.fallback(v.picklist(["pending", "running", "error", "success", "timeout", "interrupted"]), "error"),
  kwargs: v.optional(v.fallback(v.looseObject({ resumable: v.optional(v.fallback(v.boolean(), false)) }), {})),
});

const assistant = v.object({
  assistant_id: id,
  graph_id: id,
  name: text,
  description: v.optional(v.fallback(v.nullable(v.string()), null)),
  config,
  context: dict,
  metadata: dict,
  version: v.fallback(v.number(), 1),
});

const version = v.object({ version: v.number(), created_at: text, config });

const graph = v.looseObject({ nodes: v.optional(v.array(v.looseObject({}))), edges: v.optional(v.array(v.looseObject({}))) });

const stateUpdate = v.object({ checkpoint: v.looseObject({ checkpoint_id: id }) });

const schemas = v.looseObject({ state_schema: v.fallback(v.nullish(v.record(v.string(), v.unknown())), null) });

const serverInfo = v.object({
  version: v.fallback(v.optional(v.pipe(v.string(), v.minLength(1))), undefined),
  flags: v.fallback(v.record(v.string(), v.boolean()), {}),
});

/** A response that is not what the API promises: said as such, with where it went wrong. */
class UnexpectedResponseError extends Error {
  constructor(what: string, issues: v.BaseIssue<unknown>[]) {
    const where = issues[0] ? `${v.getDotPath(issues[0]) ?? "(root)"}: ${issues[0].message}` : "";
    super(l10n.t("The deployment answered {0} in an unexpected shape ({1})", what, where));
    this.name = "UnexpectedResponseError";
  }
}

/** `what` names the answer in the error's sentence; a function, as the bundle is configured after this module loads. */
function parser<T>(schema: v.GenericSchema<unknown, T>, what: () => string) {
  const one = (value: unknown): T => {
    const result = v.safeParse(schema, value);
    if (!result.success) throw new UnexpectedResponseError(what(), result.issues);
    return result.output;
  };
  const many = (value: unknown): T[] => {
    if (!Array.isArray(value)) throw new UnexpectedResponseError(l10n.t("a list of {0}", what()), []);
    return value.map(one);
  };
  return { one, many };
}

export const parseThread = parser<ThreadSummary>(threadSummary, () => l10n.t("a thread"));
export const parseCheckpoint = parser<ThreadCheckpoint>(checkpoint as v.GenericSchema<unknown, ThreadCheckpoint>, () => l10n.t("a thread state"));
export const parseRun = parser<RunRecord>(
  v.pipe(
    run,
    v.transform(({ kwargs, ...rest }) => (kwargs?.resumable ? { ...rest, resumable: true } : rest)),
  ),
  () => l10n.t("a run"),
);
export const parseAssistant = parser<AssistantRecord>(
  v.pipe(assistant, v.transform((a) => ({ ...a, description: a.description ?? undefined }))),
  () => l10n.t("an assistant"),
);
export const parseVersion = parser<AssistantVersion>(version, () => l10n.t("an assistant version"));
export const parseGraph = parser<RawGraph>(graph, () => l10n.t("a graph"));
export const parseStateUpdate = parser(stateUpdate, () => l10n.t("a state update"));
export const parseSchemas = parser(schemas, () => l10n.t("graph schemas"));
const graphSchemas = v.object({
  graph_id: text,
  input_schema: v.optional(v.unknown()),
  state_schema: v.optional(v.unknown()),
});
export const parseGraphSchemas = parser<GraphSchemas>(graphSchemas, () => l10n.t("graph schemas"));
export const parseServerInfo = parser<ServerInfo>(serverInfo, () => l10n.t("its server info"));
