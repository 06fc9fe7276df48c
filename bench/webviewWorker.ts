/**
 * Worker thread hosting the webview page, so the webview has its own event loop as it has its own
 * process in VS Code: rendering never blocks the host's sockets and timers, and the host never delays
 * the webview's frames. Driven by `WebviewHost` (webviewHost.ts).
 */
import { parentPort } from "node:worker_threads";
import type { HostToWebview } from "../src/protocol/chatProtocol";
import { settledHeap } from "./stats";
import { openWebview, type Frame, type WebviewPage } from "./webviewPage";

export type WorkerCommand =
  | { kind: "open"; id: number; bundlePath: string }
  | { kind: "message"; message: HostToWebview }
  | { kind: "heap"; id: number }
  | { kind: "close"; id: number };

export interface FrameReport extends Frame {
  /** messageDelta messages received since the previous frame. */
  deltas: number;
  /** Mutation records made while messageDelta messages were handled, since the page opened. */
  outsideFrames: number;
  articles: number;
  lastMessageId: string | null;
  /** The end of the last AI message's rendered text. */
  aiTail: string;
}

export type WorkerEvent = { kind: "reply"; id: number; value: unknown } | { kind: "frame"; frame: FrameReport };

const port = parentPort;
if (!port) throw new Error("webviewWorker.ts runs as a worker thread");

let page: WebviewPage | undefined;
let deltas = 0;
let outsideFrames = 0;

function report(frame: Frame): void {
  if (!page) return;
  const articles = page.document.querySelectorAll("#app article.message");
  const bodies = page.document.querySelectorAll("#app article.message--ai .message-body");
  const text = bodies[bodies.length - 1]?.textContent ?? "";
  const event: WorkerEvent = {
    kind: "frame",
    frame: {
      ...frame,
      deltas,
      outsideFrames,
      articles: articles.length,
      lastMessageId: articles[articles.length - 1]?.getAttribute("data-message-id") ?? null,
      aiTail: text.slice(-80),
    },
  };
  deltas = 0;
  port!.postMessage(event);
}

function reply(id: number, value: unknown): void {
  const event: WorkerEvent = { kind: "reply", id, value };
  port!.postMessage(event);
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.kind) {
    case "open":
      page?.close();
      page = openWebview(command.bundlePath);
      deltas = 0;
      outsideFrames = 0;
      page.onFrame(report);
      reply(command.id, { bootMs: page.bootMs });
      break;
    case "message":
      if (!page) break;
      if (command.message.type === "messageDelta") {
        page.takeUnbatchedMutations();
        page.send(command.message);
        outsideFrames += page.takeUnbatchedMutations();
        deltas++;
      } else {
        page.send(command.message);
      }
      break;
    case "heap":
      reply(command.id, await settledHeap());
      break;
    case "close": {
      const errors = page?.errors ?? [];
      page?.close();
      page = undefined;
      reply(command.id, { errors });
      break;
    }
  }
}

port.on("message", (command: WorkerCommand) => void handle(command));
