/**
 * The Debug Console's expressions: a JSONPath-like path into the state, such as `messages[-1].content`,
 * `$.messages[0].tool_calls[0].args` or `["odd key"]`. Negative indexes count from the end, as in Python.
 */

import * as l10n from "@vscode/l10n";
export type PathSegment = string | number;

/** The path an expression names; throws an Error that says where the expression is malformed. */
export function parsePath(expression: string): PathSegment[] {
  const text = expression.trim();
  const path: PathSegment[] = [];
  let at = text.startsWith("$") ? 1 : 0;
  const fail = (what: string): never => {
    throw new Error(l10n.t("{0} at column {1} of `{2}`", what, at + 1, text));
  };
  const identifier = () => {
    const match = /^[A-Za-z_][\w-]*/.exec(text.slice(at));
    if (!match) fail(l10n.t("Expected a name"));
    at += match![0].length;
    return match![0];
  };
  if (at < text.length && text[at] !== "." && text[at] !== "[") path.push(identifier());
  while (at < text.length) {
    if (text[at] === ".") {
      at += 1;
      path.push(identifier());
    } else if (text[at] === "[") {
      const rest = text.slice(at);
      const index = /^\[\s*(-?\d+)\s*\]/.exec(rest);
      const key = /^\[\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\]/.exec(rest);
      if (index) {
        path.push(Number(index[1]));
        at += index[0].length;
      } else if (key) {
        const quoted = key[1];
        path.push(quoted.startsWith('"') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1).replace(/\\(.)/g, "$1"));
        at += key[0].length;
      } else {
        fail(l10n.t("Expected an index or a quoted key"));
      }
    } else {
      fail(l10n.t("Expected `.` or `[`"));
    }
  }
  return path;
}

/** The value at `path` in `root`; throws an Error naming the first segment that is not there. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (Array.isArray(value) && typeof segment === "number") {
      const index = segment < 0 ? value.length + segment : segment;
      if (index < 0 || index >= value.length) throw new Error(l10n.t("{0} is out of range (length {1})", formatPath(path.slice(0, i + 1)), value.length));
      value = value[index];
    } else if (isRecord(value) && typeof segment === "string" && Object.hasOwn(value, segment)) {
      value = value[segment];
    } else {
      throw new Error(l10n.t("{0} is not in the state", formatPath(path.slice(0, i + 1))));
    }
  }
  return value;
}

/** A copy of `root` with the value at `path` replaced; the original is left untouched. */
export function withValueAt(root: unknown, path: readonly PathSegment[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === "number") {
    const index = head < 0 ? root.length + head : head;
    if (index < 0 || index >= root.length) throw new Error(l10n.t("index {0} is out of range", head));
    const copy: unknown[] = [...(root as unknown[])];
    copy[index] = withValueAt(root[index], rest, replacement);
    return copy;
  }
  if (isRecord(root) && typeof head === "string") return { ...root, [head]: withValueAt(root[head], rest, replacement) };
  throw new Error(l10n.t("{0} cannot be set here", String(head)));
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : /^[A-Za-z_][\w-]*$/.test(segment) ? (i === 0 ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`)).join("");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
