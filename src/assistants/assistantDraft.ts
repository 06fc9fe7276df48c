/**
 * The editable JSON of an assistant (name, description, config, context, metadata), parsed and
 * validated before anything is sent: a typo must be an error in the editor, not a 422.
 */
import * as l10n from "@vscode/l10n";
import type { AssistantDraft, AssistantRecord } from "../deployment/types";

export type { AssistantDraft };

export function draftOf(assistant: AssistantRecord): AssistantDraft {
  return {
    name: assistant.name,
    description: assistant.description,
    config: assistant.config,
    context: assistant.context,
    metadata: assistant.metadata,
  };
}

export function newDraft(graphId: string): AssistantDraft {
  return { name: `${graphId} (custom)`, description: "", config: { configurable: {} }, context: {}, metadata: {} };
}

export function formatDraft(draft: AssistantDraft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}

const KEYS = new Set(["name", "description", "config", "context", "metadata"]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses the editor's text; throws an Error whose message says exactly what to fix. */
export function parseDraft(text: string): AssistantDraft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(l10n.t("The assistant is not valid JSON: {0}", (error as Error).message), { cause: error });
  }
  if (!isObject(value)) throw new Error(l10n.t("The assistant must be a JSON object."));
  const unknown = Object.keys(value).filter((k) => !KEYS.has(k));
  if (unknown.length) throw new Error(l10n.t("Unknown field{0} {1}: use name, description, config, context, metadata.", unknown.length > 1 ? "s" : "", unknown.map((k) => `"${k}"`).join(", ")));
  if (typeof value.name !== "string" || !value.name.trim()) throw new Error(l10n.t("\"name\" must be a non-empty string."));
  if (value.description !== undefined && value.description !== null && typeof value.description !== "string") throw new Error(l10n.t("\"description\" must be a string."));
  for (const key of ["config", "context", "metadata"] as const) {
    if (value[key] !== undefined && !isObject(value[key])) throw new Error(l10n.t("\"{0}\" must be an object.", key));
  }
  const config = (value.config ?? {}) as Record<string, unknown>;
  if (config.configurable !== undefined && !isObject(config.configurable)) throw new Error(l10n.t("\"config.configurable\" must be an object."));
  if (config.recursion_limit !== undefined && (!Number.isInteger(config.recursion_limit) || (config.recursion_limit as number) < 1)) {
    throw new Error(l10n.t("\"config.recursion_limit\" must be a positive integer."));
  }
  if (config.tags !== undefined && !(Array.isArray(config.tags) && config.tags.every((t) => typeof t === "string"))) {
    throw new Error(l10n.t("\"config.tags\" must be an array of strings."));
  }
  return {
    name: value.name.trim(),
    description: typeof value.description === "string" ? value.description : undefined,
    config,
    context: (value.context ?? {}) as Record<string, unknown>,
    metadata: (value.metadata ?? {}) as Record<string, unknown>,
  };
}
