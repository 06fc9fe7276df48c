/**
 * The rendered markdown of one AI message, kept up to date as its text grows token by token.
 *
 * A streamed reply only ever grows at its end, and markdown settles block by block: once a later
 * top-level block has started on a complete line, nothing appended can change how an earlier one
 * renders. So the text is split (by markdown-it's own block parser, which knows fences, lists, tables
 * and indented code) into settled blocks, each rendered and sanitised once, and the blocks from the last
 * one on, the only ones rendered again on each update. An update costs the length of that last block,
 * not of the whole reply, and always produces the DOM one render of the whole text would.
 *
 * The one thing in markdown that reaches across blocks is a link reference definition (`[id]: url`
 * makes `[text][id]` anywhere a link); a text that defines one is always rendered whole.
 *
 * A last block that is one line of plain prose (`plainParagraph`) is shown as a `<p>` holding a text
 * node, updated in place as the line grows: a long streamed paragraph costs a text update per frame, not
 * a parse and a sanitiser pass of the whole paragraph. Text nodes carry no markup, and the DOM is the
 * one markdown-it and DOMPurify make of the same line.
 */
import { plainParagraph, renderMarkdown, topLevelBlocks } from "./markdown";

export class MarkdownBody {
  /** The text shown, normalised as markdown-it normalises it. */
  private source = "";
  private rendered = false;
  /** The container holds settled blocks (`settled` characters of `source`) followed by `tail`. */
  private incremental = false;
  private settled = 0;
  /** Nodes rendered from the text after the settled blocks: replaced on every update. */
  private tail: ChildNode[] = [];
  /** The text defines link references: every update renders it whole. */
  private whole = false;
  /** The tail is one plain paragraph: this is its text node. */
  private plainTail: Text | undefined;

  constructor(private readonly container: HTMLElement) {}

  /** Shows `text`; when it extends the text shown, only its unsettled end is rendered again. */
  render(text: string): void {
    const source = normalize(text);
    if (this.rendered && source === this.source) return;
    if (this.rendered && !this.whole && source.startsWith(this.source)) this.grow(source);
    else this.renderWhole(source);
  }

  private renderWhole(source: string): void {
    // A text that does not extend the one shown starts over; one that does keeps its references.
    if (!this.rendered || !source.startsWith(this.source)) this.whole = false;
    this.source = source;
    this.rendered = true;
    this.settled = 0;
    // A first render of plain prose (a reply's first tokens) needs no parse or sanitiser pass, and is
    // already the block-by-block state `grow` continues from.
    const plain = this.whole ? undefined : plainParagraph(source);
    if (plain !== undefined) {
      this.plainTail = document.createTextNode(plain);
      const paragraph = paragraphOf(this.plainTail);
      this.tail = Array.from(paragraph.childNodes);
      this.container.replaceChildren(paragraph);
      this.incremental = true;
      return;
    }
    // Nothing to parse or sanitise for an empty text (a reply that is only tool calls).
    if (source === "") this.container.replaceChildren();
    else this.container.replaceChildren(renderMarkdown(source));
    this.incremental = false;
    this.tail = [];
    this.plainTail = undefined;
  }

  private grow(source: string): void {
    if (!this.incremental) {
      // Built by a whole render: its nodes are not split into blocks. Start over once, block by block.
      this.container.replaceChildren();
      this.incremental = true;
      this.settled = 0;
      this.tail = [];
      this.plainTail = undefined;
    }
    const rest = source.slice(this.settled);
    if (rest.includes("]:") && topLevelBlocks(rest).definesReferences) {
      this.whole = true;
      this.renderWhole(source);
      return;
    }
    // Only complete lines decide where blocks start: the line still being written could yet turn the
    // lines above it into something else (a table's delimiter row, a setext underline).
    const complete = rest.slice(0, rest.lastIndexOf("\n") + 1);
    let cut = 0;
    if (complete !== "") {
      const starts = topLevelBlocks(complete).startLines;
      if (starts.length >= 2) cut = lineOffset(complete, starts[starts.length - 1]);
    }
    const tailSource = rest.slice(cut);
    const plain = plainParagraph(tailSource);
    if (plain !== undefined && cut === 0 && this.plainTail) {
      // The same paragraph, grown: only its text changes.
      if (this.plainTail.data !== plain) this.plainTail.data = plain;
      this.source = source;
      return;
    }
    this.plainTail = plain === undefined ? undefined : document.createTextNode(plain);
    const next = this.plainTail ? paragraphOf(this.plainTail) : renderMarkdown(tailSource);
    const nextTail = Array.from(next.childNodes);
    // The newline after the last block is usually the same text as before: keep that node.
    const previous = this.tail.filter((node) => node.parentNode === this.container);
    const last = previous[previous.length - 1];
    const kept = sameText(last, next.lastChild) ? last : undefined;
    if (kept) {
      next.lastChild!.remove();
      nextTail[nextTail.length - 1] = kept;
    }
    if (cut > 0) {
      next.prepend(renderMarkdown(rest.slice(0, cut)));
      this.settled += cut;
    }
    const first = previous[0];
    for (const node of previous.slice(1)) if (node !== kept) node.remove();
    if (first && first !== kept) first.replaceWith(next);
    else if (kept) kept.before(next);
    else this.container.append(next);
    this.tail = nextTail;
    this.source = source;
  }
}

/** What markdown-it renders a plain paragraph as: `<p>text</p>` and a newline. */
function paragraphOf(text: Text): DocumentFragment {
  const paragraph = document.createElement("p");
  paragraph.append(text);
  const fragment = document.createDocumentFragment();
  fragment.append(paragraph, "\n");
  return fragment;
}

function sameText(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return a?.nodeType === Node.TEXT_NODE && b?.nodeType === Node.TEXT_NODE && a.nodeValue === b.nodeValue;
}

/** markdown-it's input normalisation: `\n` line ends, NUL as U+FFFD. */
function normalize(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD");
}

/** Offset of the start of line `line` (0-based) in `text`. */
function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const end = text.indexOf("\n", offset);
    if (end < 0) return text.length;
    offset = end + 1;
  }
  return offset;
}
