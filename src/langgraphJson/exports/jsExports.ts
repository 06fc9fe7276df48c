/**
 * Finds the names a JavaScript/TypeScript module exports, without a parser: comments, strings, templates
 * and regex literals are blanked first so the patterns below only ever see code.
 */
import * as l10n from "@vscode/l10n";
import { LineIndex, type ExportScan, type NamePosition } from "./types";

const ID = "[A-Za-z_$][\\w$]*";
const KEYWORDS_BEFORE_REGEX = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
]);

/** Replaces comments and the contents of literals with spaces; offsets and newlines are kept. */
function blankJsNonCode(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n" && out[k] !== "\r") out[k] = " ";
  };
  // Brace depth at which each open `${` of a template literal resumes the template when closed.
  const templateResume: number[] = [];
  let depth = 0;
  let i = 0;

  // Scans template text from `from`; returns where code resumes, pushing a `${` if one opened.
  const scanTemplate = (from: number): number => {
    let j = from;
    while (j < text.length) {
      const c = text[j];
      if (c === "\\") j += 2;
      else if (c === "`") {
        blank(from, j);
        return j + 1;
      } else if (c === "$" && text[j + 1] === "{") {
        blank(from, j + 2);
        templateResume.push(depth);
        depth++;
        return j + 2;
      } else j++;
    }
    blank(from, text.length);
    return text.length;
  };

  const regexAllowed = (at: number): boolean => {
    let k = at - 1;
    while (k >= 0 && /\s/.test(out[k])) k--;
    if (k < 0) return true;
    const prev = out[k];
    if (/[\w$]/.test(prev)) {
      let start = k;
      while (start > 0 && /[\w$]/.test(out[start - 1])) start--;
      return KEYWORDS_BEFORE_REGEX.has(out.slice(start, k + 1).join(""));
    }
    return !/[)\]}]/.test(prev);
  };

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else if (c === "`") {
      i = scanTemplate(i + 1);
    } else if (c === "/" && regexAllowed(i)) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== "\n") {
        if (text[j] === "\\") j++;
        else if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        else if (text[j] === "/" && !inClass) break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
    } else if (c === "{") {
      depth++;
      i++;
    } else if (c === "}") {
      depth--;
      if (templateResume.length > 0 && templateResume[templateResume.length - 1] === depth) {
        templateResume.pop();
        blank(i, i + 1);
        i = scanTemplate(i + 1);
      } else i++;
    } else i++;
  }
  return out.join("");
}

/** Nesting depth of (), [] and {} before each offset of blanked code. */
function nestingDepths(code: string): Int32Array {
  const depths = new Int32Array(code.length + 1);
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    depths[i] = depth;
    const c = code[i];
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") depth = Math.max(0, depth - 1);
  }
  depths[code.length] = depth;
  return depths;
}

export function scanJsExports(text: string): ExportScan {
  const code = blankJsNonCode(text);
  const depths = nestingDepths(code);
  const lines = new LineIndex(text);
  const names = new Map<string, NamePosition>();
  const opaque: string[] = [];

  const at = (offset: number, length: number): NamePosition => ({ ...lines.position(offset), length });
  const add = (name: string, position: NamePosition) => {
    if (!names.has(name)) names.set(name, position);
  };
  const topLevel = (pattern: string): RegExpExecArray[] =>
    [...code.matchAll(new RegExp(pattern, "g"))].filter((m) => depths[m.index] === 0);
  // Index of capture group 1 within the whole match, so positions point at the name itself.
  const groupOffset = (m: RegExpExecArray): number => m.index + m[0].lastIndexOf(m[1]);

  // The declaration of a local name, so `export { graph as agent }` can point at `const graph`.
  const declarationOf = (local: string): NamePosition | undefined => {
    const m = topLevel(`\\b(?:const|let|var|function\\s*\\*?|class)\\s+(${local})\\b`)[0]
      ?? topLevel(`\\bimport\\b[^;]*?\\b(${local})\\b[^;]*?\\bfrom\\b`)[0];
    return m ? at(groupOffset(m), local.length) : undefined;
  };

  for (const m of topLevel(`\\bexport\\s+default\\b`)) add("default", at(m.index, m[0].length));
  for (const m of topLevel(`\\bexport\\s+(?:declare\\s+)?(?:async\\s+)?function\\s*\\*?\\s*(${ID})`)) add(m[1], at(groupOffset(m), m[1].length));
  for (const m of topLevel(`\\bexport\\s+(?:declare\\s+)?(?:abstract\\s+)?class\\s+(${ID})`)) add(m[1], at(groupOffset(m), m[1].length));
  for (const m of topLevel(`\\bexport\\s+(?:declare\\s+)?(?:const\\s+)?enum\\s+(${ID})`)) add(m[1], at(groupOffset(m), m[1].length));
  for (const m of topLevel(`\\bexport\\s+(?:declare\\s+)?(?:const|let|var|using)\\s+(${ID})`)) add(m[1], at(groupOffset(m), m[1].length));
  for (const m of topLevel(`\\bexport\\s+(?:declare\\s+)?(?:const|let|var)\\s*[{[]`)) opaque.push(l10n.t("destructuring export on line {0}", at(m.index, 0).line + 1));
  for (const m of topLevel(`\\bexport\\s*\\*\\s*as\\s+(${ID})`)) add(m[1], at(groupOffset(m), m[1].length));
  for (const m of topLevel(`\\bexport\\s*\\*\\s*from\\b`)) opaque.push(l10n.t("`export * from` on line {0}", at(m.index, 0).line + 1));
  for (const m of topLevel(`\\bexport\\s*=`)) opaque.push(l10n.t("`export =` on line {0}", at(m.index, 0).line + 1));

  for (const m of topLevel(`\\bexport\\s+(type\\s+)?\\{([^}]*)\\}(\\s*from\\b)?`)) {
    if (m[1]) continue;
    const listStart = m.index + m[0].indexOf("{") + 1;
    let cursor = 0;
    for (const part of m[2].split(",")) {
      const partOffset = listStart + cursor;
      cursor += part.length + 1;
      const spec = /^\s*(type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
      if (!spec || spec[1]) continue;
      const [, , local, exported = local] = spec;
      const ownOffset = partOffset + part.lastIndexOf(exported);
      add(exported, (!m[3] && declarationOf(local)) || at(ownOffset, exported.length));
    }
  }

  // CommonJS, for plain .js/.cjs graph files.
  for (const m of topLevel(`\\b(?:module\\.)?exports\\.(${ID})\\s*=(?!=)`)) add(m[1], at(groupOffset(m), m[1].length));
  for (const m of topLevel(`\\bmodule\\.exports\\s*=(?!=)`)) opaque.push(l10n.t("`module.exports =` on line {0}", at(m.index, 0).line + 1));

  return { names, opaque };
}
