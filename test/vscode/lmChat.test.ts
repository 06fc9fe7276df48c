import * as assert from "node:assert/strict";
import { Client } from "@langchain/langgraph-sdk";
import * as vscode from "vscode";
import type { LangGraphThreadsApi } from "../../src/extension";
import type { ResponseRecord } from "../../src/lmChat";
import { activateExtension, testServerClient, testServerUrl, until } from "./host";



const textOf = (result: vscode.LanguageModelToolResult) =>
  result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : "")).join("");

describe("VS Code's Chat view and language model tools reach the deployment", () => {
  let api: LangGraphThreadsApi;
  let client: Client;
  let echoId: string;
  let threadId: string;

  before(async () => {
    api = await activateExtension();
    client = testServerClient();
    const echo = (await client.assistants.search({ graphId: "echo", limit: 10 })).find((a) => a.metadata?.created_by === "system");
    assert.ok(echo);
    echoId = echo.assistant_id;
    // A new thread with the echo graph's assistant, whatever an earlier test left in workspace memory.
    api.parts.memory.setDefaultAssistant(echoId);
    api.parts.memory.rememberChatThread(api.parts.connection.url, undefined);
    api.parts.assistants.invalidate();
    // The Chat view takes requests once the placeholder model is registered and the view is up.
    await until(async () => (await vscode.lm.selectChatModels({ vendor: "testlm" })).length > 0, "the placeholder chat model");
    await vscode.commands.executeCommand("workbench.action.chat.open");
    await new Promise((r) => setTimeout(r, 2000));
  });

  /** Sends a request as a user typing it in the Chat view, and waits for the participant's response. */
  async function ask(query: string, done: (r: ResponseRecord) => boolean = (r) => r.status !== undefined): Promise<ResponseRecord> {
    const before = api.lmChat.lastResponse();
    await vscode.commands.executeCommand("workbench.action.chat.open", { query });
    const response = await until(() => {
      const r = api.lmChat.lastResponse();
      return r !== before && r;
    }, `a response to ${query}`);
    await until(() => done(response), `the end of the response to ${query}`);
    return response;
  }

  it("@langgraph hello: a new thread, the echo assistant's reply streamed into the Chat view", async () => {
    const response = await ask("@langgraph hello from chat");
    assert.equal(response.status, "success", response.text);
    assert.ok(response.threadId);
    threadId = response.threadId;
    assert.match(response.text, /You said: "hello from chat"/);
    const state = await client.threads.getState(threadId);
    const messages = (state.values as { messages: { type: string; content: string }[] }).messages;
    assert.equal(messages.at(-1)?.content, response.text, "the reply shown is the reply the thread keeps");
    const runs = await client.runs.list(threadId);
    assert.deepEqual(runs.map((r) => r.assistant_id), [echoId]);
    assert.ok(response.buttons.some((b) => b.includes("LangGraph panel")), "a way to the thread's panel");
  });

  it("/assistant <other> sends to that assistant on the same thread; the server's runs show both", async () => {
    const pirate = await client.assistants.create({ graphId: "echo", name: "Pirate echo", config: { configurable: { persona: "pirate" } } });
    api.parts.assistants.invalidate();
    const response = await ask("@langgraph /assistant Pirate echo ahoy");
    assert.equal(response.status, "success", response.text);
    assert.equal(response.threadId, threadId);
    assert.match(response.text, /^\[pirate\] You said: "ahoy"\. Earlier you said: "hello from chat"/);
    const runs = await client.runs.list(threadId);
    assert.deepEqual(new Set(runs.map((r) => r.assistant_id)), new Set([echoId, pirate.assistant_id]));
  });

  it("an unknown assistant name offers the closest names", async () => {
    const response = await ask("@langgraph /assistant ecko hi");
    assert.equal(response.status, "unknownAssistant");
    assert.match(response.text, /No assistant is called “ecko”\. Did you mean `echo`/);
  });

  it("a thread open in a panel shows the messages sent from the Chat view, labelled", async () => {
    const panel = api.parts.chats.open(threadId);
    await until(() => panel.session.model.messages.length >= 4 && !panel.session.thread.status?.startsWith("busy"), "the panel's messages");
    const response = await ask("@langgraph from the chat view again");
    assert.equal(response.status, "success", response.text);
    assert.equal(response.threadId, threadId, "the focused panel's thread");
    const reply = await until(
      () => panel.session.model.messages.find((m) => m.role === "ai" && m.content.includes("from the chat view again") && m.author),
      "the reply labelled in the panel",
    );
    assert.ok(reply.author?.name);
    panel.panel.dispose();
  });

  it("cancelling the request mid-stream cancels the run on the server", async () => {
    const response = await ask("@langgraph /assistant slow count slowly", (r) => r.text.length > 10);
    await vscode.commands.executeCommand("workbench.action.chat.cancel");
    await until(() => response.status, "the response to end");
    assert.equal(response.status, "cancelled", response.text);
    const runs = await client.runs.list(response.threadId!);
    const slow = runs.find((r) => r.status !== "success");
    assert.ok(slow, "the slow run did not finish");
    await until(async () => (await client.runs.get(response.threadId!, slow.run_id)).status === "interrupted", "the run cancelled on the server");
  });

  it("an interrupt shows its description and buttons; /approve resumes the run", async () => {
    await ask("@langgraph /new");
    const waiting = await ask("@langgraph /assistant approval the minutes");
    assert.notEqual(waiting.threadId, threadId, "a new thread after /new");
    assert.equal(waiting.status, "interrupted", waiting.text);
    assert.match(waiting.text, /Approve: send "the minutes"\?/);
    assert.deepEqual(waiting.buttons.slice(0, 3), ["Approve", "Reject", "Open the card in LangGraph panel"]);
    const answered = await ask(`@langgraph /approve ${waiting.threadId}`);
    assert.equal(answered.status, "success", answered.text);
    assert.match(answered.text, /Approved\. Done: send "the minutes"/);
    assert.equal((await client.threads.get(waiting.threadId!)).status, "idle");
  });

  it("/reject answers the interrupt as the card's Reject would, and the run ends", async () => {
    await ask("@langgraph /new");
    const waiting = await ask("@langgraph /assistant approval the draft");
    assert.equal(waiting.status, "interrupted", waiting.text);
    const answered = await ask(`@langgraph /reject ${waiting.threadId}`);
    assert.match(answered.text, /Rejected\. I did not send "the draft"/, answered.text);
    assert.equal((await client.threads.get(waiting.threadId!)).status, "idle");
  });

  it("/threads lists recent threads with links that open them; /thread sends the next messages to one", async () => {
    const listed = await ask("@langgraph /threads");
    assert.match(listed.text, /Recent threads/);
    assert.ok(listed.text.includes(threadId), "the first thread is linked");
    await vscode.commands.executeCommand("langgraph.lmChat.openThread", threadId);
    const panel = await until(() => api.parts.chats.find(threadId), "the linked thread's panel");
    panel.panel.dispose();

    const chosen = await ask("@langgraph /thread hello from chat");
    assert.equal(chosen.threadId, threadId, chosen.text);
    const next = await ask("@langgraph back on the first thread");
    assert.equal(next.status, "success", next.text);
    assert.equal(next.threadId, threadId, "the message went to the chosen thread");
  });

  describe("language model tools", () => {
    it("are listed, and list the assistants", async () => {
      const names = vscode.lm.tools.map((t) => t.name);
      for (const name of ["langgraph_list_assistants", "langgraph_search_threads", "langgraph_get_thread", "langgraph_ask_assistant"]) assert.ok(names.includes(name), name);
      const text = textOf(await vscode.lm.invokeTool("langgraph_list_assistants", { input: {}, toolInvocationToken: undefined }));
      assert.match(text, /^- echo \(graph: echo, id: /m);
      assert.match(text, /Pirate echo/);
    });

    it("search threads and read one as bounded text", async () => {
      const found = textOf(await vscode.lm.invokeTool("langgraph_search_threads", { input: { query: "hello from" }, toolInvocationToken: undefined }));
      assert.match(found, new RegExp(threadId));
      const thread = textOf(await vscode.lm.invokeTool("langgraph_get_thread", { input: { threadId, maxMessages: 2 }, toolInvocationToken: undefined }));
      assert.match(thread, /earlier message\(s\) not shown/);
      assert.match(thread, /ai: .*from the chat view again/);
      const missing = textOf(await vscode.lm.invokeTool("langgraph_get_thread", { input: { threadId: "00000000-0000-0000-0000-000000000000" }, toolInvocationToken: undefined }));
      assert.match(missing, /^Error: there is no thread/);
    });

    it("ask an assistant after a confirmation naming the deployment and the assistant; an interrupt says how to answer", async () => {
      const text = textOf(await vscode.lm.invokeTool("langgraph_ask_assistant", { input: { assistant: "approval", message: "the invoices" }, toolInvocationToken: undefined }));
      assert.match(text, /Run status: interrupted/);
      assert.match(text, /Approve: send "the invoices"\?/);
      assert.match(text, /\/approve /);
      const asked = api.lmChat.lastConfirmation();
      assert.equal(asked?.title, "Run LangGraph assistant approval?");
      assert.ok(asked?.message.includes(testServerUrl()), asked?.message);
      assert.match(asked?.message ?? "", /a new thread/);
      const threadOf = /Thread: (\S+)/.exec(text)?.[1];
      assert.ok(threadOf);
      assert.equal((await client.threads.get(threadOf)).status, "interrupted");
    });

    it("server down: the panel's message, as a result and as the participant's reply", async () => {
      const config = vscode.workspace.getConfiguration("langgraph");
      const url = config.get<string>("deploymentUrl");
      await config.update("deploymentUrl", "http://127.0.0.1:9", vscode.ConfigurationTarget.Global);
      try {
        const text = textOf(await vscode.lm.invokeTool("langgraph_list_assistants", { input: {}, toolInvocationToken: undefined }));
        assert.match(text, /^Error: Could not list assistants: Cannot reach http:\/\/127\.0\.0\.1:9\. Is the server running\?/);
        const response = await ask("@langgraph hello?");
        assert.equal(response.status, "error");
        assert.match(response.text, /Cannot reach http:\/\/127\.0\.0\.1:9\. Is the server running\?/);
      } finally {
        await config.update("deploymentUrl", url, vscode.ConfigurationTarget.Global);
      }
    });

    it("langgraph.languageModelTools.enabled: false takes the tools away", async () => {
      const config = vscode.workspace.getConfiguration("langgraph");
      await config.update("languageModelTools.enabled", false, vscode.ConfigurationTarget.Global);
      try {
        // The contribution's `when` hides them from models; an invocation finds no implementation.
        await until(
          () => vscode.lm.invokeTool("langgraph_list_assistants", { input: {}, toolInvocationToken: undefined }).then(() => false, () => true),
          "the tools to go",
        );
      } finally {
        await config.update("languageModelTools.enabled", undefined, vscode.ConfigurationTarget.Global);
      }
      await until(
        () => vscode.lm.invokeTool("langgraph_list_assistants", { input: {}, toolInvocationToken: undefined }).then(() => true, () => false),
        "the tools to come back",
      );
    });

    it("ask an unknown assistant: an error the model can read, with the closest names", async () => {
      const text = textOf(await vscode.lm.invokeTool("langgraph_ask_assistant", { input: { assistant: "aproval", message: "x" }, toolInvocationToken: undefined }));
      assert.match(text, /^Error: no assistant is called "aproval"\. Did you mean: approval/);
    });
  });

  it("with no deployment configured, the reply says how to set one", async () => {
    const config = vscode.workspace.getConfiguration("langgraph");
    const url = config.get<string>("deploymentUrl");
    await config.update("deploymentUrl", "", vscode.ConfigurationTarget.Global);
    try {
      api.parts.assistants.invalidate();
      const response = await ask("@langgraph anyone there?");
      assert.equal(response.status, "error");
      assert.match(response.text, /No LangGraph deployment is configured\. Set "langgraph.deploymentUrl"/);
      assert.ok(response.buttons.includes("Open Settings"));
    } finally {
      await config.update("deploymentUrl", url, vscode.ConfigurationTarget.Global);
      api.parts.assistants.invalidate();
    }
  });
});
