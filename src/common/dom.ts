/**
 * Small DOM builders. Text always goes in through `textContent`: nothing here ever parses HTML, so
 * untrusted strings (tool names, titles, assistant names) can be passed straight in.
 */

export { labelText } from "./untrustedText";

/** Explicit bidi embeddings, overrides and isolates: they can make text read in another order than stored. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Multi-line prose from an agent (an approval request's description) without reordering controls. */
export function proseText(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/**
 * JSON with its bidi controls written as `\uXXXX` escapes: the same JSON value (they can only stand in
 * strings), shown in the order it is stored, so arguments under review cannot be disguised.
 */
export function jsonText(json: string): string {
  return json.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) element.setAttribute(name, value);
  if (options.text !== undefined) element.textContent = options.text;
  if (children.length > 0) element.append(...children);
  return element;
}

/** A codicon glyph; decorative, so hidden from assistive technology. */
export function icon(name: string, extraClass?: string): HTMLElement {
  const element = document.createElement("i");
  element.className = `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ""}`;
  element.setAttribute("aria-hidden", "true");
  return element;
}

/** A button showing only a codicon; the label goes to `aria-label` and the tooltip. */
export function iconButton(iconName: string, label: string, className = "icon-button"): HTMLButtonElement {
  const button = el("button", { className, attrs: { type: "button", "aria-label": label, title: label } }, icon(iconName));
  return button;
}

/** Swaps the codicon shown inside `host` (the first `.codicon` child). */
export function setIcon(host: Element, name: string, extraClass?: string): void {
  const current = host.querySelector(".codicon");
  const next = icon(name, extraClass);
  if (current) current.replaceWith(next);
  else host.prepend(next);
}
