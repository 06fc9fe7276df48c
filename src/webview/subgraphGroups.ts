/**
 * Messages written inside a subgraph (a sub-agent of a multi-agent graph) shown as one collapsible
 * group per run of consecutive messages with the same namespace, labelled with it. A group's element
 * is kept while its messages are on screen, so whether the user collapsed it survives new messages
 * and snapshots.
 */
import { el, icon, labelText } from "../common/dom";
import { placeChildren } from "./childOrder";
import { fill, pageText } from "./pageText";

export interface GroupedItem {
  id: string;
  subgraph?: string;
  element: HTMLElement;
}

interface Group {
  element: HTMLDetailsElement;
  body: HTMLElement;
  count: HTMLElement;
}

export class SubgraphGroups {
  private groups = new Map<string, Group>();

  /** The log's children for `items` in order: messages outside subgraphs as they are, the others in groups. */
  arrange(items: readonly GroupedItem[]): HTMLElement[] {
    const nodes: HTMLElement[] = [];
    const used = new Map<string, Group>();
    for (let i = 0; i < items.length; ) {
      const namespace = items[i].subgraph;
      if (!namespace) {
        nodes.push(items[i++].element);
        continue;
      }
      let end = i + 1;
      while (end < items.length && items[end].subgraph === namespace) end++;
      // Keyed by its first message too: the same namespace further down is a group of its own.
      const key = `${namespace}\n${items[i].id}`;
      const group = this.groups.get(key) ?? buildGroup(namespace);
      const members = items.slice(i, end).map((item) => item.element);
      placeChildren(group.body, members);
      group.count.textContent = members.length === 1 ? pageText().oneMessage : fill(pageText().manyMessages, members.length);
      used.set(key, group);
      nodes.push(group.element);
      i = end;
    }
    this.groups = used;
    return nodes;
  }
}

/** `researcher:1a2b|search:3c4d` -> "researcher › search": the node names along the namespace. */
function namespaceLabel(namespace: string): string {
  return namespace
    .split("|")
    .map((segment) => {
      const colon = segment.lastIndexOf(":");
      return colon > 0 ? segment.slice(0, colon) : segment;
    })
    .filter(Boolean)
    .join(" › ");
}

function buildGroup(namespace: string): Group {
  const name = labelText(namespaceLabel(namespace) || namespace);
  const count = el("span", { className: "subgraph-count" });
  const summary = el(
    "summary",
    { className: "subgraph-summary", attrs: { title: labelText(fill(pageText().subgraph, namespace)) } },
    icon("chevron-right", "subgraph-chevron"),
    icon("type-hierarchy-sub"),
    el("span", { className: "subgraph-name", text: name }),
    count,
  );
  const body = el("div", { className: "subgraph-body" });
  const element = el("details", { className: "subgraph-group", attrs: { open: "" } }, summary, body);
  element.dataset.subgraph = namespace;
  return { element, body, count };
}
