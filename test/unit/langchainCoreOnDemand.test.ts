import assert from "node:assert/strict";
import { AIMessage as CoreAIMessage, HumanMessage as CoreHumanMessage } from "@langchain/core/messages";
import { AIMessage, AIMessageChunk, coerceMessageLikeToMessage, convertToChunk, v7 } from "../../src/deployment/langchainCoreOnDemand";

/** The SDK's imports of @langchain/core, loaded on first use: each must behave as core's own. */
describe("@langchain/core on demand (src/deployment/langchainCoreOnDemand.ts)", () => {
  it("constructs core's own message class, which instanceof and static members recognise on both sides", () => {
    const message = new AIMessage({ id: "m1", content: "hello" });
    assert.ok(message instanceof CoreAIMessage, "an instance of core's AIMessage");
    assert.ok(message instanceof AIMessage, "and of the stand-in");
    assert.equal(message.content, "hello");
    assert.equal(message.getType(), "ai");
    assert.ok(AIMessage.isInstance(message));
    assert.ok(!(new CoreHumanMessage("hi") instanceof AIMessage), "a human message is no AIMessage");
  });

  it("can be extended, as core's classes are", () => {
    class Tagged extends AIMessage {
      tag = "mine";
    }
    const message = new Tagged({ content: "x" });
    assert.ok(message instanceof CoreAIMessage);
    assert.ok(message instanceof Tagged);
    assert.equal(message.tag, "mine");
  });

  it("forwards functions: v7 ids, message coercion and chunks", () => {
    const id = v7();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(v7(), id);
    const human = coerceMessageLikeToMessage({ role: "user", content: "question" });
    assert.ok(human instanceof CoreHumanMessage);
    assert.equal(human.content, "question");
    const chunk = convertToChunk(new AIMessage({ content: "part" }));
    assert.ok(chunk instanceof AIMessageChunk);
    assert.equal(chunk.content, "part");
  });
});
