/**
 * One tool call as a collapsible card: name and status in the summary, arguments (pretty JSON once
 * they parse, raw while still streaming) and the result in the body. The `<details>` element is kept
 * across updates so the user's open/closed choice survives streaming.
 */
import type { ToolResultView } from "../protocol/chatProtocol";
import { el, icon, labelText, setIcon } from "../common/dom";
import { pageText } from "./pageText";

export interface ToolCardData {
  name: string;
  /** JSON text; omitted for a tool result shown without its call. */
  args?: string;
  result?: ToolResultView;
}

type ToolCardState = "pending" | "success" | "error";

export class ToolCard {
  readonly element: HTMLDetailsElement;
  private readonly statusIcon: HTMLElement;
  private readonly nameLabel: HTMLElement;
  private readonly statusLabel: HTMLElement;
  private readonly argsSection: HTMLElement;
  private readonly argsText: HTMLElement;
  private readonly resultSection: HTMLElement;
  private readonly resultText: HTMLElement;

  constructor() {
    const text = pageText();
    this.statusIcon = el("span", { className: "tool-status-icon" }, icon("tools"));
    this.nameLabel = el("span", { className: "tool-name" });
    this.statusLabel = el("span", { className: "tool-status" });
    const summary = el(
      "summary",
      { className: "tool-summary" },
      icon("chevron-right", "tool-chevron"),
      this.statusIcon,
      icon("loading", "codicon-modifier-spin tool-spinner"),
      this.nameLabel,
      this.statusLabel,
    );
    this.argsText = el("code");
    this.argsSection = el(
      "div",
      { className: "tool-section tool-args" },
      el("div", { className: "tool-section-label", text: text.arguments }),
      el("pre", {}, this.argsText),
    );
    this.resultText = el("code");
    this.resultSection = el(
      "div",
      { className: "tool-section tool-result" },
      el("div", { className: "tool-section-label", text: text.result }),
      el("pre", {}, this.resultText),
    );
    this.element = el("details", { className: "tool-card" }, summary, this.argsSection, this.resultSection);
  }

  update(data: ToolCardData): void {
    const text = pageText();
    const state: ToolCardState = data.result ? data.result.status : "pending";
    const name = labelText(data.name || "") || text.tool;
    this.element.dataset.state = state;
    this.element.classList.toggle("tool-card--pending", state === "pending");
    this.element.classList.toggle("tool-card--success", state === "success");
    this.element.classList.toggle("tool-card--error", state === "error");
    this.nameLabel.textContent = name;
    if (state === "pending") {
      // Which of the two shows depends on whether this card belongs to the live run (decided in CSS).
      this.statusLabel.replaceChildren(
        el("span", { className: "tool-status-live", text: text.toolRunning }),
        el("span", { className: "tool-status-idle", text: text.noResult }),
      );
    } else {
      this.statusLabel.textContent = state === "error" ? text.failed : text.done;
    }
    setIcon(this.statusIcon, state === "pending" ? "tools" : state === "error" ? "error" : "check");

    this.argsSection.hidden = data.args === undefined;
    if (data.args !== undefined) {
      const args = formatJson(data.args);
      this.argsText.textContent = args.text;
      this.argsSection.classList.toggle("tool-args--partial", !args.parsed && data.args.trim() !== "");
    }
    this.resultSection.hidden = data.result === undefined;
    if (data.result) this.resultText.textContent = formatJson(data.result.content).text || text.emptyResult;
  }
}

/** Pretty-prints JSON text; text that does not (yet) parse is returned as it is. */
function formatJson(text: string): { text: string; parsed: boolean } {
  const trimmed = text.trim();
  if (trimmed === "") return { text: "", parsed: false };
  if (!/^[[{"]/.test(trimmed) && !/^(?:-?\d|true$|false$|null$)/.test(trimmed)) return { text, parsed: false };
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value !== "object" || value === null) return { text, parsed: true };
    const pretty = JSON.stringify(value, null, 2);
    // Indentation grows with the square of the depth (18 KB nested 3,000 deep prints as 18 MB): past a
    // sane growth, the text is shown as it came.
    return { text: pretty.length > trimmed.length * 8 + 65_536 ? text : pretty, parsed: true };
  } catch {
    return { text, parsed: false };
  }
}
