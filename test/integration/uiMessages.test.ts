/** Generative UI against a real server: a graph's `ui` message shows as a card (name, props as JSON), live and after reload. */
import assert from "node:assert/strict";
import type { ChatMessageView } from "../../src/protocol/chatProtocol";
import type { LangGraphServer } from "../harness/langgraphServer";
import { testServer } from "../harness/rootHooks";
import { defaultAssistant, ofType, recordSession } from "../harness/chatHarness";

const shape = (messages: readonly ChatMessageView[]) => messages.map((m) => (m.ui ? `ui:${m.ui.name}` : m.status ? "status" : m.role));

describe("generative UI: ui messages as cards (real server)", () => {
  let server: LangGraphServer;
  beforeEach(async () => {
    server = await testServer();
  });

  it("shows a ui message as a card after its reply, live, after the run settles and after a reload", async () => {
    const { session, posted, client } = recordSession(server.url);
    await session.load();
    const cards = await defaultAssistant(client, "cards");
    await session.send("Lisbon", cards.assistant_id);

    const live = ofType(posted, "messageUpsert").find((u) => u.message.ui)?.message;
    assert.ok(live?.ui, "the card was posted while the run streamed");
    assert.equal(live.ui.name, "weather_card");
    assert.deepEqual(JSON.parse(live.ui.json), { city: "Lisbon", temperatureC: 21, forecast: ["sun", "cloud"] });
    // Settled against the server's state: the card stays, after the reply it belongs to, and no status line.
    assert.deepEqual(shape(session.model.messages), ["human", "ai", "ui:weather_card"]);

    const reopened = recordSession(server.url, session.threadId);
    await reopened.session.load();
    const reloaded = reopened.session.model.messages;
    assert.deepEqual(shape(reloaded), ["human", "ai", "ui:weather_card"], "read back from the thread's ui state");
    assert.equal(reloaded[2].id, session.model.messages[2].id, "the same card, by the ui message's id");
    assert.deepEqual(JSON.parse(reloaded[2].ui!.json), JSON.parse(live.ui.json));

    await session.send("Porto", cards.assistant_id);
    assert.deepEqual(shape(session.model.messages), ["human", "ai", "ui:weather_card", "human", "ai", "ui:weather_card"], "each reply with its own card");
  });

  it("keeps a hostile component name and props as data: the card carries them as text", async () => {
    const { session, client } = recordSession(server.url);
    await session.load();
    const cards = await defaultAssistant(client, "cards");
    await session.send("hostile", cards.assistant_id);
    const card = session.model.messages.find((m) => m.ui)!;
    assert.equal(card.ui!.name, '<b onmouseover="alert(1)">weather_card</b>');
    const props = JSON.parse(card.ui!.json) as Record<string, string>;
    assert.equal(props.link, "javascript:alert(1)");
    assert.equal(props.image, "https://tracker.invalid/pixel.png");
  });
});
