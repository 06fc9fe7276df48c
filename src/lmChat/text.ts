/**
 * Pure helpers of the Chat view participant and the language model tools: finding an assistant by the
 * name someone typed, capping what goes back to a model, and a thread's messages as plain text.
 */
import * as l10n from "@vscode/l10n";
import { messagesOfValues, roleOf, textOf } from "../common/wireMessages";

/** What an assistant can be called by: its name, its graph, its id. */
export interface NamedAssistant {
  assistant_id: string;
  name: string;
  graph_id: string;
}

const norm = (text: string) => text.trim().toLowerCase();

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The assistant called `name` (its name, then its id or id prefix, then its graph's id), if exactly one is meant. */
export function findAssistant<T extends NamedAssistant>(name: string, assistants: readonly T[]): T | undefined {
  const wanted = norm(name);
  if (!wanted) return undefined;
  const byName = assistants.filter((a) => norm(a.name) === wanted);
  if (byName.length >= 1) return byName[0];
  const byId = assistants.filter((a) => a.assistant_id === name.trim() || (wanted.length >= 6 && a.assistant_id.startsWith(wanted)));
  if (byId.length === 1) return byId[0];
  return assistants.find((a) => norm(a.graph_id) === wanted);
}

/** Up to `count` assistant names nearest to what was typed (a name containing it counts as near). */
export function closestNames(name: string, names: readonly string[], count = 3): string[] {
  const wanted = norm(name);
  const scored = [...new Set(names)].map((candidate) => {
    const lower = norm(candidate);
    const contains = wanted && (lower.includes(wanted) || wanted.includes(lower));
    return { candidate, score: contains ? 0 : editDistance(wanted, lower) / Math.max(wanted.length, lower.length, 1) };
  });
  return scored
    .filter((s) => s.score <= 0.6)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((s) => s.candidate);
}

/**
 * Splits `/assistant <name> <message>`: the longest run of leading words that names an assistant (names
 * may have spaces); when none does, the first word is taken as the (unknown) name.
 */
export function splitAssistantPrompt<T extends NamedAssistant>(prompt: string, assistants: readonly T[]): { name: string; assistant?: T; message: string } {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  for (let n = words.length; n >= 1; n--) {
    const assistant = findAssistant(words.slice(0, n).join(" "), assistants);
    if (assistant) return { name: words.slice(0, n).join(" "), assistant, message: words.slice(n).join(" ") };
  }
  return { name: words[0] ?? "", message: words.slice(1).join(" ") };
}

/** Text cut to `max` characters, saying so when it was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = l10n.t("\n\n[Cut: showing {0} of {1} characters.]", max, text.length);
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/** The last `maxMessages` messages of a thread's state as "role: text" lines, capped at `maxChars`. */
export function transcriptOf(values: unknown, maxMessages: number, maxChars: number): string {
  const messages = messagesOfValues(values);
  const shown = messages.slice(-maxMessages);
  const lines = shown.map((message) => {
    const calls = (message.tool_calls ?? []).map((call) => `[tool call: ${call.name ?? "tool"}]`).join(" ");
    const text = textOf(message.content);
    return `${roleOf(message) ?? "message"}: ${[text, calls].filter(Boolean).join(" ")}`;
  });
  const skipped = messages.length - shown.length;
  const head = skipped > 0 ? [l10n.t("[{0} earlier message(s) not shown.]", skipped)] : [];
  return capText([...head, ...lines].join("\n\n") || l10n.t("(no messages)"), maxChars);
}

/** Untrusted text as literal markdown (link text, list items): no markup of its own survives. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
}

/** Untrusted text as inline code (markdown escapes do not apply inside code spans, so backticks go). */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, " ")}\``;
}
