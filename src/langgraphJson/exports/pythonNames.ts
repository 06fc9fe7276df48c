/**
 * Finds the module-level names of a Python file, without a parser: everything bound outside a `def` or
 * `class` body (including inside top-level `if`/`try` blocks) by assignment, `def`, `class` or import.
 */
import * as l10n from "@vscode/l10n";
import { LineIndex, type ExportScan, type NamePosition } from "./types";

const NAME = "[A-Za-z_][A-Za-z0-9_]*";

/** Replaces comments and string contents with spaces; offsets and newlines are kept. */
function blankPythonNonCode(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n" && out[k] !== "\r") out[k] = " ";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "#") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j) && (triple || text[j] !== "\n")) j += text[j] === "\\" ? 2 : 1;
      blank(i + quote.length, j);
      i = j + quote.length;
    } else i++;
  }
  return out.join("");
}

export function scanPythonNames(text: string): ExportScan {
  const code = blankPythonNonCode(text);
  const lineIndex = new LineIndex(text);
  const names = new Map<string, NamePosition>();
  const opaque: string[] = [];
  const add = (name: string, offset: number) => {
    if (!names.has(name)) names.set(name, { ...lineIndex.position(offset), length: name.length });
  };

  const rows = code.split("\n");
  let rowStart = 0;
  let bracketDepth = 0;
  // Lines indented deeper than this belong to a def/class body and bind no module-level names.
  let bodyIndent: number | undefined;
  // An open `from x import (` whose names continue on the following lines.
  let importContinues = false;

  for (const row of rows) {
    const start = rowStart;
    rowStart += row.length + 1;
    const continuation = bracketDepth > 0;
    for (const c of row) {
      if (c === "(" || c === "[" || c === "{") bracketDepth++;
      else if (c === ")" || c === "]" || c === "}") bracketDepth = Math.max(0, bracketDepth - 1);
    }
    if (continuation) {
      if (importContinues) addImported(row, start);
      if (bracketDepth === 0) importContinues = false;
      continue;
    }
    const trimmed = row.trimStart();
    if (trimmed.trim() === "") continue;
    const indent = row.length - trimmed.length;
    if (bodyIndent !== undefined && indent > bodyIndent) continue;
    bodyIndent = undefined;
    const at = start + indent;

    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^(?:async\\s+)?(def|class)\\s+(${NAME})`).exec(trimmed))) {
      add(m[2], at + m[0].length - m[2].length);
      bodyIndent = indent;
    } else if ((m = /^from\s+[\w.]+\s+import\s+/.exec(trimmed))) {
      const rest = trimmed.slice(m[0].length);
      if (/^\*/.test(rest)) opaque.push(l10n.t("`from … import *` on line {0}", lineIndex.position(at).line + 1));
      else addImported(rest, at + m[0].length);
      importContinues = bracketDepth > 0;
    } else if ((m = /^import\s+/.exec(trimmed))) {
      for (const part of splitWithOffsets(trimmed.slice(m[0].length), at + m[0].length)) {
        const spec = new RegExp(`^\\s*(${NAME})(?:\\.[\\w.]+)?(?:\\s+as\\s+(${NAME}))?`).exec(part.text);
        if (spec) add(spec[2] ?? spec[1], part.offset + spec[0].lastIndexOf(spec[2] ?? spec[1]));
      }
    } else if (/^(if|elif|else|try|except|finally|with|for|while|async\s+with|async\s+for)\b/.test(trimmed)) {
      continue;
    } else {
      // `a = b = 1`, `a, b = pair`, `graph: CompiledStateGraph = builder.compile()`
      const target = new RegExp(`^(${NAME}(?:\\s*,\\s*${NAME})*)\\s*(:[^=]*)?=(?!=)\\s*`);
      let consumed = 0;
      while ((m = target.exec(trimmed.slice(consumed)))) {
        let cursor = 0;
        for (const name of m[1].split(",")) {
          const offset = cursor + name.search(/\S/);
          cursor += name.length + 1;
          add(name.trim(), at + consumed + offset);
        }
        consumed += m[0].length;
        if (m[2]) break; // an annotated assignment has a single target
      }
    }
  }
  return { names, opaque };

  function addImported(list: string, offset: number) {
    for (const part of splitWithOffsets(list, offset)) {
      const spec = new RegExp(`^[\\s(]*(${NAME})(?:\\s+as\\s+(${NAME}))?`).exec(part.text);
      if (spec) add(spec[2] ?? spec[1], part.offset + spec[0].lastIndexOf(spec[2] ?? spec[1]));
    }
  }
}

function splitWithOffsets(text: string, offset: number): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let cursor = 0;
  for (const piece of text.split(",")) {
    parts.push({ text: piece, offset: offset + cursor });
    cursor += piece.length + 1;
  }
  return parts;
}
