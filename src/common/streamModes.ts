/**
 * The stream modes a run can be asked for (`streamMode`), in the order the event log offers them. Shared
 * by the gateway (which asks for them), the host's event log and its page (which pick and show them).
 */
export const STREAM_MODE_NAMES = ["values", "updates", "messages-tuple", "debug", "tasks", "checkpoints", "custom", "events"] as const;

export type StreamModeName = (typeof STREAM_MODE_NAMES)[number];

/** The mode an event name belongs to: `messages|agent:1` -> "messages-tuple" (the server names that mode's events `messages`). */
export function modeOfEvent(event: string): string {
  const bar = event.indexOf("|");
  const name = bar < 0 ? event : event.slice(0, bar);
  return name === "messages" ? "messages-tuple" : name;
}
