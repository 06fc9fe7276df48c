/**
 * Wires the panel together: builds the layout inside the root element, applies host messages to the
 * parts that own them, and keeps the webview from ever navigating (links go to the host).
 */
import type { AssistantOption, AssistantRef, HostToWebview, InterruptView, RunView } from "../protocol/chatProtocol";
import { Composer } from "./composer";
import { el } from "../common/dom";
import { ErrorBanner } from "./errorBanner";
import { Header } from "./header";
import { InterruptCard } from "./interruptCard";
import { MessageList } from "./messageList";
import type { HostApi } from "./vscodeApi";

export class ChatApp {
  readonly header = new Header();
  readonly errorBanner: ErrorBanner;
  readonly messageList: MessageList;
  readonly composer: Composer;
  readonly interruptCard: InterruptCard;
  private assistants: AssistantOption[] = [];
  private run: RunView = { phase: "idle" };

  constructor(private readonly root: HTMLElement, private readonly api: HostApi) {
    const post = api.postMessage.bind(api);
    this.errorBanner = new ErrorBanner(post);
    this.messageList = new MessageList({
      post,
      defaultAuthor: () => this.runAuthor(),
      selectedAssistantId: () => this.composer.picker.value || undefined,
    });
    this.composer = new Composer(api);
    this.interruptCard = new InterruptCard(post);
    // After the log, so it always sits below the last message.
    this.messageList.element.append(this.interruptCard.element);
    root.classList.add("chat-app");
    root.replaceChildren(
      this.header.element,
      this.errorBanner.element,
      this.messageList.element,
      el("footer", { className: "composer-area" }, this.composer.element),
    );
    const doc = root.ownerDocument;
    doc.addEventListener("click", (event) => this.interceptLink(event), true);
    doc.addEventListener("auxclick", (event) => this.interceptLink(event), true);
    this.applyRun(this.run);
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case "snapshot":
        this.header.setThread(message.thread);
        this.header.setLoading(message.loading);
        this.composer.setThread(message.thread.threadId);
        this.setAssistants(message.assistants, message.selectedAssistantId);
        this.composer.setForm(message.inputForm);
        this.composer.attachFromHost(message.attachments ?? [], message.attachmentLimitKB);
        this.applyRun(message.run);
        this.errorBanner.show(message.error);
        this.messageList.reset(message.messages, message.loading);
        this.setInterrupt(message.interrupt);
        break;
      case "thread":
        this.header.setThread(message.thread);
        this.composer.setThread(message.thread.threadId);
        break;
      case "messageUpsert":
        this.messageList.upsert(message.message);
        break;
      case "messageRemove":
        this.messageList.remove(message.id);
        break;
      case "messageDelta":
        this.messageList.appendDelta(message.id, message.textDelta ?? "", message.toolCalls);
        break;
      case "toolResult":
        this.messageList.setToolResult(message.toolCallId, message.result);
        break;
      case "attribution":
        this.messageList.setAuthors(message.authors);
        break;
      case "inputForm":
        this.composer.setForm(message.form);
        break;
      case "inputRan":
        this.composer.inputRan(message.assistantId, message.input);
        break;
      case "inputErrors":
        this.composer.showErrors(Array.isArray(message.errors) ? message.errors.filter((e) => typeof e === "string") : []);
        break;
      case "subgraphs":
        this.messageList.setSubgraphs(message.subgraphs);
        break;
      case "assistants":
        this.setAssistants(message.assistants, message.selectedAssistantId);
        break;
      case "run":
        this.applyRun(message.run);
        break;
      case "error":
        this.errorBanner.show(message.error);
        if (message.error) this.interruptCard.hostError();
        break;
      case "restoreDraft":
        this.composer.restoreDraft(message.text, message.attachments);
        break;
      case "draftResent":
        this.composer.draftResent(message.text);
        break;
      case "attach":
        this.composer.attachFromHost(message.attachments);
        break;
      case "interrupt":
        this.setInterrupt(message.interrupt);
        break;
      case "branches":
        this.messageList.setBranches(message.branches);
        break;
      default:
        // A newer host may send message types this page does not know yet.
        break;
    }
  }

  private setAssistants(assistants: AssistantOption[], selectedAssistantId: string | undefined): void {
    this.assistants = assistants;
    this.composer.setAssistants(assistants, selectedAssistantId);
    this.interruptCard.setAssistants(assistants);
  }

  private setInterrupt(interrupt: InterruptView | undefined): void {
    if (this.interruptCard.setInterrupt(interrupt)) this.messageList.revealEnd();
  }

  private applyRun(run: RunView): void {
    this.run = run;
    const active = run.phase !== "idle";
    this.root.classList.toggle("run-active", active);
    this.messageList.log.setAttribute("aria-busy", String(active));
    this.composer.setRun(run);
    this.messageList.setRunActive(active);
    this.interruptCard.setRun(run);
  }

  /** Who is answering: the running assistant, else the one picked in the composer. */
  private runAuthor(): AssistantRef | undefined {
    const id = this.run.assistantId ?? (this.composer.picker.value || undefined);
    const assistant = this.assistants.find((option) => option.id === id);
    if (assistant) return { id: assistant.id, name: assistant.name, graphId: assistant.graphId };
    return id ? { id, name: id } : undefined;
  }

  /** Every link click goes to the host as `openLink`; the webview itself never navigates. */
  private interceptLink(event: MouseEvent): void {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const anchor = target.closest("a");
    if (!anchor) return;
    event.preventDefault();
    const href = anchor.getAttribute("href");
    if (href && (event.type === "click" || event.button === 1)) this.api.postMessage({ type: "openLink", href });
  }
}
