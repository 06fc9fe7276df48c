import assert from "node:assert/strict";
import { ai, click, human, snapshot, usePage } from "./harness";

const boss = { id: "asst-9", name: "supervisor", graphId: "supervisor" };
const thread = [
  human("h1", "LangGraph"),
  ai("s1", "Asking the researcher.", { author: boss, agent: "supervisor" }),
  ai("r1", "Looking up LangGraph.", { author: boss, agent: "researcher", subgraph: "researcher:aa11" }),
  ai("r2", "Findings: …", { author: boss, agent: "researcher", subgraph: "researcher:aa11" }),
  ai("w1", "**LangGraph**, in short", { author: boss, agent: "writer", subgraph: "writer:bb22" }),
  ai("s2", "Done.", { author: boss, agent: "supervisor" }),
];

describe("chat webview: subgraphs and agents", () => {
  const page = usePage();
  const groups = () => page().$$("[role=log] > details.subgraph-group") as HTMLDetailsElement[];
  const topLevel = () => page().$$("[role=log] > *").map((node) => (node.matches("details") ? `[${node.querySelector(".subgraph-name")?.textContent}]` : node.dataset.messageId));

  it("groups a sub-agent's consecutive messages under the subgraph's name, in conversation order", () => {
    page().apply(snapshot({ messages: thread }));
    page().frame();
    assert.deepEqual(topLevel(), ["h1", "s1", "[researcher]", "[writer]", "s2"]);
    const [researcher, writer] = groups();
    assert.deepEqual(
      Array.from(researcher.querySelectorAll<HTMLElement>("article.message")).map((a) => a.dataset.messageId),
      ["r1", "r2"],
    );
    assert.equal(researcher.querySelector(".subgraph-count")?.textContent, "2 messages");
    assert.equal(researcher.dataset.subgraph, "researcher:aa11", "the full namespace stays on the group");
    assert.ok(researcher.open && writer.open, "groups start open");
  });

  it("labels a reply with the assistant and the agent inside it: supervisor › researcher", () => {
    page().apply(snapshot({ messages: thread }));
    const label = (id: string) => page().$(`[data-message-id=${id}] .message-author-name`).textContent;
    assert.equal(label("r1"), "supervisor › researcher");
    assert.equal(label("w1"), "supervisor › writer");
    assert.equal(label("s1"), "supervisor", "an agent named like its assistant is not repeated");
  });

  it("a collapsed group stays collapsed while its sub-agent streams on, and the next subgraph gets its own group", () => {
    page().apply(snapshot({ messages: thread.slice(0, 3) }));
    const [researcher] = groups();
    click(page(), researcher.querySelector("summary")!);
    assert.equal(researcher.open, false);
    page().apply({ type: "messageUpsert", message: ai("r2", "Findings", { author: boss, agent: "researcher", subgraph: "researcher:aa11" }) });
    page().apply({ type: "messageUpsert", message: ai("w1", "Text", { author: boss, agent: "writer", subgraph: "writer:bb22" }) });
    assert.equal(groups()[0], researcher, "the same group element");
    assert.equal(researcher.open, false);
    assert.equal(researcher.querySelector(".subgraph-count")?.textContent, "2 messages");
    assert.deepEqual(topLevel(), ["h1", "s1", "[researcher]", "[writer]"]);
  });

  it("messages the host learns were written in a subgraph (history after a reload) move into a group", () => {
    const plain = thread.map(({ subgraph: _omitted, ...message }) => message);
    page().apply(snapshot({ messages: plain }));
    assert.equal(groups().length, 0);
    page().apply({ type: "subgraphs", subgraphs: { r1: "researcher:aa11", r2: "researcher:aa11" } });
    assert.deepEqual(topLevel(), ["h1", "s1", "[researcher]", "w1", "s2"]);
  });

  it("an agent name and a namespace are shown as text, never markup, and lose disguising characters", () => {
    page().apply(
      snapshot({
        messages: [ai("x", "hi", { author: boss, agent: "<img src=x onerror=alert(1)>\u202e", subgraph: "<b>evil</b>\u202e:1|inner:2" })],
      }),
    );
    assert.equal(page().$$("img").length, 0);
    assert.equal(page().$$("b").length, 0);
    assert.equal(page().$("[data-message-id=x] .message-author-name").textContent, "supervisor › <img src=x onerror=alert(1)>");
    assert.equal(page().$(".subgraph-name").textContent, "<b>evil</b> › inner");
  });
});
