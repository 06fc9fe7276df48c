/**
 * Graphs whose input is not a chat: whether a graph takes messages (its input schema has a `messages`
 * property), a first draft of its input from the schema, and checking an input against the schema
 * before any request is made. Schemas are the graph's own, untrusted: a schema that cannot be used to
 * check (malformed, or not an object schema) never blocks a run, it only skips the check.
 */
import { Validator, type Schema } from "@cfworker/json-schema";

type JsonSchema = { type?: unknown; properties?: Record<string, unknown>; required?: unknown; $schema?: unknown; default?: unknown; enum?: unknown };

const asSchema = (value: unknown): JsonSchema | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value) : undefined;

/** A graph is a chat when its input has `messages`, or when its schema says nothing about its input. */
export function takesMessages(inputSchema: unknown): boolean {
  const properties = asSchema(inputSchema)?.properties;
  if (!properties || typeof properties !== "object") return true;
  return "messages" in properties || Object.keys(properties).length === 0;
}

/** `{ "document": "" }`: each property with an empty value of its type, required ones first. */
export function inputSkeleton(inputSchema: unknown): string {
  const schema = asSchema(inputSchema);
  const properties = schema?.properties ?? {};
  const required = Array.isArray(schema?.required) ? schema.required.filter((key): key is string => typeof key === "string") : [];
  const keys = [...required, ...Object.keys(properties).filter((key) => !required.includes(key))];
  const skeleton = Object.fromEntries(keys.map((key) => [key, emptyOf(properties[key])]));
  return JSON.stringify(skeleton, null, 2);
}

function emptyOf(property: unknown): unknown {
  const schema = asSchema(property);
  if (schema?.default !== undefined) return schema.default;
  if (Array.isArray(schema?.enum) && schema.enum.length) return schema.enum[0];
  switch (schema?.type) {
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return {};
    default:
      return "";
  }
}

export type CheckedInput = { ok: true; value: Record<string, unknown> } | { ok: false; errors: string[] };

/** Parses the form's JSON and checks it against the input schema; the errors say where and why. */
export function checkInput(text: string, inputSchema: unknown): CheckedInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`The input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, errors: ["The input must be a JSON object."] };
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
