/**
 * Performance marks on the page's own timeline (`performance.getEntriesByType("mark")`), which the
 * workbench benchmark (`bench/workbench/`) reads instead of polling the DOM. A mark costs a timestamp.
 * The same moment (a frame painted) tells the host when a loaded thread is on screen.
 */

function mark(name: string, detail?: Record<string, unknown>): void {
  // Pages without the User Timing API (jsdom) simply go without marks.
  if (typeof performance.mark === "function") performance.mark(`langgraph:${name}`, { detail });
}

/** Runs `then` once what the current frame wrote has been painted. */
export function afterPaint(then: () => void): void {
  // A task queued during a frame's callbacks runs after that frame's style, layout and paint.
  setTimeout(then, 0);
}

/** Marks `name` once what the current frame wrote has been painted. */
export function markAfterPaint(name: string, detail?: Record<string, unknown>): void {
  afterPaint(() => mark(name, detail));
}

/** Marks `name` after the next frame has been painted (for work done outside a frame). */
export function markNextPaint(name: string, detail?: Record<string, unknown>): void {
  window.requestAnimationFrame(() => markAfterPaint(name, detail));
}
