/**
 * The protocol side of the adapter: every request gets exactly one answer. Messages that are not
 * requests are dropped, requests this adapter does not implement get a DAP error (the library's base
 * class would answer them with an empty success), and whatever a handler throws, now or later,
 * becomes the request's DAP error.
 */
import * as l10n from "@vscode/l10n";
import { DebugSession, OutputEvent, TerminatedEvent } from "@vscode/debugadapter";
import type { DebugProtocol } from "@vscode/debugprotocol";
import { MinimalResponse } from "./dapMessages";
import { isRecord } from "./stateExpression";

const ERROR_ID = 1000;
/** The requests this adapter implements. */
const ANSWERED = new Set([
  "initialize", "launch", "attach", "disconnect", "terminate", "setBreakpoints", "setFunctionBreakpoints", "setExceptionBreakpoints", "configurationDone",
  "continue", "next", "stepIn", "stepOut", "pause", "stackTrace", "scopes", "variables", "setVariable", "threads", "evaluate", "source",
]);

export abstract class AnsweringDebugSession extends DebugSession {
  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  /** Anything that is not a request object is dropped; a request with odd arguments gets a DAP error. */
  override handleMessage(message: DebugProtocol.ProtocolMessage): void {
    if (!isRecord(message) || typeof message.type !== "string") return;
    if (message.type === "request" && (typeof (message as unknown as DebugProtocol.Request).command !== "string" || typeof message.seq !== "number")) return;
    super.handleMessage(message);
  }

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (!ANSWERED.has(request.command)) {
      this.fail(new MinimalResponse(request), l10n.t("The langgraph debugger does not answer {0} requests.", request.command));
      return;
    }
    super.dispatchRequest(request);
  }

  /** Runs a handler; whatever it throws becomes the request's DAP error. */
  protected guard(response: DebugProtocol.Response, handler: () => void | Promise<void>): void {
    void (async () => handler())().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (response.command === "launch" || response.command === "attach") {
        // Said in the Debug Console and by `startFailed` (VS Code itself shows nothing for an error it is not asked to show).
        this.output(`${message}\n`, "stderr");
        this.startFailed(message);
        this.fail(response, message);
        this.sendEvent(new TerminatedEvent());
      } else {
        this.fail(response, message);
      }
    });
  }

  /** A launch or attach failed: the session ends with `message`. */
  protected abstract startFailed(message: string): void;

  protected fail(response: DebugProtocol.Response, message: string): void {
    this.sendErrorResponse(response, { id: ERROR_ID, format: message.replace(/[{}]/g, (c) => (c === "{" ? "(" : ")")), showUser: false });
  }

  protected output(text: string, category: "console" | "stderr"): void {
    this.sendEvent(new OutputEvent(text, category));
  }}
