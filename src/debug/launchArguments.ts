/**
 * What a `langgraph` launch or attach configuration says, checked before anything is sent: which
 * assistant (its name, id or graph id), the input (inline JSON, a JSON file or a plain message), an
 * existing thread, and whether to stop before the first node.
 */
import * as l10n from "@vscode/l10n";
import * as v from "valibot";
import type { DeploymentGateway } from "../deployment/gateway";
import type { AssistantRecord } from "../deployment/types";
import { isRecord } from "./stateExpression";

const launchSchema = v.looseObject({
  assistant: v.pipe(v.string(() => l10n.t("`assistant` must name an assistant (its name, id or graph id)")), v.trim(), v.minLength(1, () => l10n.t("`assistant` must name an assistant (its name, id or graph id)"))),
  input: v.optional(v.union([v.string(), v.record(v.string(), v.unknown())], () => l10n.t("`input` must be a JSON object or a string holding one"))),
  inputFile: v.optional(v.pipe(v.string(() => l10n.t("`inputFile` must be a path")), v.minLength(1))),
  message: v.optional(v.string(() => l10n.t("`message` must be a string"))),
  threadId: v.optional(v.pipe(v.string(() => l10n.t("`threadId` must be a thread id")), v.trim(), v.minLength(1))),
  stopOnEntry: v.optional(v.boolean(() => l10n.t("`stopOnEntry` must be true or false"))),
});

const attachSchema = v.looseObject({
  threadId: v.pipe(v.string(() => l10n.t("`threadId` must be a thread id")), v.trim(), v.minLength(1, () => l10n.t("`threadId` must name the thread to attach to"))),
  assistant: v.optional(v.pipe(v.string(() => l10n.t("`assistant` must name an assistant")), v.trim(), v.minLength(1))),
});

export type LaunchArguments = v.InferOutput<typeof launchSchema>;

const missingHints = (): Record<string, string> => ({
  assistant: l10n.t("the assistant whose run to debug (its name, id or graph id)"),
  threadId: l10n.t("the thread to attach to"),
});

/** A configuration the user must fix; its message says what is wrong. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

function check<T>(schema: v.GenericSchema<unknown, T>, value: unknown, request: string): T {
  const result = v.safeParse(schema, value ?? {});
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = v.getDotPath(issue);
  if (issue.input === undefined && where) throw new ConfigurationError(l10n.t("The {0} configuration is missing `{1}`{2}.", request, where, missingHints()[where] ? `: ${missingHints()[where]}` : ""));
  throw new ConfigurationError(l10n.t("The {0} configuration is not valid: {1}{2}.", request, issue.message, where && !issue.message.includes(`\`${where}\``) ? ` (at \`${where}\`)` : ""));
}

export const parseLaunchArguments = (value: unknown): LaunchArguments => check(launchSchema, value, "launch");
export const parseAttachArguments = (value: unknown) => check(attachSchema, value, "attach");

/** The run's input: `message` as a human message, else `input` (object or JSON text), else `inputFile`'s JSON. */
export async function resolveInput(args: LaunchArguments, readFile: (path: string) => Promise<string>): Promise<Record<string, unknown>> {
  if (args.message !== undefined) return { messages: [{ type: "human", content: args.message }] };
  if (isRecord(args.input)) return args.input;
  if (typeof args.input === "string") return parseObject(args.input, "`input`");
  if (args.inputFile !== undefined) {
    let content: string;
    try {
      content = await readFile(args.inputFile);
    } catch (error) {
      throw new ConfigurationError(l10n.t("Could not read `inputFile` {0}: {1}", args.inputFile, error instanceof Error ? error.message : String(error)));
    }
    return parseObject(content, `\`inputFile\` ${args.inputFile}`);
  }
  return {};
}

function parseObject(json: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigurationError(l10n.t("{0} is not valid JSON: {1}", what, error instanceof Error ? error.message : String(error)));
  }
  if (!isRecord(value)) throw new ConfigurationError(l10n.t("{0} must be a JSON object (the graph's input), not {1}.", what, Array.isArray(value) ? l10n.t("an array") : typeof value));
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The assistant a configuration names: by id, else by name, else the graph's default assistant. */
export async function findAssistant(gateway: Pick<DeploymentGateway, "getAssistant" | "searchAssistants">, wanted: string): Promise<AssistantRecord> {
  if (UUID.test(wanted)) {
    const byId = await gateway.getAssistant(wanted);
    if (byId) return byId;
  }
  const all = await gateway.searchAssistants({ limit: 1000 });
  const match =
    all.find((a) => a.name === wanted) ??
    all.find((a) => a.graph_id === wanted && a.metadata.created_by === "system") ??
    all.find((a) => a.graph_id === wanted) ??
    all.find((a) => a.name.toLowerCase() === wanted.toLowerCase());
  if (match) return match;
  const names = [...new Set(all.map((a) => a.name))].slice(0, 20).join(", ");
  throw new ConfigurationError(l10n.t("The deployment has no assistant named {0}{1}.", wanted, names ? l10n.t(" (its assistants: {0})", names) : ""));
}
