/**
 * The run input of a graph that is not a chat as a JSON document, free of `vscode`: its paths, its text
 * (the input led by `$schema`, which points VS Code's JSON support at the graph's input schema) and the
 * input it holds (the same text without `$schema`, which the server never sees).
 *
 * Paths: `/<owner>/<assistant>/<name>.input.json` is the input a panel runs, where the owner is the
 * panel's thread or, for a panel whose thread the first run creates, `new-<panel key>`;
 * `/schema/<assistant>.json` is the schema the document is checked against.
 */
import { asSchema, inputSkeleton } from "./runInput";

export const INPUT_SCHEME = "langgraph-input";
/** Opens the focused (or given) panel's run input in the JSON editor. */
export const EDIT_INPUT_COMMAND = "langgraph.chat.editRunInput";
/** Runs the active run input document in its panel. */
export const RUN_INPUT_COMMAND = "langgraph.chat.runInputDocument";
const SCHEMA_KEY = "$schema";
const SEGMENT = "[0-9a-zA-Z-]+";
const NEW_OWNER = "new-";

export type InputTarget = { kind: "input"; owner: { threadId: string } | { panelKey: string }; assistantId: string } | { kind: "schema"; assistantId: string };

export function inputPath(owner: { threadId?: string; panelKey: string }, assistantId: string, name: string): string {
  const segment = owner.threadId ?? `${NEW_OWNER}${owner.panelKey}`;
  return `/${segment}/${assistantId}/${fileNameOf(name)}.input.json`;
}

export function inputSchemaPath(assistantId: string): string {
  return `/schema/${assistantId}.json`;
}

export function parseInputPath(path: string): InputTarget | undefined {
  const schema = path.match(new RegExp(`^/schema/(${SEGMENT})\\.json$`));
  if (schema) return { kind: "schema", assistantId: schema[1] };
  const input = path.match(new RegExp(`^/(${SEGMENT})/(${SEGMENT})/[^/]+\\.input\\.json$`));
  if (!input || input[1] === "schema") return undefined;
  const owner = input[1].startsWith(NEW_OWNER) ? { panelKey: input[1].slice(NEW_OWNER.length) } : { threadId: input[1] };
  return { kind: "input", owner, assistantId: input[2] };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The document's text: the input led by `$schema`; an input that is not a JSON object stays as it was typed. */
export function inputDocumentText(input: string, schemaUri: string): string {
  const value = parsed(input);
  if (!isObject(value)) return input;
  const { [SCHEMA_KEY]: _old, ...rest } = value;
  return `${JSON.stringify({ [SCHEMA_KEY]: schemaUri, ...rest }, null, 2)}\n`;
}

/** What a document opens with: the form's text, else the last input run with the assistant, else a skeleton of the schema. */
export function openingDocument(inputSchema: unknown, schemaUri: string, opening: { start?: string; last?: string }): string {
  return inputDocumentText(opening.start ?? opening.last ?? inputSkeleton(inputSchema), schemaUri);
}

/** The input a document holds: its text without `$schema`; text that is not a JSON object goes as it is, for the check to name what is wrong. */
export function inputOfDocument(text: string): string {
  const value = parsed(text);
  if (!isObject(value) || !(SCHEMA_KEY in value)) return text;
  const { [SCHEMA_KEY]: _schema, ...input } = value;
  return JSON.stringify(input, null, 2);
}

/** The input schema as the editor checks it: the document's own `$schema` is not an unknown key. */
export function editorSchema(inputSchema: unknown): Record<string, unknown> {
  const schema = asSchema(inputSchema);
  if (!schema) return {};
  return { ...schema, properties: { [SCHEMA_KEY]: { type: "string" }, ...(schema.properties ?? {}) } };
}

/** A name as one file-name segment: nothing a file name may not hold. */
function fileNameOf(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/[/\\:*?"<>|]/g, "_").trim();
  return cleaned.slice(0, 60) || "run";
}
