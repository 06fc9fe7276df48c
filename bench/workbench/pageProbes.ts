/**
 * What the workbench benchmark installs in the pages it measures. Every time is the page's own clock
 * (`performance.timeOrigin + performance.now()`, or an event's `timeStamp`), read from an observer or an
 * event as it happens, as epoch milliseconds, so times from the workbench, a webview and the extension
 * host line up. Each is a script string: code compiled for Node may carry helpers the page lacks.
 */

/** The workbench page: the time of every mouse press (`window.__bench.clicks`). */
export const RECORD_CLICKS = `(() => {
  if (window.__bench) return;
  window.__bench = { clicks: [] };
  window.addEventListener("mousedown", (event) => window.__bench.clicks.push(performance.timeOrigin + event.timeStamp), true);
})()`;

export const LAST_CLICK = `window.__bench.clicks.at(-1)`;

/**
 * The workbench page: starts watching for a visible side bar row whose label is exactly \`label\`; the
 * promise in \`window.__bench.row\` resolves with the time the frame that showed it was painted. Fails if
 * the row is visible already.
 */
export function watchRow(label: string): string {
  return `(() => {
    const wanted = ${JSON.stringify(label)};
    const visibleRow = () => [...document.querySelectorAll(".part.sidebar .monaco-list-row .label-name")]
      .some((name) => name.textContent.trim() === wanted && name.checkVisibility());
    if (visibleRow()) throw new Error("the row " + wanted + " is visible before the click");
    window.__bench.row = new Promise((resolve, reject) => {
      setTimeout(() => {
        observer.disconnect();
        reject(new Error("no visible row " + wanted + " within 60 s"));
      }, 60000);
      const observer = new MutationObserver(() => {
        if (!visibleRow()) return;
        observer.disconnect();
        // Observed in the task that changed the DOM; the message after the next frame lands after its paint.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
          channel.port2.postMessage(undefined);
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  })()`;
}

export const ROW_PAINTED = `window.__bench.row`;

/**
 * The workbench page: the side bar's title (e.g. "Explorer", "LangGraph", "Bench Minimal: Rows"), or
 * undefined when the side bar is hidden.
 */
export const SHOWN_CONTAINER = `(() => {
  const bar = document.querySelector(".part.sidebar");
  if (!bar || !bar.checkVisibility()) return undefined;
  const title = bar.querySelector(".composite.title h2");
  return title ? title.textContent.trim() : undefined;
})()`;

/** A webview frame: its performance marks as `{ name, time (epoch ms), detail }`. */
export const MARKS = `performance.getEntriesByType("mark").map((m) => ({ name: m.name, time: performance.timeOrigin + m.startTime, detail: m.detail }))`;

/**
 * A chat webview: records, while a reply streams, every animation frame (when its callbacks ran), every
 * \`messageDelta\` the page receives (when, and which numbered words \`w<n>\` it carries), and every DOM
 * change of the last message (in which frame, and the highest word number then on screen), plus when the
 * Enter that sent the message was pressed and when the run ended.
 */
export const STREAM_PROBE = `(() => {
  const probe = { frames: [], arrivals: [], paints: [], enter: undefined, runEnded: undefined, firstPaint: undefined, lastPaint: undefined, stopped: false };
  window.__benchStream = probe;
  const now = () => performance.timeOrigin + performance.now();
  const frame = (timestamp) => {
    probe.frames.push({ timeline: timestamp, ran: now() });
    if (!probe.stopped) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const numbers = (text) => [...String(text).matchAll(/w(\\d+)/g)].map((m) => Number(m[1]));
  // A reply's first tokens may come with the message itself (an upsert), the rest as deltas.
  window.addEventListener("message", (event) => {
    const data = event.data;
    const text = data && data.type === "messageDelta" ? data.textDelta
      : data && data.type === "messageUpsert" && data.message && data.message.role === "ai" ? data.message.content : undefined;
    // Words already on screen (a later upsert repeats the whole reply) are not new arrivals.
    if (typeof text === "string" && text) probe.arrivals.push({ at: now(), words: numbers(text).filter((word) => word > seen) });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && probe.enter === undefined) probe.enter = performance.timeOrigin + event.timeStamp;
  }, true);
  const app = document.getElementById("app");
  // Only the reply this probe waits for: replies already on the page are not it.
  const before = app.querySelectorAll(".message--ai").length;
  let seen = 0;
  const afterPaint = (set) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => set(now());
    channel.port2.postMessage(undefined);
  };
  new MutationObserver(() => {
    const messages = app.querySelectorAll(".message--ai");
    const last = messages.length > before ? messages[messages.length - 1] : undefined;
    if (last) {
      const max = Math.max(0, ...numbers(last.textContent));
      if (max > seen) {
        seen = max;
        probe.paints.push({ timeline: document.timeline.currentTime, at: now(), max });
        if (probe.firstPaint === undefined) {
          probe.firstPaint = null;
          afterPaint((t) => { probe.firstPaint = t; });
        }
      }
    }
    // The reply is complete when the panel shows the run over with every word on screen.
    if (probe.enter !== undefined && seen >= probe.expected && !app.classList.contains("run-active") && probe.runEnded === undefined) {
      probe.runEnded = now();
      // The run's end is shown from a message, outside a frame: painted by the next one.
      requestAnimationFrame(() => afterPaint((t) => { probe.lastPaint = t; }));
    }
  }).observe(app, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["class"] });
})()`;
