/**
 * One short row per stream event: its mode, the subgraph it came from, the node and a summary in a
 * line. Reads the event defensively (it is the agent's data) and never serialises a whole payload: a
 * row costs the same for a token and for a 1 MB state.
 */
import * as l10n from "@vscode/l10n";
import { modeOfEvent } from "../common/streamModes";
import { shorten } from "../common/threadText";
import { labelText } from "../common/untrustedText";
import { splitStreamEvent, stringOf, textOf } from "../common/wireMessages";
import type { EventRowView } from "../protocol/eventLogProtocol";

const MAX_SUMMARY = 160;
const MAX_KEYS = 6;

export interface LoggedEvent {
  time: number;
  event: string;
  data: unknown;
}

type Fields = { node?: string; summary: string };

export function eventRow(event: LoggedEvent, seq: number): EventRowView {
  const { namespace } = splitStreamEvent(event.event);
  const mode = modeOfEvent(event.event);
  const fields = describe(mode, event.data);
  return {
    seq,
    time: event.time,
    mode: labelText(mode),
    namespace: namespaceLabel(namespace),
    node: labelText(shorten(fields.node ?? "", 60)),
    summary: labelText(shorten(fields.summary, MAX_SUMMARY)),
  };
}

/** `researcher:1a2b|tools:3c4d` -> "researcher › tools". */
function namespaceLabel(namespace: string | undefined): string {
  if (!namespace) return "";
  const names = namespace.split("|").map((segment) => {
    const colon = segment.lastIndexOf(":");
    return colon > 0 ? segment.slice(0, colon) : segment;
  });
  return labelText(shorten(names.filter(Boolean).join(" › "), 80));
}

function describe(mode: string, data: unknown): Fields {
  switch (mode) {
    case "messages-tuple":
      return messageFields(data);
    case "updates":
      return updateFields(data);
    case "values":
      return { summary: keysOf(data) };
    case "debug":
      return debugFields(data);
    case "tasks":
      return taskFields(data);
    case "checkpoints":
      return checkpointFields(data);
    case "events":
      return langchainEventFields(data);
    case "metadata":
      return { summary: l10n.t("run {0}", stringOf(field(data, "run_id")) ?? "") };
    case "error":
      return { summary: stringOf(field(data, "message")) ?? stringOf(field(data, "error")) ?? brief(data) };
    default:
      return { summary: brief(data) };
  }
}

function messageFields(data: unknown): Fields {
  const [chunk, metadata] = Array.isArray(data) ? (data as unknown[]) : [data, undefined];
  const node = stringOf(field(metadata, "langgraph_node"));
  const type = stringOf(field(chunk, "type")) ?? l10n.t("message");
  const toolCalls = field(chunk, "tool_call_chunks") ?? field(chunk, "tool_calls");
  const calls = Array.isArray(toolCalls) ? toolCalls.map((call) => stringOf(field(call, "name"))).filter(Boolean) : [];
  const text = textOf(field(chunk, "content"));
  const parts = [type, calls.length ? l10n.t("calls {0}", calls.join(", ")) : "", text ? JSON.stringify(text.slice(0, MAX_SUMMARY)) : ""];
  return { node, summary: parts.filter(Boolean).join(" ") };
}

function updateFields(data: unknown): Fields {
  if (!isRecord(data)) return { summary: brief(data) };
  const nodes = Object.keys(data);
  const node = nodes.join(", ");
  const written = nodes.map((name) => keysOf(data[name])).filter((keys) => keys && keys !== "{}");
  return { node, summary: written.length ? l10n.t("wrote {0}", written.join("; ")) : l10n.t("no changes") };
}

function debugFields(data: unknown): Fields {
  const type = stringOf(field(data, "type")) ?? l10n.t("debug");
  const step = field(data, "step");
  const payload = field(data, "payload");
  const node = stringOf(field(payload, "name"));
  return { node, summary: typeof step === "number" ? l10n.t("{0} step {1}", type, step) : type };
}

function taskFields(data: unknown): Fields {
  const node = stringOf(field(data, "name"));
  if (isRecord(data) && ("result" in data || "error" in data)) {
    const error = stringOf(field(data, "error"));
    return { node, summary: error ? l10n.t("failed: {0}", error) : l10n.t("result {0}", keysOf(data.result)) };
  }
  return { node, summary: l10n.t("start, input {0}", keysOf(field(data, "input"))) };
}

function checkpointFields(data: unknown): Fields {
  const metadata = field(data, "metadata");
  const step = field(metadata, "step");
  const source = stringOf(field(metadata, "source"));
  const next = field(data, "next");
  const nextNodes = Array.isArray(next) ? next.filter((n): n is string => typeof n === "string") : [];
  const parts = [typeof step === "number" ? l10n.t("step {0}", step) : "", source ?? "", nextNodes.length ? l10n.t("next {0}", nextNodes.join(", ")) : l10n.t("done")];
  return { summary: parts.filter(Boolean).join(", ") };
}

function langchainEventFields(data: unknown): Fields {
  const name = stringOf(field(data, "event")) ?? l10n.t("event");
  const runnable = stringOf(field(data, "name"));
  const node = stringOf(field(field(data, "metadata"), "langgraph_node"));
  const chunk = field(field(data, "data"), "chunk");
  const text = chunk === undefined ? "" : textOf(field(chunk, "content"));
  return { node, summary: [name, runnable ?? "", text ? JSON.stringify(text.slice(0, MAX_SUMMARY)) : ""].filter(Boolean).join(" ") };
}

/** `{a, b, c}` for an object, `[3 items]` for a list, the value for a primitive. */
function keysOf(value: unknown): string {
  if (Array.isArray(value)) return l10n.t("[{0} items]", value.length);
  if (!isRecord(value)) return brief(value);
  const keys = Object.keys(value);
  const shown = keys.slice(0, MAX_KEYS).join(", ");
  return `{${shown}${keys.length > MAX_KEYS ? l10n.t(", … {0} more", keys.length - MAX_KEYS) : ""}}`;
}

function brief(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, MAX_SUMMARY));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "";
  if (Array.isArray(value)) return l10n.t("[{0} items]", value.length);
  const entries = Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS);
  return `{${entries.map(([key, v]) => `${key}: ${typeof v === "object" && v !== null ? keysOf(v) : brief(v)}`).join(", ")}}`;
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
