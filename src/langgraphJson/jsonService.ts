/** The JSON language service, set up with the bundled langgraph.json schema: nothing is fetched. */
import { getLanguageService, type ClientCapabilities, type LanguageService } from "vscode-json-languageservice";
import schema from "./schema/langgraph.schema.json";

const BUNDLED_SCHEMA_URI = "langgraph-json:/schema/langgraph.schema.json";
/** `$schema` values that name LangGraph's own schema, which the bundled one stands in for. */
export const LANGGRAPH_SCHEMA_URLS = ["https://langgra.ph/schema.json"];

export function createJsonService(capabilities: ClientCapabilities): LanguageService {
  const schemaText = JSON.stringify(schema);
  const service = getLanguageService({
    // A `$schema` property makes the service look its URL up; every lookup gets the bundled schema,
    // so validation works offline and the same way whatever the file names.
    schemaRequestService: () => Promise.resolve(schemaText),
    clientCapabilities: capabilities,
  });
  service.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: BUNDLED_SCHEMA_URI, fileMatch: ["langgraph.json"], schema: schema }],
  });
  return service;
}
