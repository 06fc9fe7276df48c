/**
 * The bundled langgraph.json language server, run as a child process and driven over LSP: diagnostics,
 * links, definitions, completion, code lenses, hover and the custom assistants request.
 */
import * as assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeLensRequest,
  type CodeLens,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DocumentLinkRequest,
  FileChangeType,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type LocationLink,
  type MarkupContent,
} from "vscode-languageserver/node";
import { buildServer, LspTestClient, positionOf, rangeOf } from "./lspTestClient";

const FIXTURES = path.resolve(__dirname, "../../fixtures/langgraphJson");
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
const uriOf = (file: string) => pathToFileURL(file).href;

/** 0-based line of the first line of `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  const line = readFileSync(file, "utf8").split("\n").findIndex((text) => text.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return line;
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, "expected a hover");
  return (hover.contents as MarkupContent).value;
}

function labels(result: CompletionItem[] | CompletionList | null): string[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((item) => item.label.replace(/^"|"$/g, ""));
}

/** Diagnostic messages may be markup since LSP 3.18; this server only sends plain strings. */
function messageOf(diagnostic: Diagnostic): string {
  assert.equal(typeof diagnostic.message, "string");
  return diagnostic.message as string;
}

function describeDiagnostics(diagnostics: Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ line: d.range.start.line, message: d.message })), null, 1);
}

describe("langgraph.json language server", function () {
  this.timeout(60_000);
  let server: Awaited<ReturnType<typeof buildServer>>;
  let client: LspTestClient;

  before(async () => {
    server = await buildServer();
    client = await LspTestClient.start(server.file);
  });

  after(async () => {
    await client?.stop();
    server?.dispose();
  });

  describe("diagnostics", () => {
    it("reports nothing for a valid config", async () => {
      const { diagnostics } = await client.open(fixture("valid", "langgraph.json"));
      assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    it("reports a missing file at the exact range of its path", async () => {
      const { text, diagnostics } = await client.open(fixture("broken-path", "langgraph.json"));
      const graph = diagnostics.find((d) => messageOf(d).includes("./graphs/missing.ts"));
      assert.ok(graph, describeDiagnostics(diagnostics));
      assert.equal(graph.severity, DiagnosticSeverity.Error);
      assert.deepEqual(graph.range, rangeOf(text, "./graphs/missing.ts"));

      const auth = diagnostics.find((d) => messageOf(d).includes("./auth/nowhere.py"));
      assert.ok(auth, describeDiagnostics(diagnostics));
      assert.deepEqual(auth.range, rangeOf(text, "./auth/nowhere.py"));
      const env = diagnostics.find((d) => messageOf(d).includes("./missing.env"));
      assert.ok(env, describeDiagnostics(diagnostics));
      assert.deepEqual(env.range, rangeOf(text, "./missing.env"));

      // The graph whose file exists is not reported.
      assert.equal(diagnostics.length, 3, describeDiagnostics(diagnostics));
    });

    it("reports an export the file does not have, naming it, at the export's range", async () => {
      const { text, diagnostics } = await client.open(fixture("missing-export", "langgraph.json"));
      const ts = diagnostics.find((d) => messageOf(d).includes('"grahp"'));
      assert.ok(ts, describeDiagnostics(diagnostics));
      assert.deepEqual(ts.range, rangeOf(text, "grahp"));
      assert.match(messageOf(ts), /not exported by \.\/echo\.ts \(exports: graph\)/);

      // `agent` only exists inside a function body, which is not module level.
      const py = diagnostics.find((d) => messageOf(d).includes('"agent"'));
      assert.ok(py, describeDiagnostics(diagnostics));
      assert.deepEqual(py.range, rangeOf(text, "agent", 3));
      assert.match(messageOf(py), /module-level names: make_graph, graph/);

      assert.equal(diagnostics.length, 2, describeDiagnostics(diagnostics));
    });

    it("reports schema errors: wrong types, bad versions and unknown keys", async () => {
      const { text, diagnostics } = await client.open(fixture("schema-error", "langgraph.json"));
      const at = (needle: string) => diagnostics.filter((d) => d.range.start.line === positionOf(text, needle).line);

      const graphs = at('"graphs": 5');
      assert.ok(graphs.some((d) => /Incorrect type\. Expected "object"/.test(messageOf(d))), describeDiagnostics(diagnostics));
      assert.deepEqual(graphs[0].range, rangeOf(text, "5"));

      assert.ok(at('"node_version"').some((d) => /Expected "string"/.test(messageOf(d))), describeDiagnostics(diagnostics));
      assert.ok(at('"python_version"').some((d) => /3\.11 or newer/.test(messageOf(d))), describeDiagnostics(diagnostics));
      const unknown = at('"unknown_key"').find((d) => /unknown_key is not allowed/.test(messageOf(d)));
      assert.ok(unknown, describeDiagnostics(diagnostics));
      assert.deepEqual(unknown.range, rangeOf(text, '"unknown_key"'));
    });

    it("says what it cannot check instead of guessing", async () => {
      const file = fixture("missing-export", "unchecked", "langgraph.json");
      const text = '{\n  "graphs": {\n    "module": "my_package.agent:graph",\n    "bare": "../agent.py"\n  }\n}\n';
      const { diagnostics } = await client.open(file, text);
      const module = diagnostics.find((d) => messageOf(d).includes("my_package.agent"));
      assert.equal(module?.severity, DiagnosticSeverity.Information, describeDiagnostics(diagnostics));
      assert.deepEqual(module.range, rangeOf(text, "my_package.agent"));
      const bare = diagnostics.find((d) => messageOf(d).includes("needs an attribute"));
      assert.equal(bare?.severity, DiagnosticSeverity.Error, describeDiagnostics(diagnostics));
      assert.equal(diagnostics.length, 2, describeDiagnostics(diagnostics));
    });

    it("requires graphs", async () => {
      const file = fixture("schema-error", "no-graphs", "langgraph.json");
      const { diagnostics } = await client.open(file, '{ "node_version": "20" }\n');
      assert.ok(diagnostics.some((d) => /Missing property "graphs"/.test(messageOf(d))), describeDiagnostics(diagnostics));
    });

    it("follows edits to the document", async () => {
      const file = fixture("missing-export", "edited", "langgraph.json");
      const text = '{\n  "graphs": { "echo": "../echo.ts:grahp" }\n}\n';
      const { uri, diagnostics } = await client.open(file, text);
      assert.ok(diagnostics.some((d) => messageOf(d).includes('"grahp"')), describeDiagnostics(diagnostics));

      const next = client.nextDiagnostics(uri);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: rangeOf(text, "grahp"), text: "graph" }],
      });
      assert.deepEqual(await next, []);
    });

    it("checks again when a referenced file appears", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "langgraph-json-"));
      try {
        cpSync(fixture("broken-path"), dir, { recursive: true });
        const { uri, diagnostics } = await client.open(path.join(dir, "langgraph.json"));
        assert.ok(diagnostics.some((d) => messageOf(d).includes("./graphs/missing.ts")));
        assert.ok(
          client.registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method),
          "the server registers a file watcher",
        );

        const created = path.join(dir, "graphs", "missing.ts");
        writeFileSync(created, "export const graph = {};\n");
        const next = client.nextDiagnostics(uri);
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
          changes: [{ uri: uriOf(created), type: FileChangeType.Created }],
        });
        const after = await next;
        assert.ok(!after.some((d) => messageOf(d).includes("./graphs/missing.ts")), describeDiagnostics(after));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("links and definitions", () => {
    const config = fixture("valid", "langgraph.json");
    const echo = fixture("valid", "graphs", "echo.ts");
    let text: string;

    before(async () => {
      text = readFileSync(config, "utf8");
      await client.open(config);
    });

    it("links the path to the file and the export to its line", async () => {
      const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uriOf(config) } });
      assert.ok(links);
      const pathLink = links.find((l) => JSON.stringify(l.range) === JSON.stringify(rangeOf(text, "./graphs/echo.ts")));
      assert.equal(pathLink?.target, uriOf(echo));

      const graphLine = lineOf(echo, "export const graph");
      const symbolRange = { start: positionOf(text, "./graphs/echo.ts:graph", 17), end: positionOf(text, "./graphs/echo.ts:graph", 22) };
      const symbolLink = links.find((l) => JSON.stringify(l.range) === JSON.stringify(symbolRange));
      assert.equal(symbolLink?.target, `${uriOf(echo)}#L${graphLine + 1},14`);

      for (const target of ["agents/research.py", "agents/app.py", "graphs/auth.ts", "ui/echo.tsx", "app.env", "pyproject.toml"]) {
        assert.ok(links.some((l) => l.target?.startsWith(uriOf(fixture("valid", target)))), `no link to ${target}`);
      }
    });

    async function definition(needle: string, occurrence = 1): Promise<LocationLink> {
      const result = await client.connection.sendRequest(DefinitionRequest.type, {
        textDocument: { uri: uriOf(config) },
        position: positionOf(text, needle, 2, occurrence),
      });
      assert.ok(Array.isArray(result) && result.length === 1, `one definition for ${needle}: ${JSON.stringify(result)}`);
      return result[0] as LocationLink;
    }

    it("goes from a TypeScript graph to its export", async () => {
      const link = await definition("./graphs/echo.ts:graph");
      assert.equal(link.targetUri, uriOf(echo));
      assert.deepEqual(link.targetSelectionRange, {
        start: { line: lineOf(echo, "export const graph"), character: 13 },
        end: { line: lineOf(echo, "export const graph"), character: 18 },
      });
      assert.deepEqual(link.originSelectionRange, rangeOf(text, "./graphs/echo.ts:graph"));
    });

    it("goes from a renamed export to the declaration it renames", async () => {
      const link = await definition("./graphs/echo.ts:renamed");
      assert.equal(link.targetSelectionRange.start.line, lineOf(echo, "const echoGraph ="));
    });

    it("goes to a default export, a Python attribute and the auth handler", async () => {
      const support = fixture("valid", "graphs", "support.ts");
      assert.equal((await definition("./graphs/support.ts", 2)).targetSelectionRange.start.line, lineOf(support, "export default"));
      const research = fixture("valid", "agents", "research.py");
      const py = await definition("./agents/research.py:graph");
      assert.equal(py.targetUri, uriOf(research));
      assert.equal(py.targetSelectionRange.start.line, lineOf(research, "graph: dict"));
      const auth = fixture("valid", "graphs", "auth.ts");
      assert.equal((await definition("./graphs/auth.ts:auth")).targetSelectionRange.start.line, lineOf(auth, "export const auth"));
    });
  });

  describe("completion", () => {
    it("offers the top-level keys of the schema", async () => {
      const file = fixture("valid", "completion", "langgraph.json");
      const text = '{\n  \n}\n';
      await client.open(file, text);
      const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(file) }, position: { line: 1, character: 2 } });
      const offered = labels(result);
      for (const key of ["graphs", "dependencies", "env", "node_version", "python_version", "auth", "http", "checkpointer", "ui"]) {
        assert.ok(offered.includes(key), `${key} not offered: ${offered.join(", ")}`);
      }
    });

    it("offers the values an enum allows", async () => {
      const file = fixture("valid", "completion-values", "langgraph.json");
      const text = '{\n  "graphs": {},\n  "image_distro": \n}\n';
      await client.open(file, text);
      const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(file) }, position: { line: 2, character: 18 } });
      assert.deepEqual(labels(result).sort(), ["bookworm", "bullseye", "debian", "wolfi"]);
    });
  });

  describe("code lenses", () => {
    it("puts Chat and Threads lenses above every graph", async () => {
      const config = fixture("valid", "langgraph.json");
      const { text } = await client.open(config);
      const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uriOf(config) } });
      assert.ok(lenses);
      const graphIds = ["echo", "renamed", "support", "fallback", "research"];
      assert.equal(lenses.length, graphIds.length * 2);
      for (const graphId of graphIds) {
        const forGraph: CodeLens[] = lenses.filter((lens) => lens.range.start.line === positionOf(text, `"${graphId}"`).line);
        assert.deepEqual(
          forGraph.map((lens) => lens.command),
          [
            { title: `Chat with ${graphId}`, command: "langgraph.chatWithGraph", arguments: [graphId] },
            { title: `Threads of ${graphId}`, command: "langgraph.threads.filterByGraph", arguments: [graphId] },
          ],
        );
      }
    });
  });

  describe("hover", () => {
    const config = fixture("valid", "langgraph.json");
    let text: string;

    before(async () => {
      text = (await client.open(config)).text;
    });

    const hoverAt = (needle: string) =>
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(config) }, position: positionOf(text, needle, 2) });

    it("lists the deployment's assistants for a graph ID, asking the client", async () => {
      client.assistantRequests.length = 0;
      client.assistantsHandler = ({ graphId }) => ({
        assistants: [
          { assistant_id: "a-1", name: `${graphId} default`, version: 1 },
          { assistant_id: "a-2", name: "Polite echo", description: "Says please", version: 3 },
        ],
      });
      const value = hoverText(await hoverAt('"echo": "./graphs/echo.ts:graph"'));
      assert.deepEqual(client.assistantRequests, [{ graphId: "echo", configUri: uriOf(config) }]);
      assert.match(value, /2 assistants/);
      assert.match(value, /echo default/);
      assert.match(value, /Polite echo/);
      assert.match(value, /Says please/);
    });

    it("says when the client could not list assistants", async () => {
      client.assistantsHandler = () => ({ error: "Not connected to a deployment" });
      const value = hoverText(await hoverAt('"research"'));
      assert.match(value, /could not list its assistants: Not connected to a deployment/);
    });

    it("says when a graph has no assistants", async () => {
      client.assistantsHandler = () => ({ assistants: [] });
      assert.match(hoverText(await hoverAt('"support"')), /no assistants/);
    });

    it("describes other keys from the schema without asking the client", async () => {
      client.assistantRequests.length = 0;
      assert.match(hoverText(await hoverAt('"node_version"')), /major version of the image/);
      assert.deepEqual(client.assistantRequests, []);
    });
  });
});

describe("langgraph.json language server in another display language", function () {
  this.timeout(60_000);

  it("says its diagnostics in the words of the bundle the client sends (initializationOptions)", async () => {
    const server = await buildServer();
    const client = await LspTestClient.start(server.file, {
      l10nBundle: { "File not found: {0}": "Fichier introuvable : {0}" },
    });
    try {
      const { diagnostics } = await client.open(fixture("broken-path", "langgraph.json"));
      const messages = diagnostics.map(messageOf);
      assert.ok(messages.includes("Fichier introuvable : ./graphs/missing.ts"), describeDiagnostics(diagnostics));
      assert.ok(!messages.some((m) => m.startsWith("File not found")), describeDiagnostics(diagnostics));
    } finally {
      await client.stop();
      server.dispose();
    }
  });
});
