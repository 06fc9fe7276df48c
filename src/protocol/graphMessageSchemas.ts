/**
 * One schema per message the graph webview may send the host; the host acts only on messages their
 * schema accepts (an export's data is written to disk, so its shape is checked before anything else).
 */
import { literal, minLength, object, picklist, pipe, string, variant, type InferOutput } from "valibot";
import type { GraphWebviewToHost } from "./graphProtocol";
import { validateWith, type SameType, type Validated } from "./messageValidation";

const format = picklist(["svg", "png"]);

const graphMessageSchemas = {
  ready: object({ type: literal("ready") }),
  selectNode: object({ type: literal("selectNode"), node: string() }),
  clearSelection: object({ type: literal("clearSelection") }),
  refresh: object({ type: literal("refresh") }),
  toggleBreakpoint: object({ type: literal("toggleBreakpoint"), node: pipe(string(), minLength(1)), stop: picklist(["before", "after"]) }),
  export: object({ type: literal("export"), format, data: string() }),
  exportFailed: object({ type: literal("exportFailed"), format, reason: string() }),
} as const;

const graphWebviewToHostSchema = variant("type", Object.values(graphMessageSchemas));

// The protocol's type and the schemas must describe the same messages.
const agrees: SameType<InferOutput<typeof graphWebviewToHostSchema>, GraphWebviewToHost> = true;
void agrees;

export function validateGraphWebviewToHost(value: unknown): Validated<GraphWebviewToHost> {
  return validateWith(graphWebviewToHostSchema, value);
}
