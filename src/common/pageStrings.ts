/**
 * A webview page's own text, in VS Code's display language. The host builds the page's table (through the
 * l10n bundle) and puts it in the page's initial state, the `data-strings` attribute of `#app`. The page
 * reads it once, as it starts, before any agent content is in the page; a missing or partial table falls
 * back to English, entry by entry. A translation is only ever set as text, never parsed as markup.
 */

export interface PageText<T> {
  /** Reads the table the host put on `root`. */
  load: (root: HTMLElement) => void;
  /** The table read by `load` (English before it). */
  text: () => T;
}

/** The page text of a page whose English table `english` builds. */
export function pageTextTable<T extends Record<string, string>>(english: () => T): PageText<T> {
  let table: T | undefined;
  return {
    load: (root) => {
      const given = parseTable(root.dataset.strings);
      table = Object.fromEntries(Object.entries(english()).map(([key, text]) => [key, typeof given[key] === "string" ? given[key] : text])) as T;
    },
    text: () => (table ??= english()),
  };
}

/** A template from a table with its `{0}`, `{1}`, … filled in. */
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
