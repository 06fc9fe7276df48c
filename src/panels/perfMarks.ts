/**
 * Timestamps of the extension host's side of a panel (opened, thread read, snapshot posted) for the
 * workbench benchmark (`bench/workbench/`): with `LANGGRAPH_PERF_MARKS` naming a file, each mark is
 * appended to it as `name<TAB>epoch ms<TAB>detail`, on the same clock as the page's performance marks.
 * Without it, a mark does nothing. The web worker host has neither the variable nor a file system: the web
 * build defines the variable as undefined, and `node:fs` is loaded only when a mark is written.
 */
const file = process.env.LANGGRAPH_PERF_MARKS;

export function perfMark(name: string, detail = ""): void {
  if (!file) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when marks are asked for (never in the web build)
  const { appendFileSync } = require("node:fs") as typeof import("node:fs");
  appendFileSync(file, `${name}\t${performance.timeOrigin + performance.now()}\t${detail}\n`);
}
