/**
 * DOM and SVG builders. Text always goes in through `textContent` and attributes through
 * `setAttribute`: nothing here parses markup, so node names and state from the server are safe to pass.
 */

export const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) element.setAttribute(name, value);
  if (options.text !== undefined) element.textContent = options.text;
  if (children.length) element.append(...children);
  return element;
}

/** A button showing only a codicon; the label goes to `aria-label` and the tooltip. */
export function iconButton(iconName: string, label: string, className = "icon-button"): HTMLButtonElement {
  const glyph = el("i", { className: `codicon codicon-${iconName}`, attrs: { "aria-hidden": "true" } });
  return el("button", { className, attrs: { type: "button", "aria-label": label, title: label } }, glyph);
}
