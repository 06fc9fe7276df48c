/**
 * Agent markdown -> sanitised DOM. markdown-it runs with `html: false` (raw HTML in the source stays
 * text) and its output still goes through DOMPurify with a short allow-list, so neither layer alone has
 * to be perfect. Images are never loaded: they render as their alt text.
 */
import createDOMPurify, { type Config, type DOMPurify } from "dompurify";
import MarkdownIt from "markdown-it";
import { decorateCodeBlocks } from "./codeBlocks";
import { highlightCode } from "./highlight";

const markdown = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: false,
  highlight: (code, language) => highlightCode(code, language),
});

markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const alt = self.renderInlineAsText(tokens[index].children ?? [], options, env).trim();
  return `<span class="md-image-alt">${markdown.utils.escapeHtml(alt || "image")}</span>`;
};

// Tables align cells with inline `style`, which the sanitiser drops: use classes instead.
for (const rule of ["th_open", "td_open"] as const) {
  markdown.renderer.rules[rule] = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    const style = token.attrGet("style");
    if (style !== null) {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
      const align = /text-align:\s*(left|right|center)/.exec(String(style));
      if (align) token.attrJoin("class", `md-align-${align[1]}`);
    }
    return self.renderToken(tokens, index, options);
  };
}

const ALLOWED_TAGS = [
  "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "kbd", "li",
  "ol", "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
];
const ALLOWED_ATTR = ["href", "title", "class", "start"];
/** http(s), mailto and VS Code's own schemes, plus scheme-less (relative) links; everything else goes. */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|vscode|vscode-insiders):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
/** Classes that markdown-it, highlight.js and this module produce; anything else an agent smuggles in is dropped. */
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
};

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);
  instance.addHook("uponSanitizeAttribute", (_node, event) => {
    if (event.attrName !== "class") return;
    const kept = event.attrValue.split(/\s+/).filter((name) => ALLOWED_CLASS.test(name));
    event.attrValue = kept.join(" ");
    if (kept.length === 0) event.keepAttr = false;
  });
  instance.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName !== "A") return;
    node.removeAttribute("target");
    // The tooltip shows where the link really goes: a title from the content could name another place.
    const href = node.getAttribute("href");
    if (href) node.setAttribute("title", href);
    else node.removeAttribute("title");
  });
  purifier = instance;
  return instance;
}

/** Sanitises HTML into a fragment of the page's document (the second layer; exported for tests). */
export function sanitizeHtml(html: string): DocumentFragment {
  const fragment = getPurifier().sanitize(html, { ...SANITIZE_CONFIG, RETURN_DOM_FRAGMENT: true });
  return document.adoptNode(fragment);
}

/** Renders agent markdown into a sanitised fragment with code-block toolbars added. */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = sanitizeHtml(markdown.render(source));
  decorateCodeBlocks(fragment);
  return fragment;
}

/**
 * Where the top-level blocks of `source` start (line numbers; `source` already has `\n` line ends and no
 * NUL, as markdown-it normalises it), from markdown-it's block parse alone, and whether `source` defines
 * link references, which change how text anywhere else in the same message renders.
 */
export function topLevelBlocks(source: string): { startLines: number[]; definesReferences: boolean } {
  const env: Parameters<typeof markdown.block.parse>[2] = {};
  const tokens: ReturnType<typeof markdown.parse> = [];
  markdown.block.parse(source, markdown, env, tokens);
  const startLines: number[] = [];
  for (const token of tokens) {
    if (token.level === 0 && token.nesting !== -1 && token.map) startLines.push(token.map[0]);
  }
  const references: unknown = env.references;
  return { startLines, definesReferences: typeof references === "object" && references !== null && Object.keys(references).length > 0 };
}
