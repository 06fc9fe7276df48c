/**
 * The markdown module on its own, imported with a jsdom window installed as the global one. Checks the
 * sanitiser directly with raw HTML (the layer behind markdown-it's `html: false`).
 */
import assert from "node:assert/strict";
import { useGlobalWindow } from "./globalWindow";
import { renderMarkdown, sanitizeHtml } from "../../../src/webview/markdown";

describe("webview markdown module", () => {
  const page = useGlobalWindow();

  function mount(fragment: DocumentFragment): HTMLElement {
    const out = page().window.document.getElementById("out")!;
    out.replaceChildren(fragment);
    return out;
  }

  it("renders markdown structure", () => {
    const out = mount(renderMarkdown("### H3\n\n* a\n* b\n\n> quote\n\n| L | R |\n|:--|--:|\n| 1 | 2 |\n\nVisit https://example.com now"));
    assert.equal(out.querySelector("h3")?.textContent, "H3");
    assert.equal(out.querySelectorAll("ul li").length, 2);
    assert.equal(out.querySelector("blockquote p")?.textContent, "quote");
    assert.equal(out.querySelector("td.md-align-right")?.textContent, "2");
    assert.equal(out.querySelector("th")?.hasAttribute("style"), false);
    assert.equal(out.querySelector("a")?.getAttribute("href"), "https://example.com", "bare URLs are linked");
  });

  it("renders images as their alt text and loads nothing", () => {
    const out = mount(renderMarkdown("before ![a chart](https://example.com/c.png) after"));
    assert.equal(out.querySelector("img"), null);
    assert.equal(out.querySelector(".md-image-alt")?.textContent, "a chart");
  });

  it("highlights known languages and leaves unknown ones as escaped text", () => {
    const out = mount(renderMarkdown("```python\ndef f():\n    return 1\n```\n\n```nosuchlang\n<b>x</b>\n```"));
    const [python, unknown] = out.querySelectorAll("pre code");
    assert.ok(python.querySelector(".hljs-keyword"));
    assert.equal(unknown.textContent, "<b>x</b>\n");
    assert.equal(unknown.querySelector("b"), null);
    assert.equal(out.querySelectorAll(".code-block .code-toolbar button").length, 4);
  });

  it("strips scripts, handlers, iframes, styles and unsafe URLs from raw HTML", () => {
    const html = [
      `<p>ok</p><script>window.__pwned = 1</script>`,
      `<img src=x onerror="window.__pwned = 2">`,
      `<svg><g onload="window.__pwned = 3"></g></svg>`,
      `<iframe src="https://example.com"></iframe>`,
      `<style>* { color: red }</style>`,
      `<a href="javascript:window.__pwned = 4" target="_blank">j</a>`,
      `<a href="JaVaScRiPt&#58;window.__pwned = 5">entity</a>`,
      `<a href=" data:text/html,<script>x</script>">d</a>`,
      `<a href="vbscript:x">v</a>`,
      `<p style="color:red" onclick="window.__pwned = 6" class="hljs-string evil codicon">styled</p>`,
      `<form action="https://x"><input autofocus onfocus="window.__pwned = 7"></form>`,
      `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 8">`,
    ].join("");
    const out = mount(sanitizeHtml(html));
    assert.equal(out.querySelector("script, img, svg, iframe, style, form, input, math"), null);
    for (const element of out.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        assert.ok(["href", "title", "class", "start"].includes(attribute.name), `attribute ${attribute.name} survived`);
      }
    }
    for (const link of out.querySelectorAll("a")) {
      assert.ok(!/^\s*(javascript|data|vbscript)/i.test(link.getAttribute("href") ?? ""), link.outerHTML);
    }
    assert.equal(out.querySelector("p.hljs-string")?.className, "hljs-string", "only known classes kept");
    for (const element of out.querySelectorAll("*")) {
      for (const type of ["load", "error", "click", "focus"]) element.dispatchEvent(new (page().window.Event)(type));
    }
    assert.equal((page().window as unknown as { __pwned?: unknown }).__pwned, undefined);
  });
});
