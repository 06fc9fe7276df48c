/**
 * The page's own text, in VS Code's display language: the host puts the table it built
 * (`chatPageStrings`) in the page's initial state, the `data-strings` attribute of `#app`. It is read
 * once, as the page starts, before any agent content is in the page; a missing or partial table falls
 * back to English, entry by entry.
 */
import { chatPageStrings, type ChatPageStrings } from "../protocol/chatPageStrings";

let table: ChatPageStrings | undefined;

export function loadPageText(root: HTMLElement): void {
  const english = chatPageStrings();
  const given = parseTable(root.dataset.strings);
  table = Object.fromEntries(
    Object.entries(english).map(([key, text]) => [key, typeof given[key] === "string" ? given[key] : text]),
  ) as ChatPageStrings;
}

export function pageText(): ChatPageStrings {
  return (table ??= chatPageStrings());
}

/** A template from the table with its `{0}`, `{1}`, … filled in. */
export function fill(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? match : String(arg);
  });
}

function parseTable(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
