import assert from "node:assert/strict";
import type { ChatMessageView } from "../../../src/protocol/chatProtocol";
import { ai, human, snapshot, usePage } from "./harness";

const card = (id: string, name: string, props: unknown): ChatMessageView => ({ id, role: "system", content: "", toolCalls: [], ui: { name, json: JSON.stringify(props, null, 2) } });

describe("chat webview: generative UI cards", () => {
  const page = usePage();

  it("shows a ui message as a card with the component's name and its props as JSON, after its reply", () => {
    page().apply(snapshot({ messages: [human("h1", "Lisbon"), ai("a1", "Here is the weather card."), card("ui:1", "weather_card", { city: "Lisbon", temperatureC: 21 })] }));
    const cards = page().$$(".message--ui");
    assert.equal(cards.length, 1);
    assert.equal(cards[0].querySelector(".ui-card-name")?.textContent, "weather_card");
    assert.deepEqual(JSON.parse(cards[0].querySelector(".ui-card-props")?.textContent ?? ""), { city: "Lisbon", temperatureC: 21 });
    assert.equal(cards[0].previousElementSibling?.getAttribute("data-message-id"), "a1");
  });

  it("loads no component: a hostile name and props stay text, nothing is fetched or run", () => {
    const props = { html: '<img src="https://tracker.invalid/x.png" onerror="alert(1)">', script: "<script>alert(1)</script>" };
    page().apply(snapshot({ messages: [card("ui:2", '<iframe src="https://evil.invalid"></iframe>\u202Ecard', props)] }));
    const element = page().$(".message--ui");
    assert.equal(element.querySelector("img, iframe, script"), null);
    assert.equal(element.querySelector(".ui-card-name")?.textContent, '<iframe src="https://evil.invalid"></iframe>card', "bidi override removed from the label");
    assert.match(element.querySelector(".ui-card-props")?.textContent ?? "", /<script>alert\(1\)<\/script>/);
  });
});
