/**
 * Checks a graph's input against its input schema before any request is made. Schemas are the graph's
 * own, untrusted: a schema that cannot be used to check (malformed, or not an object schema) never
 * blocks a run, it only skips the check. The host loads this module (and the JSON Schema validator) on
 * the first run of a graph that is not a chat: a bundle of its own, outside activation.
 */
import * as l10n from "@vscode/l10n";
import { Validator, type Schema } from "@cfworker/json-schema";
import { asSchema, type JsonSchema } from "./runInput";

export type CheckedInput = { ok: true; value: Record<string, unknown> } | { ok: false; errors: string[] };

/** Parses the form's JSON and checks it against the input schema; the errors say where and why. */
export function checkInput(text: string, inputSchema: unknown): CheckedInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [l10n.t("The input is not valid JSON: {0}", error instanceof Error ? error.message : String(error))] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, errors: [l10n.t("The input must be a JSON object.")] };
  const schema = asSchema(inputSchema);
  if (!schema) return { ok: true, value: value as Record<string, unknown> };
  let validator: Validator;
  try {
    validator = new Validator(schema as Schema, draftOf(schema), false);
  } catch {
    return { ok: true, value: value as Record<string, unknown> };
  }
  const result = validator.validate(value);
  if (result.valid) return { ok: true, value: value as Record<string, unknown> };
  // The leaf errors say what is wrong; the ones that only say "a property failed" repeat them.
  const leaves = result.errors.filter((e) => !["properties", "allOf", "$ref", "items"].includes(e.keyword));
  const errors = (leaves.length ? leaves : result.errors).map((e) => `${e.instanceLocation.replace(/^#/, "") || "/"}: ${e.error}`);
  return { ok: false, errors: [...new Set(errors)].slice(0, 20) };
}

function draftOf(schema: JsonSchema): "4" | "7" | "2019-09" | "2020-12" {
  const uri = typeof schema.$schema === "string" ? schema.$schema : "";
  if (uri.includes("2020-12")) return "2020-12";
  if (uri.includes("2019-09")) return "2019-09";
  if (uri.includes("draft-04")) return "4";
  return "7";
}
