/**
 * The editable JSON of a thread's state at a checkpoint, and what saving it sends: only the keys that
 * changed. A message list is sent message by message (the messages reducer merges by id), with the
 * removed ones as `remove` messages, so an edit replaces the message it changed and nothing else.
 */

/** The document's pointer to its schema: VS Code's JSON support reads it, the server never sees it. */
import * as l10n from "@vscode/l10n";
const SCHEMA_KEY = "$schema";

type Values = Record<string, unknown>;

const isObject = (value: unknown): value is Values => typeof value === "object" && value !== null && !Array.isArray(value);

/** Keys in a stable (sorted) order at every depth, so two states compare line by line. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
}

/** The document's text: the values with stable key order, led by `$schema` when there is one. */
export function formatState(values: unknown, schemaUri?: string): string {
  const sorted = sortedKeys(isObject(values) ? values : {}) as Values;
  return `${JSON.stringify(schemaUri ? { [SCHEMA_KEY]: schemaUri, ...sorted } : sorted, null, 2)}\n`;
}

/** Parses the editor's text into state values; throws an Error that says what to fix. */
export function parseState(text: string): Values {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(l10n.t("The state is not valid JSON: {0}", (error as Error).message), { cause: error });
  }
  if (!isObject(value)) throw new Error(l10n.t("The state must be a JSON object of the graph's state keys."));
  const { [SCHEMA_KEY]: _schema, ...values } = value;
  return values;
}

interface MessageLike {
  id: string;
  type: string;
  [key: string]: unknown;
}

const isMessage = (value: unknown): value is MessageLike => isObject(value) && typeof value.id === "string" && typeof value.type === "string";
const isMessageList = (value: unknown): value is MessageLike[] => Array.isArray(value) && value.every(isMessage);
const same = (a: unknown, b: unknown) => JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));

/** What to send for one message list: changed and new messages, and a removal for each one deleted. */
function messageDelta(before: MessageLike[], after: MessageLike[]): MessageLike[] {
  const old = new Map(before.map((m) => [m.id, m]));
  const kept = new Set(after.map((m) => m.id));
  const changed = after.filter((m) => !same(old.get(m.id), m));
  const removed = before.filter((m) => !kept.has(m.id)).map((m) => ({ type: "remove", id: m.id }));
  return [...removed, ...changed];
}

/**
 * The update that turns `before` into `after`, or undefined when nothing changed. A key cannot be
 * deleted from a graph's state: that is an error that says so.
 */
export function stateUpdate(before: Values, after: Values): Values | undefined {
  const dropped = Object.keys(before).filter((key) => !(key in after));
  if (dropped.length) throw new Error(l10n.t("State keys cannot be removed ({0}); set a value instead.", dropped.map((k) => `"${k}"`).join(", ")));
  const update: Values = {};
  for (const [key, value] of Object.entries(after)) {
    if (same(before[key], value)) continue;
    const previous = before[key];
    update[key] = isMessageList(previous) && isMessageList(value) ? messageDelta(previous, value) : value;
  }
  return Object.keys(update).length ? update : undefined;
}
