/** Reads a pending `interrupt()` from thread state into what the panel's card shows. */
import type { InterruptView } from "../protocol/chatProtocol";

interface StateLike {
  tasks?: { interrupts?: { value?: unknown; id?: string }[] }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The first pending interrupt of the state's tasks, if any. */
export function pendingInterrupt(state: StateLike | undefined, assistantId: string | undefined): InterruptView | undefined {
  const interrupt = state?.tasks?.flatMap((t) => t.interrupts ?? [])[0];
  if (!interrupt) return undefined;
  return toInterruptView(interrupt.value, interrupt.id, assistantId);
}

/** The first interrupt a thread listing reports (`interrupts` by task id), read as the card reads it. */
export function threadInterrupt(interrupts: Record<string, { id?: string; value?: unknown }[]> | undefined, assistantId: string | undefined): InterruptView | undefined {
  const interrupt = Object.values(interrupts ?? {}).flat()[0];
  return interrupt ? toInterruptView(interrupt.value, interrupt.id, assistantId) : undefined;
}

/**
 * The agent-inbox request shape (`action_request`, `config.allow_*`, `description`), also when wrapped
 * in a one-element list as some graphs send it; anything else is shown as JSON.
 */
function toInterruptView(value: unknown, id: string | undefined, assistantId: string | undefined): InterruptView {
  const candidate: unknown = Array.isArray(value) && value.length === 1 ? (value as unknown[])[0] : value;
  const view: InterruptView = { id, assistantId, valueJson: pretty(value) };
  if (isObject(candidate) && isObject(candidate.action_request) && typeof candidate.action_request.action === "string") {
    const config = isObject(candidate.config) ? candidate.config : {};
    view.request = {
      action: candidate.action_request.action,
      argsJson: pretty(candidate.action_request.args ?? {}),
      description: typeof candidate.description === "string" ? candidate.description : undefined,
      allow: {
        accept: config.allow_accept !== false,
        edit: config.allow_edit === true,
        respond: config.allow_respond === true,
        ignore: config.allow_ignore !== false,
      },
    };
  }
  return view;
}
