/** A child's stdout and stderr, line by line (a chunk may end mid-line). */

/** @param {import("node:child_process").ChildProcess} child @param {(line: string) => void} onLine */
export function onOutputLines(child, onLine) {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
}
