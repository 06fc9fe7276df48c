import assert from "node:assert/strict";
import type { WebviewToHost } from "../../../src/protocol/chatProtocol";
import { ai, click, human, renderedIds, snapshot, usePage } from "./harness";

describe("chat webview: authors of earlier replies", () => {
  const page = usePage();
  const writer = { id: "asst-1", name: "Researcher" };
  // The host attributed only the newest replies when it opened the thread.
  const messages = Array.from({ length: 200 }, (_, i) =>
    i % 2 ? ai(`m${i}`, `Answer ${i}`, { author: i >= 160 ? writer : undefined }) : human(`m${i}`, `Question ${i}`),
  );
  const asked = () => page().posted.filter((m): m is Extract<WebviewToHost, { type: "needAuthors" }> => m.type === "needAuthors");

  it("asks the host for the authors of replies it reveals without one, once each", () => {
    page().apply(snapshot({ messages }));
    page().frame();
    assert.deepEqual(renderedIds(page()), messages.slice(-40).map((m) => m.id));
    assert.deepEqual(asked(), [], "every reply in the first window has its author");

    click(page(), page().$(".load-earlier"));
    page().frame();
    const revealed = renderedIds(page()).slice(0, 20);
    assert.deepEqual(revealed, messages.slice(140, 160).map((m) => m.id));
    assert.deepEqual(asked(), [{ type: "needAuthors", ids: revealed.filter((id) => Number(id.slice(1)) % 2) }]);

    // The answer names them; the next reveal asks only for the replies it shows.
    page().apply({ type: "attribution", authors: Object.fromEntries(asked()[0].ids.map((id) => [id, writer])) });
    assert.equal(page().$$("[data-message-id=m141] .message-author-name")[0]?.textContent, "Researcher");
    click(page(), page().$(".load-earlier"));
    page().frame();
    assert.equal(asked().length, 2);
    assert.deepEqual(asked()[1].ids, messages.slice(120, 140).filter((m) => m.role === "ai").map((m) => m.id));
  });
});
