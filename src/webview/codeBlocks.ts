/**
 * Code blocks in rendered markdown: a toolbar with the language and Copy / Insert at Cursor buttons.
 * Buttons are built with DOM calls after sanitising; clicks are handled by delegation (see
 * `handleCodeAction`), reading the code back from the block's text.
 */
import type { WebviewToHost } from "../protocol/chatProtocol";
import { el, iconButton, setIcon } from "../common/dom";
import { pageText } from "./pageText";

export function decorateCodeBlocks(root: ParentNode): void {
  for (const pre of Array.from(root.querySelectorAll("pre"))) {
    const code = pre.querySelector("code");
    if (!code || pre.parentElement?.classList.contains("code-block")) continue;
    const language = languageOf(code);
    if (language) code.classList.add("hljs");
    const copy = iconButton("copy", pageText().copy, "icon-button code-action");
    copy.dataset.codeAction = "copy";
    const insert = iconButton("insert", pageText().insertAtCursor, "icon-button code-action");
    insert.dataset.codeAction = "insert";
    const toolbar = el(
      "div",
      { className: "code-toolbar" },
      el("span", { className: "code-language", text: language ?? "" }),
      insert,
      copy,
    );
    const block = el("div", { className: "code-block" });
    if (language) block.dataset.language = language;
    pre.replaceWith(block);
    block.append(toolbar, pre);
  }
}

/** Handles a click inside rendered markdown; true when it was a code-block button. */
export function handleCodeAction(target: Element, post: (message: WebviewToHost) => void): boolean {
  const button = target.closest<HTMLButtonElement>("button[data-code-action]");
  if (!button) return false;
  const block = button.closest<HTMLElement>(".code-block");
  const code = block?.querySelector("pre code");
  if (!block || !code) return true;
  const text = (code.textContent ?? "").replace(/\n$/, "");
  if (button.dataset.codeAction === "copy") {
    post({ type: "copyText", text });
    flashCopied(button);
  } else if (button.dataset.codeAction === "insert") {
    const language = block.dataset.language;
    post({ type: "insertCode", code: text, ...(language ? { language } : {}) });
  }
  return true;
}

function languageOf(code: Element): string | undefined {
  for (const name of Array.from(code.classList)) {
    if (name.startsWith("language-") && name.length > "language-".length) return name.slice("language-".length);
  }
  return undefined;
}

function flashCopied(button: HTMLButtonElement): void {
  setIcon(button, "check");
  button.setAttribute("aria-label", pageText().copied);
  window.setTimeout(() => {
    setIcon(button, "copy");
    button.setAttribute("aria-label", pageText().copy);
  }, 1500);
}
