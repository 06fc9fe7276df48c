/**
 * Hostile agent content against the real webview bundle in jsdom: every vector of the corpus in every
 * untrusted slot of the panel (see `SLOTS`), streamed in awkward chunks, then every event fired at every
 * element and every link and button clicked. Nothing may run, navigate, load, keep markup, restyle the
 * panel or change what its own labels say.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import {
  contentProblems,
  executionProblems,
  interact,
  layoutProblems,
  postedProblems,
  runScenario,
  securityProblems,
  baseline,
  buildScenario,
  tooDeepToPost,
  SLOTS,
  type Expectation,
  type PageWindow,
} from "../../fixtures/hostile/scenario";
import { HOSTILE_VECTORS, PWNED_FLAG } from "../../fixtures/hostile/vectors";
import { buildBrowserBundle } from "../jsdomBundle";
import { openPage, type Page } from "./harness";

const repoRoot = path.resolve(__dirname, "../../..");

/** Everything a payload could call to reach out or open a dialog sets the flag instead. */
function trapApis(window: PageWindow): void {
  const record = window as unknown as Record<string, unknown>;
  const trip = (what: string) => () => {
    record[PWNED_FLAG] = `called ${what}`;
    return undefined;
  };
  for (const name of ["alert", "confirm", "prompt", "print", "open", "fetch", "WebSocket", "EventSource", "Worker"]) {
    Object.defineProperty(window, name, { value: trip(name), configurable: true, writable: true });
  }
  window.XMLHttpRequest.prototype.open = trip("XMLHttpRequest.open");
  Object.defineProperty(window.navigator, "sendBeacon", { value: trip("sendBeacon"), configurable: true });
}

function win(page: Page): PageWindow {
  return page.window as unknown as PageWindow;
}

/**
 * Lets jsdom's timers run. A clicked `javascript:` link is evaluated two chained zero-delay timers later (follow the
 * hyperlink, then navigate). One fixed wait can fire between those two on a busy machine; each round here is queued
 * after the timer the previous round let run, so three rounds drain the chain whatever the load.
 */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

const tally = { vectors: 0, slots: SLOTS.length, executions: 0, failed: 0, events: 0, links: 0, buttons: 0, ms: 0 };

describe("chat webview bundle: hostile content in every slot", function () {
  this.timeout(120_000);

  after(() => {
    console.log(
      `    hostile vectors: ${tally.vectors} tried across ${tally.slots} slots, executions: ${tally.executions}` +
        ` (${tally.failed} vectors with problems; ${tally.events} events fired, ${tally.links} links and ${tally.buttons} buttons clicked; ${(tally.ms / 1000).toFixed(1)}s)`,
    );
  });

  it("has a corpus of at least 100 distinct vectors", () => {
    assert.ok(HOSTILE_VECTORS.length >= 100, `only ${HOSTILE_VECTORS.length} vectors`);
    assert.equal(new Set(HOSTILE_VECTORS.map((vector) => vector.payload)).size, HOSTILE_VECTORS.length, "payloads repeat");
  });

  for (const vector of HOSTILE_VECTORS) {
    it(`${vector.category}: ${vector.id}`, async () => {
      const started = performance.now();
      const page = await openPage();
      try {
        trapApis(win(page));
        const result = await runScenario(win(page), vector.payload, {
          send: (message) => page.send(message),
          frame: () => {
            page.frame();
          },
          posted: () => page.posted,
          settle,
        });
        tally.vectors++;
        tally.events += result.events;
        tally.links += result.linksClicked;
        tally.buttons += result.buttonsClicked;
        if (result.executed) tally.executions++;
        const errors = tooDeepToPost(vector.payload)
          ? page.errors.filter((error) => !/Maximum call stack size exceeded/.test(error))
          : page.errors;
        if (result.problems.length > 0 || errors.length > 0) tally.failed++;
        assert.deepEqual(result.problems, []);
        assert.deepEqual(errors, []);
      } finally {
        page.close();
        tally.ms += performance.now() - started;
      }
    });
  }
});

describe("chat webview bundle: hostile JSON keys in host messages", () => {
  it("keeps __proto__ and constructor keys as plain data everywhere", async () => {
    const page = await openPage();
    try {
      trapApis(win(page));
      const proto = `{"polluted": "yes", "${PWNED_FLAG}": 1, "name": "Spoofed", "isAdmin": true}`;
      const messages = [
        `{"type":"snapshot","thread":{"title":"T","__proto__":${proto}},"loading":false,"run":{"phase":"idle","__proto__":${proto}},` +
          `"assistants":[{"id":"asst-1","name":"Researcher","graphId":"g","__proto__":${proto}},{"id":"__proto__","name":"Proto","graphId":"constructor"}],` +
          `"selectedAssistantId":"__proto__","messages":[` +
          `{"id":"__proto__","role":"ai","content":"first","toolCalls":[],"author":{"id":"asst-1","name":"Researcher","__proto__":${proto}}},` +
          `{"id":"constructor","role":"human","content":"second","toolCalls":[],"__proto__":${proto}},` +
          `{"id":"hasOwnProperty","role":"ai","content":"third","toolCalls":[{"id":"__proto__","name":"t","args":"{\\"__proto__\\":${proto.replace(/"/g, '\\"')}}","__proto__":${proto}}]},` +
          `{"id":"toString","role":"ai","content":"fourth","toolCalls":[{"id":"constructor","name":"u","args":"{}"}]}],` +
          `"interrupt":{"id":"__proto__","valueJson":"{\\"__proto__\\":{\\"polluted\\":1}}","__proto__":${proto}}}`,
        `{"type":"toolResult","toolCallId":"__proto__","result":{"content":"{\\"constructor\\":{\\"prototype\\":{\\"polluted\\":1}}}","status":"success","__proto__":${proto}}}`,
        `{"type":"toolResult","toolCallId":"constructor","result":{"content":"ok","status":"error"}}`,
        `{"type":"attribution","authors":{"__proto__":{"id":"x","name":"Spoofed"},"constructor":{"id":"x","name":"Spoofed"},"toString":{"id":"asst-1","name":"Researcher"}}}`,
        `{"type":"messageDelta","id":"__proto__","textDelta":" more","toolCalls":[{"index":0,"id":"__proto__","name":"__proto__","argsDelta":"{\\"__proto__\\":{}}"}]}`,
        `{"type":"messageDelta","id":"valueOf","textDelta":"new","toolCalls":[{"index":"__proto__","argsDelta":"x"},{"index":-1,"argsDelta":"y"},{"index":1e9,"argsDelta":"z"}]}`,
        `{"type":"messageRemove","id":"__proto__"}`,
        `{"type":"messageUpsert","message":{"id":"__proto__","role":"ai","content":"back","toolCalls":[],"__proto__":${proto}}}`,
        `{"type":"assistants","assistants":[{"id":"asst-1","name":"Researcher","graphId":"g"}],"selectedAssistantId":"constructor","__proto__":${proto}}`,
      ].map((text) => JSON.parse(text) as never);
      page.apply(...messages);
      page.frame();
      const posted = page.posted.length;
      interact(win(page), `{"__proto__": {"polluted": "yes"}}`);
      page.frame();
      assert.deepEqual(executionProblems(win(page)), []);
      assert.deepEqual(postedProblems(page.posted), []);
      assert.ok(page.posted.length > posted, "the clicks reached the host");
      const ids = page.$$(".message-log > article").map((article) => article.dataset.messageId);
      assert.deepEqual(ids, ["constructor", "hasOwnProperty", "toString", "valueOf", "__proto__"]);
      const labels = page.$$(".message--ai .message-author-name").map((label) => label.textContent);
      assert.ok(!labels.includes("Spoofed"), `a label came from a prototype key: ${labels.join(", ")}`);
      assert.equal(page.$("[data-message-id=constructor] .message-body").textContent, "second");
      assert.deepEqual(contentProblems(page.$("#app")), []);
      assert.deepEqual(page.errors, []);
    } finally {
      page.close();
    }
  });
});

describe("chat webview bundle: the hostile checks notice a break (controls)", () => {
  let page: Page;
  beforeEach(async () => {
    page = await openPage();
    trapApis(win(page));
  });
  afterEach(() => page.close());

  /** Renders a harmless payload everywhere and returns the final checkpoint's expectation. */
  async function renderHarmless(): Promise<Expectation> {
    const steps = buildScenario("harmless text");
    for (const step of steps) {
      if ("send" in step) {
        for (const message of step.send) page.send(message);
        page.frame();
      }
    }
    const last = steps[steps.length - 1];
    assert.ok("check" in last);
    const base = baseline(win(page));
    assert.deepEqual(securityProblems(win(page), base), []);
    assert.deepEqual(layoutProblems(win(page), last.check), []);
    return last.check;
  }

  it("a handler that got into a message runs when its event fires, and is reported", async () => {
    await renderHarmless();
    const base = baseline(win(page));
    const body = page.$("[data-message-id=m-ai] .message-body");
    body.innerHTML = `<img src=x onerror="window.${PWNED_FLAG}=1"><details open ontoggle="window.${PWNED_FLAG}=2"></details>`;
    const found = securityProblems(win(page), base).join("\n");
    assert.match(found, /foreign element <img>/);
    assert.match(found, /event handler attribute onerror/);
    interact(win(page), "");
    assert.match(executionProblems(win(page)).join("\n"), /EXECUTED/);
  });

  it("a style, a form, an id or a dangerous URL in content is reported", async () => {
    await renderHarmless();
    const base = baseline(win(page));
    page.$("[data-message-id=m-ai] .message-body").innerHTML =
      `<p style="position:fixed;inset:0">x</p><form action="http://127.0.0.1:1/"></form><a id=${PWNED_FLAG} href="jAvA&#x09;script:x">y</a>`;
    const found = securityProblems(win(page), base).join("\n");
    assert.match(found, /style attribute/);
    assert.match(found, /foreign element <form>/);
    assert.match(found, /dangerous URL href/);
    assert.match(found, /foreign attribute id/);
    assert.match(found, /EXECUTED/, "a clobbered flag counts as a run");
  });

  it("a spoofed label, a bidi override, a chrome class or a lying tooltip is reported", async () => {
    const expected = await renderHarmless();
    page.$("[data-message-id=s-after] .message-author-name").textContent = "\u202Erehcraeser";
    page.$(".thread-title").textContent = "Title\u202E";
    page.$("[data-message-id=m-ai] .message-body").innerHTML =
      `<p class="error-banner">x</p><a href="http://127.0.0.1:1/" title="https://github.com">y</a>`;
    page.$(".message-log").append(page.document.createElement("article"));
    const found = layoutProblems(win(page), expected).join("\n");
    assert.match(found, /"s-after" is labelled "\u202Erehcraeser" instead of "Researcher"/);
    assert.match(found, /thread title keeps bidi\/invisible characters/);
    assert.match(found, /content carries the class "error-banner"/);
    assert.match(found, /hides its destination/);
    assert.match(found, /messages \[/);
  });

  it("a link that is not cancelled runs or navigates, and is reported", async () => {
    const dom = new JSDOM(`<!DOCTYPE html><div id="app"><a href="javascript:window.${PWNED_FLAG}=1">x</a></div>`, {
      url: "https://webview.test/",
      runScripts: "dangerously",
      virtualConsole: new VirtualConsole(),
    });
    try {
      const report = interact(dom.window as unknown as PageWindow, "");
      await settle();
      assert.ok(report.notPrevented.length > 0);
      assert.match(executionProblems(dom.window as unknown as PageWindow).join("\n"), /EXECUTED/);
    } finally {
      dom.window.close();
    }
  });

  it("a dangerous link posted to the host is reported", () => {
    const found = postedProblems([
      { type: "openLink", href: "javascript:alert(1)" },
      { type: "openLink", href: " data:text/html,x" },
      { type: "openLink", href: "command:workbench.action.terminal.new" },
      { type: "openLink", href: "https://example.com/ok" },
      { type: "nope" },
    ]);
    assert.equal(found.length, 4);
  });
});

describe("sanitiser alone: raw hostile HTML through sanitizeHtml (the second layer)", function () {
  this.timeout(120_000);

  it("keeps nothing that runs, loads or navigates, whatever the first layer let through", async () => {
    const probe = await buildBrowserBundle({
      stdin: {
        contents: `import { sanitizeHtml } from "./src/webview/markdown";\n(window as unknown as { __sanitize: unknown }).__sanitize = sanitizeHtml;`,
        resolveDir: repoRoot,
        loader: "ts",
        sourcefile: "sanitizer-probe.ts",
      },
    });
    const errors: string[] = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on("jsdomError", (error) => {
      // Clicking a kept http(s) link asks jsdom to navigate, which it does not implement: that is fine here.
      if (!/navigation/i.test(error.message)) errors.push(String(error.stack ?? error));
    });
    const dom = new JSDOM(`<!DOCTYPE html><html><body><div id="app"></div></body></html>`, {
      url: "https://webview.test/index.html",
      runScripts: "dangerously",
      virtualConsole,
    });
    try {
      const window = dom.window as unknown as PageWindow;
      trapApis(window);
      const script = window.document.createElement("script");
      script.textContent = probe;
      window.document.body.append(script);
      const sanitize = (window as unknown as { __sanitize: (html: string) => DocumentFragment }).__sanitize;
      const app = window.document.getElementById("app")!;
      const failures: string[] = [];
      const keptNothing: string[] = [];
      // The size vectors test the markdown renderer; as raw HTML, 20,000 elements take jsdom minutes to remove.
      for (const vector of HOSTILE_VECTORS.filter((candidate) => candidate.category !== "size")) {
        let fragment: DocumentFragment;
        try {
          fragment = sanitize(vector.payload);
        } catch (error) {
          // DOMPurify returns null when the parsed document has no body (a <frameset>): nothing is kept.
          if (!/adoptNode/.test(String(error))) throw error;
          keptNothing.push(vector.id);
          continue;
        }
        app.replaceChildren(fragment);
        const problems = contentProblems(app);
        for (const anchor of Array.from(app.querySelectorAll("a"))) {
          const href = anchor.getAttribute("href") ?? "";
          if (/^\s*[a-z][a-z0-9+.-]*:/i.test(href) && !/^(?:https?|mailto|vscode|vscode-insiders):/i.test(href.trim())) {
            problems.push(`kept the link ${href.slice(0, 60)}`);
          }
        }
        interact(window, vector.payload);
        await settle();
        problems.push(...executionProblems(window));
        for (const problem of problems) failures.push(`${vector.id}: ${problem}`);
        delete (window as unknown as Record<string, unknown>)[PWNED_FLAG];
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(errors, []);
      for (const id of keptNothing) assert.match(HOSTILE_VECTORS.find((vector) => vector.id === id)?.payload ?? "", /<frameset/i);
    } finally {
      dom.window.close();
    }
  });
});
