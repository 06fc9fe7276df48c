/**
 * One real LangGraph server for the whole mocha run, started only when an integration test asks for
 * it. Tests run offline: no tracing, no analytics, no API key from the environment.
 */
import { startLangGraphServer, type LangGraphServer } from "./langgraphServer";

process.env.LANGSMITH_TRACING = "false";
process.env.LANGCHAIN_TRACING_V2 = "false";
process.env.LANGGRAPH_CLI_NO_ANALYTICS = "1";
for (const name of ["LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "LANGGRAPH_API_KEY"]) delete process.env[name];

let shared: Promise<LangGraphServer> | undefined;

/** The shared server, reset to a clean state; started on first use. */
export async function testServer(): Promise<LangGraphServer> {
  shared ??= startLangGraphServer().then((server) => {
    // Says in the test log which server the results are for.
    console.log(`      (LangGraph server: langgraph-api ${server.version})`);
    return server;
  });
  const server = await shared;
  await server.reset();
  return server;
}

export const mochaHooks = {
  async afterAll(this: unknown) {
    if (shared) await (await shared).stop();
  },
};
