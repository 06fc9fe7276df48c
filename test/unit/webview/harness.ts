/**
 * Test harness for the chat webview: builds the real bundle (`src/webview/main.ts`, as `esbuild.mjs`
 * does) once per process and loads it into a fresh jsdom page per test, with a recording stand-in for
 * `acquireVsCodeApi` and a manual `requestAnimationFrame` so tests decide when frames happen.
 */
import assert from "node:assert/strict";
import type { DOMWindow } from "jsdom";
import path from "node:path";
import type { ChatMessageView, HostToWebview, WebviewPersistedState, WebviewToHost } from "../../../src/protocol/chatProtocol";
import { buildBrowserBundle, domQueries, loadBundle } from "../jsdomBundle";

const repoRoot = path.resolve(__dirname, "../../..");
let bundle: Promise<string> | undefined;

export function webviewBundle(): Promise<string> {
  bundle ??= buildBrowserBundle({ entryPoints: [path.join(repoRoot, "src/webview/main.ts")] });
  return bundle;
}

export interface Page {
  window: DOMWindow;
  document: Document;
  /** Everything the webview posted to the host, in order, but `snapshotPainted` (counted in `paints`). */
  posted: WebviewToHost[];
  /** How often the page said it painted a loaded snapshot: once after each, a task after its frame. */
  paints: number;
  /** The last `setState` value (starts as the state the page was opened with). */
  state: WebviewPersistedState | undefined;
  /** Host -> webview, delivered synchronously like a `message` event. */
  send(message: HostToWebview): void;
  /** Runs the animation-frame callbacks queued so far; returns how many ran. */
  frame(): number;
  /** Animation-frame callbacks waiting for the next frame. */
  pendingFrames(): number;
  /** Sends messages and runs the frame they schedule. */
  apply(...messages: HostToWebview[]): void;
  $(selector: string): HTMLElement;
  $$(selector: string): HTMLElement[];
  /** Uncaught errors and console errors seen in the page. */
  errors: string[];
  close(): void;
}

/** An array of posted messages that counts `snapshotPainted` apart, so tests of what a user's action posts need not skip it. */
function recordedPosts(painted: () => void): WebviewToHost[] {
  const posted: WebviewToHost[] = [];
  const push = posted.push.bind(posted);
  // Not enumerable: tests compare `posted` with plain arrays.
  Object.defineProperty(posted, "push", {
    value: (...messages: WebviewToHost[]) => {
      for (const message of messages) {
        if (message.type === "snapshotPainted") painted();
        else push(message);
      }
      return posted.length;
    },
  });
  return posted;
}

export async function openPage(options: { state?: WebviewPersistedState; app?: string } = {}): Promise<Page> {
  const code = await webviewBundle();
  const frames = new Map<number, () => void>();
  let nextFrame = 1;
  const page = { posted: recordedPosts(() => page.paints++), paints: 0, state: options.state } as unknown as Page;
  const { window, errors } = loadBundle(code, page, {
    title: "chat",
    app: options.app,
    beforeParse(window) {
      const w = window as unknown as Record<string, unknown>;
      w.requestAnimationFrame = (callback: (time: number) => void) => {
        const id = nextFrame++;
        frames.set(id, () => callback(16 * id));
        return id;
      };
      w.cancelAnimationFrame = (id: number) => frames.delete(id);
    },
  });

  Object.assign(page, {
    window,
    document: window.document,
    errors,
    send(message: HostToWebview) {
      window.dispatchEvent(new window.MessageEvent("message", { data: message }));
    },
    frame() {
      const due = [...frames.entries()];
      frames.clear();
      for (const [, run] of due) run();
      return due.length;
    },
    pendingFrames: () => frames.size,
    apply(...messages: HostToWebview[]) {
      for (const message of messages) page.send(message);
      page.frame();
    },
    ...domQueries(window.document),
    close: () => window.close(),
  });
  return page;
}

/**
 * For a `describe`: a fresh page for each test, closed after it; a test fails if its page logged an error.
 * With `snapshot`, each page first shows that snapshot (overrides of `snapshot()`) and forgets what it
 * posted until then. Returns the current test's page.
 */
export function usePage(setup: { snapshot?: Parameters<typeof snapshot>[0] } = {}): () => Page {
  let current: Page | undefined;
  beforeEach(async () => {
    current = await openPage();
    if (setup.snapshot) {
      // A copy per test: the page receives the message objects themselves.
      current.apply(snapshot(structuredClone(setup.snapshot)));
      current.posted.length = 0;
    }
  });
  afterEach(() => {
    const page = current;
    current = undefined;
    if (!page) return;
    assert.deepEqual(page.errors, []);
    page.close();
  });
  return () => {
    if (!current) throw new Error("usePage(): there is a page only while a test runs");
    return current;
  };
}

/** The ids of the messages the windowed list has in the DOM, top to bottom. */
export const renderedIds = (page: Page): string[] => page.$$("[role=log] > article.message").map((element) => element.dataset.messageId!);

/**
 * A second page open for the whole describe block; the returned function gives the body a message with
 * `content` gets when it is rendered whole from a snapshot (what every streamed frame must equal).
 */
export function useOneShotRender(): (content: string) => string {
  let reference: Page;
  before(async () => {
    reference = await openPage();
  });
  after(() => {
    assert.deepEqual(reference.errors, []);
    reference.close();
  });
  return (content) => {
    reference.apply(snapshot({ messages: [ai("r", content)] }));
    return reference.$("[data-message-id=r] .message-body").innerHTML;
  };
}

export function snapshot(overrides: Partial<Extract<HostToWebview, { type: "snapshot" }>> = {}): HostToWebview {
  return {
    type: "snapshot",
    thread: { threadId: "thread-1", title: "Weather in Paris", status: "idle" },
    messages: [],
    assistants: [
      { id: "asst-1", name: "Researcher", graphId: "research_graph" },
      { id: "asst-2", name: "Writer", graphId: "writer_graph" },
    ],
    selectedAssistantId: "asst-1",
    run: { phase: "idle" },
    loading: false,
    ...overrides,
  };
}

/** A human message of the thread. */
export const human = (id: string, content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
  id,
  role: "human",
  content,
  toolCalls: [],
  ...extra,
});

/** An AI message of the thread, answered by the snapshot's first assistant unless `extra` says otherwise. */
export const ai = (id: string, content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
  id,
  role: "ai",
  content,
  toolCalls: [],
  author: { id: "asst-1", name: "Researcher", graphId: "research_graph" },
  ...extra,
});

export function keydown(page: Page, target: Element, init: KeyboardEventInit): boolean {
  const event = new page.window.KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
  return target.dispatchEvent(event);
}

export function typeInto(page: Page, textarea: HTMLTextAreaElement, text: string): void {
  textarea.value = text;
  textarea.dispatchEvent(new page.window.Event("input", { bubbles: true }));
}

export function click(page: Page, target: Element, init: MouseEventInit = {}): boolean {
  return target.dispatchEvent(new page.window.MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ...init }));
}
