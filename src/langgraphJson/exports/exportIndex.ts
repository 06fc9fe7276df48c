/** Scans source files for their exported names, re-reading a file only when it changed on disk. */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { scanJsExports } from "./jsExports";
import { scanPythonNames } from "./pythonNames";
import type { ExportScan } from "./types";

export type SourceLanguage = "javascript" | "python";

const LANGUAGES: Record<string, SourceLanguage> = {
  ".ts": "javascript", ".tsx": "javascript", ".mts": "javascript", ".cts": "javascript",
  ".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".cjs": "javascript",
  ".py": "python",
};

export function sourceLanguage(file: string): SourceLanguage | undefined {
  return LANGUAGES[path.extname(file).toLowerCase()];
}

const cache = new Map<string, { mtimeMs: number; size: number; scan: ExportScan }>();

/** The exports of a source file, or undefined when its language is not one the scan understands. */
export async function scanExports(file: string): Promise<ExportScan | undefined> {
  const language = sourceLanguage(file);
  if (!language) return undefined;
  const stat = await fs.stat(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.scan;
  const text = await fs.readFile(file, "utf8");
  const scan = language === "python" ? scanPythonNames(text) : scanJsExports(text);
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, scan });
  return scan;
}
