/**
 * Exports of the drawing. The SVG is a copy of what is shown with every theme colour written out
 * (the `--vscode-*` variables do not exist outside VS Code); the PNG is that SVG drawn on a canvas.
 */
import type { GraphLayout } from "../protocol/graphProtocol";
import { SVG_NS } from "./dom";
import { pageText } from "./pageText";

/** Presentation properties copied from the live drawing into the export. */
const STYLE_PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "stroke-linejoin",
  "paint-order",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
];
/** Attributes that only matter inside the panel. */
const PANEL_ATTRIBUTES = ["tabindex", "role", "aria-label", "aria-pressed", "data-width", "data-height", "data-run-status"];
const EXPORT_MARGIN = 16;
/** Largest PNG side, in pixels: bigger canvases fail in browsers. */
const MAX_PNG_SIDE = 8192;

/** The drawing as a standalone SVG document. */
export function exportSvg(source: SVGSVGElement, layout: GraphLayout): string {
  const view = source.ownerDocument.defaultView;
  const clone = source.cloneNode(true) as SVGSVGElement;
  const originals = [source, ...Array.from(source.querySelectorAll("*"))];
  const copies = [clone, ...Array.from(clone.querySelectorAll("*"))];
  const hidden: Element[] = [];
  originals.forEach((original, index) => {
    const copy = copies[index];
    const style = view?.getComputedStyle(original);
    if (style && (original.getAttribute("visibility") === "hidden" || style.getPropertyValue("display") === "none")) hidden.push(copy);
    const declarations = style
      ? STYLE_PROPERTIES.map((name) => [name, style.getPropertyValue(name).trim()] as const).filter(([, value]) => value && !value.includes("var("))
      : [];
    if (declarations.length) copy.setAttribute("style", declarations.map(([name, value]) => `${name}:${value}`).join(";"));
    for (const name of PANEL_ATTRIBUTES) copy.removeAttribute(name);
  });
  for (const element of hidden) element.remove();

  const width = Math.ceil(layout.width + EXPORT_MARGIN * 2);
  const height = Math.ceil(layout.height + EXPORT_MARGIN * 2);
  clone.setAttribute("viewBox", `${-EXPORT_MARGIN} ${-EXPORT_MARGIN} ${width} ${height}`);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.querySelector(".viewport")?.removeAttribute("transform");
  clone.classList.remove("panning");

  const background = view?.getComputedStyle(source.ownerDocument.body).getPropertyValue("background-color").trim();
  if (background && !background.includes("var(") && background !== "transparent" && background !== "rgba(0, 0, 0, 0)") {
    const rect = source.ownerDocument.createElementNS(SVG_NS, "rect");
    for (const [name, value] of Object.entries({ x: -EXPORT_MARGIN, y: -EXPORT_MARGIN, width, height, fill: background })) rect.setAttribute(name, String(value));
    clone.insertBefore(rect, clone.firstChild);
  }

  let text = new XMLSerializer().serializeToString(clone);
  if (!/^<svg[^>]*\sxmlns=/.test(text)) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

/** The SVG export drawn at `scale`, as PNG bytes in base64. */
export async function exportPng(svgText: string, layout: GraphLayout, scale = 2): Promise<string> {
  const width = Math.ceil(layout.width + EXPORT_MARGIN * 2);
  const height = Math.ceil(layout.height + EXPORT_MARGIN * 2);
  const factor = Math.min(scale, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height);
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.floor(width * factor));
  canvas.height = Math.max(1, Math.floor(height * factor));
  const context = canvas.getContext("2d");
  if (!context) throw new Error(pageText().cannotDraw);
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const image = await loadImage(url);
    context.scale(factor, factor);
    context.drawImage(image, 0, 0, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }
  const dataUrl = canvas.toDataURL("image/png");
  const comma = dataUrl.indexOf(",");
  if (!dataUrl.startsWith("data:image/png") || comma < 0) throw new Error(pageText().noPng);
  return dataUrl.slice(comma + 1);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(pageText().notRendered));
    image.src = url;
  });
}
