import assert from "node:assert/strict";
import { MAX_INPUT_CHARS, type ChatMessageView, type InputFormView } from "../../../src/protocol/chatProtocol";
import { keydown, snapshot, typeInto, usePage } from "./harness";

const form: InputFormView = {
  assistantId: "asst-1",
  schemaJson: JSON.stringify({ type: "object", properties: { document: { type: "string" } } }, null, 2),
  draft: '{\n  "document": ""\n}',
};

const update = (id: string, node: string, keys: string[], value: unknown): ChatMessageView => ({
  id,
  role: "system",
  content: "",
  toolCalls: [],
  update: { node, keys, json: JSON.stringify(value, null, 2) },
});

describe("chat webview: the run form of a graph that is not a chat", () => {
  const page = usePage();
  const input = () => page().$(".composer-input") as HTMLTextAreaElement;
  const button = () => page().$(".send-button") as HTMLButtonElement;

  it("the composer becomes a JSON form: starts from the draft, Enter breaks the line, Ctrl+Enter runs and keeps the input", () => {
    page().apply(snapshot({ inputForm: form }));
    assert.equal(input().value, form.draft);
    assert.equal(button().textContent, "Run");
    assert.match(page().$(".composer-schema-text").textContent ?? "", /"document"/);
    typeInto(page(), input(), '{"document": "Some text."}');
    keydown(page(), input(), { key: "Enter" });
    assert.deepEqual(page().posted.filter((m) => m.type === "runInput"), [], "plain Enter does not run");
    keydown(page(), input(), { key: "Enter", ctrlKey: true });
    assert.deepEqual(page().posted.filter((m) => m.type === "runInput"), [{ type: "runInput", input: '{"document": "Some text."}', assistantId: "asst-1" }]);
    assert.equal(input().value, '{"document": "Some text."}', "the input stays for the next run");
  });

  it("Edit in JSON Editor shows only with a form and hands the host the form's text as typed", () => {
    const jsonButton = () => page().$(".composer-json-button") as HTMLButtonElement;
    page().apply(snapshot({}));
    assert.equal(jsonButton().hidden, true, "a chat has no JSON editor button");
    page().apply({ type: "inputForm", form });
    assert.equal(jsonButton().hidden, false);
    typeInto(page(), input(), '{"document": 4');
    jsonButton().click();
    assert.deepEqual(page().posted.filter((m) => m.type === "editInput"), [{ type: "editInput", input: '{"document": 4' }]);
    assert.equal(input().value, '{"document": 4', "the form keeps its text");
    page().apply({ type: "inputForm", form: undefined });
    assert.equal(jsonButton().hidden, true);
  });

  it("an input that ran from VS Code's JSON editor becomes the form's text, for its own assistant only", () => {
    page().apply(snapshot({ inputForm: form }));
    page().apply({ type: "inputRan", assistantId: "asst-2", input: '{"document": "other"}' });
    assert.equal(input().value, form.draft, "another assistant's input leaves the form alone");
    page().apply({ type: "inputRan", assistantId: "asst-1", input: '{\n  "document": "From the editor."\n}' });
    assert.equal(input().value, '{\n  "document": "From the editor."\n}');
    // The form's own run comes back trimmed: what is typed stays as typed.
    typeInto(page(), input(), '{"document": "typed"}\n');
    page().apply({ type: "inputRan", assistantId: "asst-1", input: '{"document": "typed"}' });
    assert.equal(input().value, '{"document": "typed"}\n');
  });

  it("shows why the host refused an input, as text, and clears it when the form changes", () => {
    page().apply(snapshot({ inputForm: form }));
    page().apply({ type: "inputErrors", errors: ["/document: Instance type \"number\" is invalid. Expected \"string\".", "<img src=x onerror=alert(1)>"] });
    const items = page().$$(".composer-errors li").map((li) => li.textContent);
    assert.equal(items.length, 2);
    assert.equal(page().$$(".composer-errors img").length, 0);
    assert.equal(input().getAttribute("aria-invalid"), "true");
    page().apply({ type: "inputForm", form: undefined });
    assert.equal(page().$(".composer-errors").hidden, true);
    assert.equal(button().textContent, "Send", "a chat assistant gets the message composer back");
  });

  it("each node's update is a card naming the node and the keys it wrote, its JSON shown as text", () => {
    page().apply(
      snapshot({
        inputForm: form,
        messages: [
          { id: "s1", role: "system", content: "clean · Normalising whitespace", toolCalls: [], status: true },
          update("u1", "clean", ["text"], { text: "Some text." }),
          update("u2", "<b>analyze</b>", ["title", "words"], { title: "<script>alert(1)</script>", words: 2 }),
        ],
      }),
    );
    const card = page().$("[data-message-id=u2]");
    assert.equal(card.querySelector(".message-author-name")?.textContent, "<b>analyze</b>");
    assert.equal(card.querySelector(".message-body")?.textContent, "wrote title, words");
    assert.match(card.querySelector(".node-update-json")?.textContent ?? "", /"title": "<script>alert\(1\)<\/script>"/);
    assert.equal(page().$$("[role=log] script, [role=log] b").length, 0);
    assert.ok(page().$("[data-message-id=s1]").classList.contains("message--status"));
    assert.equal(page().$("[data-message-id=s1] .message-body").textContent, "clean · Normalising whitespace");
  });
});

describe("chat webview: an input over the size limit", () => {
  const page = usePage();

  it("is refused in the page with the reason, nothing is posted, and the input stays", () => {
    page().apply(snapshot({ inputForm: form }));
    const input = page().$(".composer-input") as HTMLTextAreaElement;
    const huge = JSON.stringify({ document: "x".repeat(MAX_INPUT_CHARS) });
    typeInto(page(), input, huge);
    keydown(page(), input, { key: "Enter", ctrlKey: true });
    assert.deepEqual(page().posted.filter((m) => m.type === "runInput"), []);
    assert.match(page().$(".composer-errors").textContent ?? "", /characters long; at most 1,000,000 can be sent/);
    assert.equal(input.value, huge);
    (page().$(".composer-json-button") as HTMLButtonElement).click();
    assert.deepEqual(page().posted.filter((m) => m.type === "editInput"), [], "nor is it opened in the JSON editor");
  });
});
