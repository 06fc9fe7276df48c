/**
 * Graphs whose input is not a chat: whether a graph takes messages (its input schema has a `messages`
 * property), and a first draft of its input from the schema. The check of an input against the schema
 * is `inputCheck.ts`, a bundle of its own loaded on the first run of such a graph.
 */
export type JsonSchema = { type?: unknown; properties?: Record<string, unknown>; required?: unknown; $schema?: unknown; default?: unknown; enum?: unknown };

export const asSchema = (value: unknown): JsonSchema | undefined =>
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
