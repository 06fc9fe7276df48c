import assert from "node:assert/strict";
import { capText, closestNames, editDistance, escapeMarkdown, findAssistant, splitAssistantPrompt, transcriptOf } from "../../src/lmChat/text";

const assistants = [
  { assistant_id: "a1b2c3d4-0000-0000-0000-000000000001", name: "echo", graph_id: "echo" },
  { assistant_id: "a1b2c3d4-0000-0000-0000-000000000002", name: "Pirate echo", graph_id: "echo" },
  { assistant_id: "f0f0f0f0-0000-0000-0000-000000000003", name: "approval", graph_id: "approval" },
  { assistant_id: "0d0d0d0d-0000-0000-0000-000000000004", name: "", graph_id: "tools" },
];

describe("Chat view: finding assistants by what was typed", () => {
  it("finds by name (any case), by id or a long id prefix, then by graph", () => {
    assert.equal(findAssistant("ECHO", assistants)?.name, "echo");
    assert.equal(findAssistant("pirate echo", assistants)?.name, "Pirate echo");
    assert.equal(findAssistant("f0f0f0f0", assistants)?.name, "approval");
    assert.equal(findAssistant("a1b2c3", assistants), undefined, "a prefix two assistants share names neither");
    assert.equal(findAssistant("tools", assistants)?.graph_id, "tools");
    assert.equal(findAssistant("", assistants), undefined);
  });

  it("splits /assistant into the longest name that matches and the message", () => {
    assert.deepEqual(
      { ...splitAssistantPrompt("Pirate echo   ahoy there", assistants), assistant: undefined },
      { name: "Pirate echo", message: "ahoy there", assistant: undefined },
    );
    assert.equal(splitAssistantPrompt("pirate echo ahoy", assistants).assistant?.name, "Pirate echo");
    assert.equal(splitAssistantPrompt("echo", assistants).message, "");
    const unknown = splitAssistantPrompt("ecko hello you", assistants);
    assert.equal(unknown.assistant, undefined);
    assert.equal(unknown.name, "ecko");
    assert.equal(unknown.message, "hello you");
  });

  it("offers the closest names for a typo, nothing for something unrelated", () => {
    assert.equal(editDistance("ecko", "echo"), 1);
    assert.deepEqual(closestNames("ecko", ["echo", "approval", "Pirate echo"]), ["echo"]);
    assert.deepEqual(closestNames("pirate", ["echo", "approval", "Pirate echo"]), ["Pirate echo"]);
    assert.deepEqual(closestNames("aproval", ["echo", "approval"]), ["approval"]);
    assert.deepEqual(closestNames("zzzzzzzz", ["echo", "approval"]), []);
  });
});

describe("Chat view: text that goes back to a model or the Chat view", () => {
  it("caps text and says so when it cut", () => {
    assert.equal(capText("short", 100), "short");
    const cut = capText("x".repeat(5000), 1000);
    assert.ok(cut.length <= 1000);
    assert.match(cut, /\[Cut: showing 1000 of 5000 characters\.\]$/);
  });

  it("turns a thread's messages into bounded role: text lines", () => {
    const values = {
      messages: [
        { id: "1", type: "human", content: "hi" },
        { id: "2", type: "ai", content: [{ type: "text", text: "hello" }], tool_calls: [{ id: "c", name: "search", args: {} }] },
        { id: "3", type: "tool", content: "found", tool_call_id: "c" },
        { id: "4", type: "ai", content: "done" },
      ],
    };
    assert.equal(transcriptOf(values, 10, 1000), "human: hi\n\nai: hello [tool call: search]\n\ntool: found\n\nai: done");
    assert.match(transcriptOf(values, 2, 1000), /^\[2 earlier message\(s\) not shown\.\]\n\ntool: found/);
    assert.match(transcriptOf({ messages: [{ id: "1", type: "human", content: "y".repeat(3000) }] }, 10, 500), /\[Cut: showing 500 of/);
    assert.equal(transcriptOf({}, 10, 100), "(no messages)");
  });

  it("escapes untrusted text so it cannot form links or markup", () => {
    const escaped = escapeMarkdown("[x](command:evil) *b* <img>");
    assert.ok(!/(^|[^\\])\[/.test(escaped), escaped);
    assert.equal(escaped, "\\[x\\]\\(command:evil\\) \\*b\\* \\<img\\>");
  });
});
