/**
 * The graph's state schema as the editor checks it. The server derives it from the graph's types, and
 * for some keys (message lists, notably) it describes something other than what the state holds: a
 * key whose value at the checkpoint does not fit its own schema is left unchecked, so the schema never
 * rejects the state the server itself wrote. Validation is VS Code's own JSON service, the same that
 * marks problems as the user types.
 */
import { getLanguageService, TextDocument, DiagnosticSeverity } from "vscode-json-languageservice";

const service = getLanguageService({});

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** Errors in `text` against `schema`, as "line N: message"; JSON syntax errors included. */
export async function schemaProblems(text: string, schema: Schema | undefined): Promise<string[]> {
  const document = TextDocument.create("langgraph://state.json", "json", 1, text);
  const json = service.parseJSONDocument(document);
  const diagnostics = await service.doValidation(document, json, { schemaValidation: "error", comments: "error", trailingCommas: "error" }, schema);
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `line ${d.range.start.line + 1}: ${typeof d.message === "string" ? d.message : d.message.value}`);
}

/**
 * The schema narrowed to the keys whose current values fit it, or undefined when none do (or the
 * server has no object schema for the graph).
 */
export async function usableSchema(schema: Schema | undefined, values: unknown): Promise<Schema | undefined> {
  if (!isObject(schema) || !isObject(schema.properties) || !isObject(values)) return undefined;
  const properties: Schema = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (!(key in values)) {
      properties[key] = property;
      continue;
    }
    const single = { ...schema, properties: { [key]: property }, required: [] };
    if (!(await schemaProblems(JSON.stringify({ [key]: values[key] }), single)).length) properties[key] = property;
  }
  const fitting = Object.keys(properties).filter((key) => key in values);
  if (!fitting.length) return undefined;
  const required = Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === "string" && key in properties) : undefined;
  // Keys left unchecked must not count as "additional", and neither may the document's `$schema`.
  return { ...schema, properties, required, additionalProperties: true };
}
