/**
 * A message's first render when it is plain prose (a streamed reply's first tokens): shown without
 * markdown-it or DOMPurify, as the same DOM they make, and grown from there as if rendered block by block.
 */
import assert from "node:assert/strict";
import { useGlobalWindow } from "./globalWindow";
import { renderMarkdown } from "../../../src/webview/markdown";
import { MarkdownBody } from "../../../src/webview/markdownBody";

describe("webview markdown body, first render", () => {
  const page = useGlobalWindow();

  function container(): HTMLElement {
    const out = page().window.document.getElementById("out")!;
    out.replaceChildren();
    return out;
  }

  function whole(source: string): string {
    const reference = page().window.document.createElement("div");
    reference.append(renderMarkdown(source));
    return reference.innerHTML;
  }

  it("renders plain prose as the paragraph markdown-it makes, then grows its text node in place", () => {
    const out = container();
    const body = new MarkdownBody(out);
    body.render("You said: t1");
    assert.equal(out.innerHTML, whole("You said: t1"));
    const text = out.querySelector("p")!.firstChild;
    body.render("You said: t1 t2 t3");
    assert.equal(out.innerHTML, whole("You said: t1 t2 t3"));
    assert.equal(out.querySelector("p")!.firstChild, text, "the same text node, updated");
  });

  it("keeps matching a whole render when the plain start grows into markdown", () => {
    const out = container();
    const body = new MarkdownBody(out);
    const steps = ["Hello", "Hello there", "Hello there, **bold**", "Hello there, **bold**\n\n- a\n- b <img src=x onerror=alert(1)>", "Hello there, **bold**\n\n- a\n- b <img src=x onerror=alert(1)>\n\nend"];
    for (const source of steps) {
      body.render(source);
      assert.equal(out.innerHTML, whole(source), JSON.stringify(source));
    }
    assert.equal(out.querySelector("img"), null);
  });

  it("renders a first text with markup through markdown-it and the sanitiser", () => {
    const out = container();
    new MarkdownBody(out).render("a <script>window.__pwned = 1</script> *b*");
    assert.equal(out.innerHTML, whole("a <script>window.__pwned = 1</script> *b*"));
    assert.equal(out.querySelector("script"), null);
    assert.ok(out.querySelector("em"));
  });
});
