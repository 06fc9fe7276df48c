/**
 * Timestamps of the extension host's side of a panel (opened, thread read, snapshot posted) for the
 * workbench benchmark (`bench/workbench/`): with `LANGGRAPH_PERF_MARKS` naming a file, each mark is
 * appended to it as `name<TAB>epoch ms<TAB>detail`, on the same clock as the page's performance marks.
 * Without it, a mark does nothing.
 */
import { appendFileSync } from "node:fs";

const file = process.env.LANGGRAPH_PERF_MARKS;

export function perfMark(name: string, detail = ""): void {
  if (file) appendFileSync(file, `${name}\t${performance.timeOrigin + performance.now()}\t${detail}\n`);
}
