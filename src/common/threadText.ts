/** How a thread is named on screen: its title from metadata, a short id, a one-line excerpt. */
import * as l10n from "@vscode/l10n";

/** The title stored in a thread's metadata, if it is a non-blank string (metadata is untrusted). */
export function titleOf(metadata: unknown): string | undefined {
  const title = (metadata as { title?: unknown } | null)?.title;
  return typeof title === "string" && title.trim() ? title.trim() : undefined;
}

export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 8) : l10n.t("new");
}

/** One line of at most `max` characters, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** A thread's status in the display language; one the server adds later as it names it. */
export function statusText(status: string): string {
  const words: Record<string, string> = { idle: l10n.t("idle"), busy: l10n.t("busy"), interrupted: l10n.t("interrupted"), error: l10n.t("error") };
  return words[status] ?? status;
}
