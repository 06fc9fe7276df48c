/** Splits a reference string into its file and export parts, with their offsets in the document. */
import type { StringASTNode } from "vscode-json-languageservice";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReferenceKind } from "./configModel";

export interface Segment {
  text: string;
  /** Offsets in the document, without the quotes. */
  start: number;
  end: number;
}

export interface ParsedReference {
  whole: Segment;
  file: Segment;
  /** The part after the colon of an import reference; absent when there is no colon. */
  symbol?: Segment;
}

export function parseReference(document: TextDocument, node: StringASTNode, kind: ReferenceKind): ParsedReference {
  const value = node.value;
  const contentStart = node.offset + 1;
  // With escapes in the string, offsets inside the value no longer match the text: fall back to the whole string.
  const exact = document.getText().slice(contentStart, contentStart + value.length + 1) === `${value}"`;
  const whole: Segment = { text: value, start: contentStart, end: contentStart + (exact ? value.length : Math.max(0, node.length - 2)) };
  const segment = (from: number, to: number): Segment =>
    exact ? { text: value.slice(from, to), start: contentStart + from, end: contentStart + to } : { ...whole, text: value.slice(from, to) };

  const colon = kind === "import" ? exportSeparator(value) : -1;
  if (colon < 0) return { whole, file: segment(0, value.length) };
  return { whole, file: segment(0, colon), symbol: segment(colon + 1, value.length) };
}

/** The colon before the export name; a Windows drive ("C:\\...") is not one. */
function exportSeparator(value: string): number {
  const colon = value.lastIndexOf(":");
  if (colon === 1 && /^[A-Za-z]:[\\/]/.test(value)) return -1;
  return colon;
}
