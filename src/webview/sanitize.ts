/**
 * The second layer behind markdown-it's `html: false`: HTML -> a fragment holding only a short
 * allow-list of tags, attributes, classes and link schemes (DOMPurify).
 *
 * The HTML is parsed into an element of an inert document (no browsing context: nothing in it runs or
 * loads) and sanitised there in place, then moved into the page. DOMPurify's string input would parse
 * into a new document on every call, which costs more than the sanitising itself; here the calls of one
 * task (a frame's flush) share a document, dropped after it: the node iterators DOMPurify registers on it
 * stay until collected and slow down every removal in it. The config is set once for the same reason
 * (per-call options are parsed again on every call).
 */
import createDOMPurify, { type Config, type DOMPurify } from "dompurify";

const ALLOWED_TAGS = [
  "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "kbd", "li",
  "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
];
const ALLOWED_ATTR = ["href", "title", "class", "start"];
/** http(s), mailto and VS Code's own schemes, plus scheme-less (relative) links; everything else goes. */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|vscode|vscode-insiders):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
/** Classes that markdown-it, highlight.js and the renderer produce; anything else an agent smuggles in is dropped. */
const ALLOWED_CLASS = /^(?:hljs(?:-[a-z0-9_]+)*|[a-z]+_|language-[\w#+.-]{1,40}|md-[a-z-]+)$/;

const SANITIZE_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS: ["style", "script", "iframe", "svg", "math", "img", "form", "input", "object", "embed", "link", "meta", "base"],
  FORBID_ATTR: ["style", "target", "srcset", "src", "action", "formaction"],
  KEEP_CONTENT: true,
  IN_PLACE: true,
};

/** An allowed tag: DOMPurify refuses to sanitise a root it would remove. Parses in "in body" mode, as `<body>` does. */
const ROOT_TAG = "span";

interface Sanitizer {
  page: Document;
  purifier: DOMPurify;
}

let current: Sanitizer | undefined;
let inert: Document | undefined;

function inertDocument(): Document {
  if (!inert) {
    inert = document.implementation.createHTMLDocument("");
    queueMicrotask(() => {
      inert = undefined;
    });
  }
  return inert;
}

function sanitizer(): Sanitizer {
  if (current?.page === document) return current;
  const purifier = createDOMPurify(window);
  purifier.setConfig(SANITIZE_CONFIG);
  purifier.addHook("uponSanitizeAttribute", (_node, event) => {
    if (event.attrName !== "class") return;
    const kept = event.attrValue.split(/\s+/).filter((name) => ALLOWED_CLASS.test(name));
    event.attrValue = kept.join(" ");
    if (kept.length === 0) event.keepAttr = false;
  });
  purifier.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName !== "A") return;
    node.removeAttribute("target");
    // The tooltip shows where the link really goes: a title from the content could name another place.
    const href = node.getAttribute("href");
    if (href) node.setAttribute("title", href);
    else node.removeAttribute("title");
  });
  current = { page: document, purifier };
  return current;
}

/** Sanitises HTML into a fragment of the page's document. */
export function sanitizeHtml(html: string): DocumentFragment {
  const { purifier } = sanitizer();
  const root = inertDocument().createElement(ROOT_TAG);
  root.innerHTML = html;
  purifier.sanitize(root);
  const fragment = document.createDocumentFragment();
  while (root.firstChild) fragment.appendChild(root.firstChild);
  return fragment;
}
