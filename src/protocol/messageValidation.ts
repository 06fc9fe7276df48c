/**
 * Validation of messages crossing the webview boundary: a message is acted on only once its schema
 * accepts it. The result says why a message was refused, for the log.
 */
import { safeParse, type GenericSchema } from "valibot";

export type Validated<T> = { ok: true; message: T } | { ok: false; reason: string };

/** Both directions: `[A] extends [B]` on each side, so a schema and its hand-written type cannot drift apart. */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export function validateWith<T>(schema: GenericSchema<unknown, T>, value: unknown): Validated<T> {
  const result = safeParse(schema, value);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join(".");
  const type = typeof value === "object" && value !== null && "type" in value && typeof value.type === "string" ? value.type : "?";
  return { ok: false, reason: `“${type.slice(0, 40)}”${path ? ` at ${path}` : ""}: ${issue.message}` };
}
