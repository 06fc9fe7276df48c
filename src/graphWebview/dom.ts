/**
 * DOM and SVG builders. Text always goes in through `textContent` and attributes through
 * `setAttribute`: nothing here parses markup, so node names and state from the server are safe to pass.
 */

import { el } from "../common/dom";

export { el };

export const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A button showing only a codicon; the label goes to `aria-label` and the tooltip. */
export function iconButton(iconName: string, label: string, className = "icon-button"): HTMLButtonElement {
  const glyph = el("i", { className: `codicon codicon-${iconName}`, attrs: { "aria-hidden": "true" } });
  return el("button", { className, attrs: { type: "button", "aria-label": label, title: label } }, glyph);
}
