/**
 * Agent markdown -> sanitised DOM. markdown-it runs with `html: false` (raw HTML in the source stays
 * text) and its output still goes through DOMPurify with a short allow-list, so neither layer alone has
 * to be perfect. Images are never loaded: they render as their alt text.
 */
import MarkdownIt from "markdown-it";
import { decorateCodeBlocks } from "./codeBlocks";
import { highlightCode } from "./highlight";
import { sanitizeHtml } from "./sanitize";

/** The sanitiser, here too for the tests that check it on its own. */
export { sanitizeHtml };

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

/** Renders agent markdown into a sanitised fragment with code-block toolbars added. */
export function renderMarkdown(source: string): DocumentFragment {
  const fragment = sanitizeHtml(markdown.render(source));
  decorateCodeBlocks(fragment);
  return fragment;
}

/**
 * One line of letters, digits, spaces and a few inert punctuation marks, not starting with a space (an
 * indent) or a list marker: markdown-it's block rules see a paragraph, and its inline rules find nothing
 * to start at (no backslash, backtick, `*`, `_`, `~`, `[`, `!`, `<`, `&`; a `:` starts a link only in
 * `://`, and there is no `/`), so it renders as `<p>` and the text itself.
 */
const PLAIN_PARAGRAPH = /^(?![ -]|\d+[.)])[\p{L}\p{M}\p{N} ,.;:?'"()-]+$/u;

/**
 * The text of the one paragraph `source` renders as, when markdown gives it no markup at all (no
 * syntax and no link linkify would find); undefined otherwise. A streamed reply's growing last
 * paragraph is mostly such text: it can be shown as a text node, with nothing to parse or sanitise.
 */
export function plainParagraph(source: string): string | undefined {
  if (!PLAIN_PARAGRAPH.test(source) || markdown.linkify.test(source)) return undefined;
  // markdown-it trims the paragraph's content; only spaces can end it here.
  return source.trimEnd();
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
