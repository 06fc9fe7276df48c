/** One schema per message the event log page may send the host; the host acts only on messages their schema accepts. */
import { array, integer, literal, maxLength, minValue, number, object, picklist, pipe, string, variant, type InferOutput } from "valibot";
import { STREAM_MODE_NAMES } from "../common/streamModes";
import type { EventLogToHost } from "./eventLogProtocol";
import { validateWith, type SameType, type Validated } from "./messageValidation";

const runKey = pipe(string(), maxLength(200));
const seq = pipe(number(), integer(), minValue(0));

const eventLogMessageSchemas = {
  ready: object({ type: literal("ready") }),
  selectRun: object({ type: literal("selectRun"), runKey }),
  setModes: object({ type: literal("setModes"), modes: pipe(array(picklist(STREAM_MODE_NAMES)), maxLength(STREAM_MODE_NAMES.length)) }),
  expand: object({ type: literal("expand"), runKey, seq }),
  copy: object({ type: literal("copy"), runKey, seq }),
} as const;

const eventLogToHostSchema = variant("type", Object.values(eventLogMessageSchemas));

// The protocol's type and the schemas must describe the same messages.
const agrees: SameType<InferOutput<typeof eventLogToHostSchema>, EventLogToHost> = true;
void agrees;

export function validateEventLogToHost(value: unknown): Validated<EventLogToHost> {
  return validateWith(eventLogToHostSchema, value);
}
