/**
 * Read-only pages for stack frames whose node has no line in the workspace's sources (a deployed graph
 * with no local checkout, a replayed subgraph): the graph's nodes, one per line, served through DAP
 * `source` requests. VS Code selects only a frame that has a source after a stop; without one, Variables
 * stays empty until a frame is clicked. With these pages the editor's current line is the paused node.
 */
import * as l10n from "@vscode/l10n";
import type { DebugProtocol } from "@vscode/debugprotocol";

export interface FrameSource {
  source: DebugProtocol.Source;
  line: number;
}

export class NodePages {
  private readonly pages: string[] = [];
  private readonly refs = new Map<string, number>();

  /** Where `node` is on the page listing `nodes` of `graph` (a graph id, or `graph › subgraph`). */
  locate(graph: string, nodes: readonly string[], node: string): FrameSource {
    const listed = nodes.includes(node) ? nodes : [...nodes, node];
    const text = [l10n.t("Nodes of {0} (no source line for them in this workspace; the current line is the paused node)", graph), ...listed, ""].join("\n");
    let ref = this.refs.get(text);
    if (ref === undefined) {
      ref = this.pages.push(text);
      this.refs.set(text, ref);
    }
    return { source: { name: l10n.t("{0} (nodes)", graph), sourceReference: ref, origin: l10n.t("the graph's nodes") }, line: listed.indexOf(node) + 2 };
  }

  /** The text of a page `locate` named, by its `sourceReference`. */
  content(ref: number): string | undefined {
    return this.pages[ref - 1];
  }
}
