/**
 * A minimal LSP client for the bundled langgraph.json server: builds it, runs it as a child process over
 * Node IPC (the transport the extension uses) and speaks the protocol over a real JSON-RPC connection.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from "vscode-languageserver/node";
import { AssistantsForGraphRequest, type AssistantsForGraphParams, type AssistantsForGraphResult } from "../../../src/langgraphJson/protocol";

const ROOT = path.resolve(__dirname, "../../..");

/**
 * Bundles the server the way esbuild.mjs does, into a temporary folder. `module` first: the UMD builds of
 * vscode-json-languageservice and jsonc-parser hide their requires from the bundler.
 */
export async function buildServer(): Promise<{ file: string; dispose(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), "langgraph-json-server-"));
  const file = path.join(dir, "langgraphJsonServer.js");
  await build({
    entryPoints: [path.join(ROOT, "src/langgraphJson/server.ts")],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

type AssistantsHandler = (params: AssistantsForGraphParams) => AssistantsForGraphResult | Promise<AssistantsForGraphResult>;

export class LspTestClient {
  readonly assistantRequests: AssistantsForGraphParams[] = [];
  readonly registrations: Registration[] = [];
  assistantsHandler: AssistantsHandler = () => ({ error: "no handler set" });
  private readonly diagnosticListeners: ((params: PublishDiagnosticsParams) => void)[] = [];
  private stderr = "";

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      for (const listener of [...this.diagnosticListeners]) listener(params);
    });
    connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
      this.registrations.push(...registrations);
    });
    connection.onRequest(AssistantsForGraphRequest, (params) => {
      this.assistantRequests.push(params);
      return this.assistantsHandler(params);
    });
  }

  /** `initializationOptions` as the extension's client sends them (the translation bundle). */
  static async start(serverFile: string, initializationOptions?: unknown): Promise<LspTestClient> {
    const child = fork(serverFile, ["--node-ipc"], { silent: true, execArgv: [] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const client = new LspTestClient(connection, child);
    connection.listen();
    const exited = new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`The server exited (${code}) during initialize:\n${client.stderr}`))),
    );
    const initialized = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      initializationOptions,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          definition: { linkSupport: true },
          documentLink: { tooltipSupport: true },
          codeLens: {},
        },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    });
    await Promise.race([initialized, exited]);
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Opens a document (its text read from disk unless given) and resolves with the first diagnostics for it. */
  async open(file: string, text = readFileSync(file, "utf8")): Promise<{ uri: string; text: string; diagnostics: Diagnostic[] }> {
    const uri = pathToFileURL(file).href;
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "json", version: 1, text } });
    return { uri, text, diagnostics: await published };
  }

  /** The next diagnostics the server publishes for `uri`. */
  nextDiagnostics(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`No diagnostics for ${uri} within ${timeoutMs} ms. Server stderr:\n${this.stderr}`));
      }, timeoutMs);
      const listener = (params: PublishDiagnosticsParams) => {
        if (params.uri !== uri) return;
        remove();
        resolve(params.diagnostics);
      };
      const remove = () => {
        clearTimeout(timer);
        this.diagnosticListeners.splice(this.diagnosticListeners.indexOf(listener), 1);
      };
      this.diagnosticListeners.push(listener);
    });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}

/** The LSP position of the `occurrence`-th appearance of `needle` in `text` (plus `shift` characters). */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 1): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found ${occurrence} times`);
  }
  const before = text.slice(0, index + shift);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - (before.lastIndexOf("\n") + 1) };
}

/** The range `needle` covers in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1) {
  return { start: positionOf(text, needle, 0, occurrence), end: positionOf(text, needle, needle.length, occurrence) };
}
