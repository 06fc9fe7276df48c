/** What differs between two states, by top-level key: the title of a comparison names them. */
import * as l10n from "@vscode/l10n";
import { sortedKeys } from "./stateEdit";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Keys added, removed or changed from `before` to `after`, sorted. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const a = isObject(before) ? before : {};
  const b = isObject(after) ? after : {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => JSON.stringify(sortedKeys(a[key])) !== JSON.stringify(sortedKeys(b[key]))).sort();
}

/** "changed: messages, turns", or "no changes". */
export function describeChanges(keys: readonly string[]): string {
  return keys.length ? `changed: ${keys.join(", ")}` : l10n.t("no changes");
}
