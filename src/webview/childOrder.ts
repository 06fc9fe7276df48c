/**
 * Puts a parent's children in a wanted order with as few DOM moves as possible: nodes not wanted go,
 * nodes already in order stay where they are (an open editor inside one keeps its focus), and
 * consecutive new or moved nodes go in together, in one fragment.
 */
export function placeChildren(parent: HTMLElement, nodes: readonly HTMLElement[]): void {
  const wanted = new Set<Node>(nodes);
  let cursor = parent.firstChild;
  const skipUnwanted = () => {
    while (cursor && !wanted.has(cursor)) {
      const next: ChildNode | null = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
  };
  let batch: DocumentFragment | undefined;
  skipUnwanted();
  for (const node of nodes) {
    if (node === cursor) {
      if (batch) parent.insertBefore(batch, cursor);
      batch = undefined;
      cursor = cursor.nextSibling;
      skipUnwanted();
    } else {
      (batch ??= parent.ownerDocument.createDocumentFragment()).append(node);
    }
  }
  if (batch) parent.insertBefore(batch, cursor);
  while (cursor) {
    const next = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}
