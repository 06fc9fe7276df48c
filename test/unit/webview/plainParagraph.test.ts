/**
 * The plain-paragraph shortcut (`plainParagraph`) and the in-place sanitiser, on their own with a jsdom
 * window installed as the global one. The shortcut shows text as a text node without markdown-it or
 * DOMPurify, so it may only ever accept text those two would render as `<p>` and the text itself:
 * checked here against the real renderer on hand-picked and generated lines.
 */
import assert from "node:assert/strict";
import { useGlobalWindow } from "./globalWindow";
import { plainParagraph, renderMarkdown, sanitizeHtml } from "../../../src/webview/markdown";

/** A seeded generator, so a failing line can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("webview plain paragraphs and the sanitiser", () => {
  const page = useGlobalWindow();

  function rendered(source: string): string {
    const out = page().window.document.getElementById("out")!;
    out.replaceChildren(renderMarkdown(source));
    return out.innerHTML;
  }

  function asParagraph(text: string): string {
    const out = page().window.document.getElementById("out")!;
    const paragraph = page().window.document.createElement("p");
    paragraph.textContent = text;
    out.replaceChildren(paragraph, "\n");
    return out.innerHTML;
  }

  it("accepts prose without markdown syntax, as the paragraph markdown-it makes of it", () => {
    for (const line of ["t1 t2 t3", "Hello, world. Is it (really) fine?", "Ça va; très bien", "2024 was \"good\"", "It's done.  ", "see example.com, not a link here", `You said: "t1 t2". Well-known.`]) {
      const text = plainParagraph(line);
      assert.notEqual(text, undefined, line);
      assert.equal(asParagraph(text!), rendered(line), line);
    }
  });

  it("refuses anything markdown would turn into markup, links or another block", () => {
    const refused = [
      "", " indented", "    code", "1. list", "12) list", "- item", "# heading", "> quote", "a *b*", "a _b_", "a `b`",
      "a ~~b~~", "[a](b)", "![a](b)", "<b>x</b>", "&amp;", "a\\b", "write to me@example.com",
      "http://example.com", "mailto:me@example.com", "a\nb", "a\tb", "a | b", "a = b", "a/b", "-a",
    ];
    for (const line of refused) assert.equal(plainParagraph(line), undefined, JSON.stringify(line));
  });

  it("never accepts a generated line that renders as anything but its own text", () => {
    const alphabet = ["a", "b", "Z", "1", "9", " ", " ", ".", ",", ";", "?", "'", '"', "(", ")", "é", "*", "_", "`", "[", "]", "!", "<", "&", ":", "@", "-", "#", "\\", "~", "/", "com", "www", "http", "mailto", "1."];
    const next = random(7);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(next() * 12);
      let line = "";
      for (let j = 0; j < length; j++) line += alphabet[Math.floor(next() * alphabet.length)];
      const text = plainParagraph(line);
      if (text === undefined) continue;
      accepted++;
      assert.equal(asParagraph(text), rendered(line), JSON.stringify(line));
    }
    assert.ok(accepted > 100, `${accepted} generated lines were plain`);
  });

  it("sanitises each call on its own, into the page's document", () => {
    const first = sanitizeHtml(`<p>one <a href="https://example.com" onclick="x()">link`);
    const second = sanitizeHtml(`two<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`);
    for (const fragment of [first, second]) {
      assert.equal(fragment.ownerDocument, page().window.document);
      for (const node of fragment.querySelectorAll("*")) assert.equal(node.ownerDocument, page().window.document);
    }
    const out = page().window.document.getElementById("out")!;
    out.replaceChildren(first);
    assert.equal(out.innerHTML, `<p>one <a href="https://example.com" title="https://example.com">link</a></p>`);
    out.replaceChildren(second);
    assert.equal(out.innerHTML, "two");
    assert.equal((page().window as unknown as { __pwned?: unknown }).__pwned, undefined);
  });

  it("sanitises content that mimics or clobbers the element it is parsed into", () => {
    const html = `</span><span class="evil md-x" onclick="x()">a</span><form name="attributes"><input name="removeChild"></form><span>b`;
    const out = page().window.document.getElementById("out")!;
    out.replaceChildren(sanitizeHtml(html));
    assert.equal(out.querySelector("form, input, [onclick]"), null);
    assert.equal(out.querySelector("span")?.className, "md-x");
    assert.equal(out.textContent, "ab");
  });
});
