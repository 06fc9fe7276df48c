/** Result rows, goal checks, and the table printed to stdout and written to bench/results/. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

export type Status = "ok" | "MISSED" | "info";

export interface Row {
  scenario: string;
  metric: string;
  unit: string;
  /** The extension's path (ChatSession, ThreadListModel, the bundles). */
  extension: number;
  /** The same work done with the raw SDK (or the baseline named in `note`). */
  raw?: number;
  /** The same step in a minimal extension (workbench benchmark): VS Code's own cost of it. */
  minimal?: number;
  /** extension / raw, when both exist. */
  ratio?: number;
  goal?: string;
  status: Status;
  note?: string;
}

export interface Goal {
  text: string;
  met: (row: { extension: number; raw?: number; minimal?: number; ratio?: number }) => boolean;
}

export const goals = {
  ratioAtMost: (limit: number): Goal => ({ text: `ratio ≤ ${limit}×`, met: (r) => r.ratio !== undefined && r.ratio <= limit }),
  below: (limit: number, unit: string): Goal => ({ text: `< ${limit} ${unit}`, met: (r) => r.extension < limit }),
  atMost: (limit: number, unit: string): Goal => ({ text: `≤ ${limit} ${unit}`, met: (r) => r.extension <= limit }),
  /** At most the baseline plus a fixed allowance (for sizes and for times that add to a baseline). */
  rawPlus: (allowance: number, unit: string): Goal => ({ text: `≤ raw + ${allowance} ${unit}`, met: (r) => r.raw !== undefined && r.extension <= r.raw + allowance }),
  minimalPlus: (allowance: number, unit: string): Goal => ({ text: `≤ minimal + ${allowance} ${unit}`, met: (r) => r.minimal !== undefined && r.extension <= r.minimal + allowance }),
  rawAndMinimalPlus: (allowance: number, unit: string): Goal => ({
    text: `≤ raw + minimal + ${allowance} ${unit}`,
    met: (r) => r.raw !== undefined && r.minimal !== undefined && r.extension <= r.raw + r.minimal + allowance,
  }),
  atLeast: (limit: number, unit: string): Goal => ({ text: `≥ ${limit} ${unit}`, met: (r) => r.extension >= limit }),
};

export function row(fields: Omit<Row, "ratio" | "status" | "goal"> & { goal?: Goal }): Row {
  const { goal, ...rest } = fields;
  const ratio = rest.raw !== undefined && rest.raw > 0 && Number.isFinite(rest.extension) ? rest.extension / rest.raw : undefined;
  const base = { ...rest, ratio };
  if (!goal) return { ...base, status: "info" };
  const met = Number.isFinite(rest.extension) && goal.met(base);
  return { ...base, goal: goal.text, status: met ? "ok" : "MISSED" };
}

/** A scenario that could not run is a missed goal, never a missing line. */
export function failedRow(scenario: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return { scenario, metric: "scenario failed", unit: "", extension: Number.NaN, status: "MISSED", note: message.split("\n")[0].slice(0, 300) };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

function number(value: number | undefined, unit: string): string {
  if (value === undefined) return "—";
  if (!Number.isFinite(value)) return "n/a";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit ? `${text} ${unit}` : text;
}

const BASE_HEADERS = ["Scenario", "Metric", "Extension", "Raw SDK", "Ratio", "Goal", "Result"];
const MINIMAL_HEADERS = ["Scenario", "Metric", "Extension", "Raw SDK", "Ratio", "Minimal ext.", "Ratio (min.)", "Goal", "Result"];

/** The minimal-extension columns appear when a row has that baseline. */
function headersFor(rows: Row[]): string[] {
  return rows.some((r) => r.minimal !== undefined) ? MINIMAL_HEADERS : BASE_HEADERS;
}

function cells(r: Row, headers: string[]): string[] {
  const ratio = (value: number | undefined) => (value === undefined ? "—" : `${value.toFixed(2)}×`);
  const minimalRatio = r.minimal !== undefined && r.minimal > 0 && Number.isFinite(r.extension) ? r.extension / r.minimal : undefined;
  const all: Record<string, string> = {
    Scenario: r.scenario,
    Metric: r.metric,
    Extension: number(r.extension, r.unit),
    "Raw SDK": number(r.raw, r.unit),
    Ratio: ratio(r.ratio),
    "Minimal ext.": number(r.minimal, r.unit),
    "Ratio (min.)": ratio(minimalRatio),
    Goal: r.goal ?? "—",
    Result: r.status,
  };
  return headers.map((header) => all[header]);
}

export function textTable(rows: Row[]): string {
  const HEADERS = headersFor(rows);
  const table = [HEADERS, ...rows.map((r) => cells(r, HEADERS))];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const render = (line: string[]) => line.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return [render(table[0]), widths.map((w) => "-".repeat(w)).join("  "), ...table.slice(1).map(render)].join("\n");
}

function markdownTable(rows: Row[]): string {
  const HEADERS = headersFor(rows);
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  return [
    `| ${HEADERS.join(" | ")} |`,
    `|${HEADERS.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${cells(r, HEADERS).map(escape).join(" | ")} |`),
  ].join("\n");
}

export function notesOf(rows: Row[]): string[] {
  return rows.filter((r) => r.note).map((r) => `${r.scenario} / ${r.metric}: ${r.note}`);
}

/** Writes `<name>.json` and `<name>.md`; `extra` lines go under the machine's. */
export function writeResults(dir: string, rows: Row[], info: Machine, durationS: number, name = "latest", extra: string[] = []): void {
  mkdirSync(dir, { recursive: true });
  const missed = rows.filter((r) => r.status === "MISSED");
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ machine: info, durationS, missed: missed.length, extra, rows }, null, 2)}\n`);
  const md = [
    "# Benchmark results",
    "",
    `- Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.platform}`,
    `- Node ${info.node}, ${info.date}, whole run ${durationS.toFixed(0)} s`,
    ...extra.map((line) => `- ${line}`),
    `- Goals missed: ${missed.length}`,
    "",
    markdownTable(rows),
    "",
    "## Notes",
    "",
    ...notesOf(rows).map((note) => `- ${note}`),
    "",
  ].join("\n");
  writeFileSync(join(dir, `${name}.md`), md);
}

interface SectionOptions {
  log(line: string): void;
  /** Scenarios left out of this run (`--only`) give no rows. */
  wanted?(name: string): boolean;
  /** Called when a scenario fails, before its failed row is kept (a screenshot of the workbench). */
  onFailure?(name: string): Promise<void>;
}

/**
 * Runs each scenario as a section: timed in the log, and a failure kept as a failed row, so one broken
 * scenario never hides the others' results.
 */
export function sections(options: SectionOptions): (name: string, body: () => Promise<Row[]>) => Promise<Row[]> {
  return async (name, body) => {
    if (options.wanted && !options.wanted(name)) return [];
    options.log(`${name}…`);
    const start = performance.now();
    try {
      const rows = await body();
      options.log(`${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      return rows;
    } catch (error) {
      options.log(`${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await options.onFailure?.(name).catch(() => undefined);
      return [failedRow(name, error)];
    }
  };
}
