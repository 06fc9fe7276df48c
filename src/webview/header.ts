/** The panel header: thread title, thread status badge and a loading bar. */
import type { ThreadHeader } from "../protocol/chatProtocol";
import { el, icon, labelText } from "../common/dom";
import { fill, pageText } from "./pageText";

export class Header {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly branch: HTMLElement;
  private readonly debugging: HTMLElement;
  private readonly progress: HTMLElement;

  constructor() {
    const text = pageText();
    this.title = el("h1", { className: "thread-title", text: text.newThread });
    this.status = el("span", { className: "thread-status" });
    this.status.hidden = true;
    this.branch = el("span", { className: "thread-branch" });
    this.branch.hidden = true;
    this.debugging = el("span", { className: "thread-debugging", attrs: { title: text.debuggerHint } }, icon("debug-alt", "debugging-icon"), el("span", { text: text.debuggerAttached }));
    this.debugging.hidden = true;
    this.progress = el("div", {
      className: "progress-bar",
      attrs: { role: "progressbar", "aria-label": text.loadingThreadLabel },
    }, el("div", { className: "progress-bit" }));
    this.progress.hidden = true;
    this.element = el(
      "header",
      { className: "chat-header" },
      el("div", { className: "header-row" }, icon("comment-discussion", "header-icon"), this.title, this.branch, this.status, this.debugging),
      this.progress,
    );
  }

  setThread(thread: ThreadHeader): void {
    const text = pageText();
    const title = labelText(thread.title ?? "").trim() || text.newThread;
    this.title.textContent = title;
    this.title.title = thread.threadId ? fill(text.nameWithId, title, labelText(thread.threadId)) : title;
    document.title = title;
    const status = labelText(thread.status ?? "").trim();
    // The server's statuses in the display language; one it adds later as it names it.
    const words: Record<string, string> = { idle: text.statusIdle, busy: text.statusBusy, interrupted: text.statusInterrupted, error: text.statusError };
    const said = words[status] ?? status;
    this.status.hidden = !status;
    this.status.textContent = said;
    if (status) this.status.dataset.status = status.toLowerCase();
    else delete this.status.dataset.status;
    this.status.setAttribute("aria-label", status ? fill(text.threadStatus, said) : "");
    const branch = labelText(thread.branch ?? "").trim();
    this.branch.hidden = !branch;
    this.branch.textContent = branch;
    this.branch.title = branch ? fill(text.branchHint, branch) : "";
    this.debugging.hidden = thread.debugging !== true;
  }

  setLoading(loading: boolean): void {
    this.progress.hidden = !loading;
  }
}
