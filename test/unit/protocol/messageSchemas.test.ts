import assert from "node:assert/strict";
import { validateWebviewToHost } from "../../../src/protocol/chatMessageSchemas";
import { MAX_ATTACHMENTS, MAX_AUTHOR_IDS, MAX_INPUT_CHARS, type WebviewToHost } from "../../../src/protocol/chatProtocol";
import { validateGraphWebviewToHost } from "../../../src/protocol/graphMessageSchemas";
import type { GraphWebviewToHost } from "../../../src/protocol/graphProtocol";

/** For every message type (the Record makes a new type without a case fail to compile): a valid form and broken ones. */
type Cases<M extends { type: string }> = { [T in M["type"]]: { valid: Extract<M, { type: T }>[]; invalid: unknown[] } };

const chat: Cases<WebviewToHost> = {
  ready: { valid: [{ type: "ready" }], invalid: [{ type: "Ready" }] },
  snapshotPainted: { valid: [{ type: "snapshotPainted" }], invalid: [{ type: "painted" }] },
  send: {
    valid: [
      { type: "send", text: "hi" },
      { type: "send", text: "hi", assistantId: "a" },
      { type: "send", text: "", attachments: [{ kind: "image", name: "dot.png", dataUrl: "data:image/png;base64,iVBORw0KGgo=" }, { kind: "text", name: "notes.md", text: "# notes" }] },
    ],
    invalid: [
      { type: "send" },
      { type: "send", text: 1 },
      { type: "send", text: "hi", assistantId: 5 },
      // Only raster data URIs are images: no SVG, no remote or other URL the page could be made to load.
      { type: "send", text: "", attachments: [{ kind: "image", name: "x.svg", dataUrl: "data:image/svg+xml;base64,PHN2Zz4=" }] },
      { type: "send", text: "", attachments: [{ kind: "image", name: "x.png", dataUrl: "https://tracker.example/x.png" }] },
      { type: "send", text: "", attachments: [{ kind: "text", name: "", text: "x" }] },
      { type: "send", text: "", attachments: [{ kind: "pdf", name: "x.pdf", text: "x" }] },
      { type: "send", text: "", attachments: Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => ({ kind: "text", name: `f${i}`, text: "x" })) },
    ],
  },
  attachFiles: {
    valid: [{ type: "attachFiles", uris: ["file:///work/a.txt"] }],
    invalid: [{ type: "attachFiles", uris: [] }, { type: "attachFiles", uris: [1] }, { type: "attachFiles", uris: Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => `file:///f${i}`) }],
  },
  runInput: {
    valid: [{ type: "runInput", input: "{}" }, { type: "runInput", input: '{"document":"x"}', assistantId: "a" }],
    invalid: [{ type: "runInput" }, { type: "runInput", input: {} }, { type: "runInput", input: "x".repeat(MAX_INPUT_CHARS + 1) }],
  },
  editInput: {
    valid: [{ type: "editInput", input: "" }, { type: "editInput", input: '{"document":"x"}' }],
    invalid: [{ type: "editInput" }, { type: "editInput", input: 1 }, { type: "editInput", input: "x".repeat(MAX_INPUT_CHARS + 1) }],
  },
  stop: { valid: [{ type: "stop" }], invalid: [{ type: "stop ", }] },
  selectAssistant: { valid: [{ type: "selectAssistant", assistantId: "a" }], invalid: [{ type: "selectAssistant" }, { type: "selectAssistant", assistantId: null }] },
  assistantPickerOpened: { valid: [{ type: "assistantPickerOpened" }], invalid: [{ type: "assistantPickerOpened ", assistantId: "a" }] },
  errorAction: { valid: [{ type: "errorAction", action: "retry" }, { type: "errorAction", action: "showLog" }], invalid: [{ type: "errorAction", action: "rm -rf" }, { type: "errorAction" }] },
  openLink: { valid: [{ type: "openLink", href: "https://example.com" }], invalid: [{ type: "openLink", href: { toString: "x" } }] },
  copyText: { valid: [{ type: "copyText", text: "x" }], invalid: [{ type: "copyText", text: ["x"] }] },
  insertCode: { valid: [{ type: "insertCode", code: "x" }, { type: "insertCode", code: "x", language: "ts" }], invalid: [{ type: "insertCode" }, { type: "insertCode", code: "x", language: 1 }] },
  editMessage: { valid: [{ type: "editMessage", id: "m", text: "t" }], invalid: [{ type: "editMessage", id: "m" }, { type: "editMessage", id: 1, text: "t" }] },
  regenerate: { valid: [{ type: "regenerate", id: "m", assistantId: "a" }], invalid: [{ type: "regenerate" }, { type: "regenerate", id: "m", assistantId: {} }] },
  rerunFromMessage: { valid: [{ type: "rerunFromMessage", id: "m" }], invalid: [{ type: "rerunFromMessage" }, { type: "rerunFromMessage", id: 1 }] },
  switchBranch: { valid: [{ type: "switchBranch", id: "m", direction: -1 }, { type: "switchBranch", id: "m", direction: 1 }], invalid: [{ type: "switchBranch", id: "m", direction: 2 }, { type: "switchBranch", id: "m", direction: "1" }] },
  needAuthors: {
    valid: [{ type: "needAuthors", ids: [] }, { type: "needAuthors", ids: Array.from({ length: MAX_AUTHOR_IDS }, (_, i) => `m${i}`) }],
    invalid: [{ type: "needAuthors", ids: ["a", 1] }, { type: "needAuthors", ids: "a" }, { type: "needAuthors", ids: Array.from({ length: MAX_AUTHOR_IDS + 1 }, (_, i) => `m${i}`) }],
  },
  resume: { valid: [{ type: "resume", response: { type: "accept" } }, { type: "resume", response: 42, assistantId: "a" }], invalid: [{ type: "resume", response: 1, assistantId: 2 }] },
};

const graph: Cases<GraphWebviewToHost> = {
  ready: { valid: [{ type: "ready" }], invalid: [{ type: "READY" }] },
  selectNode: { valid: [{ type: "selectNode", node: "agent" }], invalid: [{ type: "selectNode" }, { type: "selectNode", node: 3 }] },
  clearSelection: { valid: [{ type: "clearSelection" }], invalid: [{ type: "clear" }] },
  refresh: { valid: [{ type: "refresh" }], invalid: [{ type: "reload" }] },
  toggleBreakpoint: {
    valid: [{ type: "toggleBreakpoint", node: "tools", stop: "before" }, { type: "toggleBreakpoint", node: "agent", stop: "after" }],
    invalid: [{ type: "toggleBreakpoint", node: "tools" }, { type: "toggleBreakpoint", node: "", stop: "before" }, { type: "toggleBreakpoint", node: "tools", stop: "during" }],
  },
  export: { valid: [{ type: "export", format: "svg", data: "<svg/>" }, { type: "export", format: "png", data: "iVBOR" }], invalid: [{ type: "export", format: "exe", data: "x" }, { type: "export", format: "svg" }] },
  exportFailed: { valid: [{ type: "exportFailed", format: "png", reason: "too big" }], invalid: [{ type: "exportFailed", format: "png" }, { type: "exportFailed", format: "gif", reason: "x" }] },
};

const garbage: unknown[] = [null, undefined, 1, "ready", [], {}, { type: 1 }, { type: "nope" }, { type: "__proto__" }];

function check<M extends { type: string }>(name: string, cases: Cases<M>, validate: (value: unknown) => { ok: boolean }): void {
  describe(`${name} messages from the webview`, () => {
    for (const [type, { valid, invalid }] of Object.entries<{ valid: unknown[]; invalid: unknown[] }>(cases)) {
      it(`“${type}” is accepted in its valid form and refused with a wrong field`, () => {
        for (const message of valid) assert.equal(validate(message).ok, true, `accepts ${JSON.stringify(message)}`);
        for (const message of invalid) assert.equal(validate(message).ok, false, `refuses ${JSON.stringify(message)}`);
      });
    }
    it("anything that is not one of its messages is refused", () => {
      for (const value of garbage) assert.equal(validate(value).ok, false, `refuses ${JSON.stringify(value)}`);
    });
  });
}

check("chat", chat, validateWebviewToHost);
check("graph", graph, validateGraphWebviewToHost);

describe("validated messages", () => {
  it("say why a message was refused, naming its type and the field", () => {
    const result = validateWebviewToHost({ type: "switchBranch", id: "m", direction: 5 });
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.reason, /switchBranch.*direction/);
  });

  it("a valid message comes out with only its own fields", () => {
    const result = validateGraphWebviewToHost({ type: "selectNode", node: "agent", extra: "<script>" });
    assert.deepEqual(result, { ok: true, message: { type: "selectNode", node: "agent" } });
  });
});
