/**
 * The chat panel's host <-> webview protocol: the one place both sides import, so they agree by
 * construction. The host owns the truth (messages, active run); the webview renders what it is sent and
 * asks for actions. Streaming sends deltas, never the whole history per token.
 */

import type { Role } from "../common/wireMessages";
import type { ErrorActionId, ErrorView } from "../common/errorView";
import type { ImageView } from "../common/messageImages";

export type { Role, ErrorActionId, ErrorView, ImageView };

/**
 * A file attached to the next message: a text file goes inline as text (with its name), an image as an
 * image content block. Only raster images are images; anything else that is text is text.
 */
export type Attachment =
  | { kind: "text"; name: string; text: string }
  | { kind: "image"; name: string; dataUrl: string };

/** Who wrote an AI reply. `name` falls back to a short id when the assistant no longer exists. */
export interface AssistantRef {
  id: string;
  name: string;
  graphId?: string;
}

export interface ToolResultView {
  content: string;
  status: "success" | "error";
}

export interface ToolCallView {
  id: string;
  name: string;
  /** Arguments as JSON text; partial while the call streams. */
  args: string;
  result?: ToolResultView;
}

export interface ChatMessageView {
  id: string;
  role: Role;
  /** Markdown for AI replies, plain text for everything else. */
  content: string;
  toolCalls: ToolCallView[];
  author?: AssistantRef;
  /** The agent inside a multi-agent graph that wrote an AI reply (the message's `name`), untrusted. */
  agent?: string;
  /** The subgraph the message was written in: its checkpoint namespace (`researcher:<task id>`). */
  subgraph?: string;
  runId?: string;
  /** Sent by the user but not yet confirmed by the server. */
  pending?: boolean;
  /** A tool message whose call is not in the thread, shown on its own. */
  toolCallId?: string;
  /** Set when edits or regenerations gave this message siblings: which one is shown (0-based) of how many. */
  branch?: BranchPosition;
  /** Images of the message's content: inline ones checked and capped, remote ones only as links. */
  images?: ImageView[];
  /** A node's update in a run of a graph that is not a chat (role `system`): the node and what it wrote. */
  update?: NodeUpdateView;
  /** A custom event (`config.writer`) shown as a status line (role `system`); not part of the thread's state. */
  status?: boolean;
  /** A generative UI message (role `system`): a card with the component's name and its props; nothing is loaded. */
  ui?: UiCardView;
}

export interface UiCardView {
  /** The component's name, as the graph gave it (untrusted). */
  name: string;
  /** The props, pretty-printed. */
  json: string;
}

export interface NodeUpdateView {
  node: string;
  /** The keys of the state the node wrote. */
  keys: string[];
  /** The update, pretty-printed. */
  json: string;
}

/** The selected assistant's graph takes no messages: the composer becomes a form for its input as JSON. */
export interface InputFormView {
  assistantId: string;
  /** The graph's input schema, pretty-printed, for reference. */
  schemaJson: string;
  /** The last input run with this assistant, or a skeleton from the schema. */
  draft: string;
}

export interface BranchPosition {
  index: number;
  count: number;
}

export interface AssistantOption {
  id: string;
  name: string;
  graphId: string;
  description?: string;
}

export type RunPhase = "idle" | "starting" | "streaming" | "stopping";

export interface RunView {
  phase: RunPhase;
  runId?: string;
  assistantId?: string;
}


export interface ThreadHeader {
  threadId?: string;
  title: string;
  status?: string;
  /** Set while the panel shows a branch opened at a checkpoint, e.g. "edited state · step 1". */
  branch?: string;
  /** A debug session is attached to the thread: the runs sent from the panel stop at its breakpoints. */
  debugging?: boolean;
}

/** A decision on a human-in-the-loop request (the agent-inbox shape: accept / edit / respond / ignore). */
export interface HumanResponse {
  type: "accept" | "edit" | "respond" | "ignore";
  /** `edit`: the edited action args; `respond`: the text; otherwise absent. */
  args?: unknown;
}

/** A run stopped at `interrupt()` and waits for the user. */
export interface InterruptView {
  id?: string;
  /** The assistant that was interrupted: the default for resuming. */
  assistantId?: string;
  /** Present when the value is a human-in-the-loop request; otherwise only `valueJson` is shown. */
  request?: {
    action: string;
    /** The action's arguments as pretty JSON (editable for `edit`). */
    argsJson: string;
    description?: string;
    allow: { accept: boolean; edit: boolean; respond: boolean; ignore: boolean };
  };
  /** The interrupt's raw value, pretty-printed. */
  valueJson: string;
}

/** Deltas of one streaming tool call, by its index in the message. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  argsDelta: string;
}

export type HostToWebview =
  /** Everything the panel shows; sent when it (re)appears, so a hidden panel needs no state of its own. */
  | {
      type: "snapshot";
      thread: ThreadHeader;
      messages: ChatMessageView[];
      assistants: AssistantOption[];
      selectedAssistantId?: string;
      run: RunView;
      error?: ErrorView;
      loading: boolean;
      interrupt?: InterruptView;
      /** Set when the selected assistant's graph is not a chat: its input form replaces the composer. */
      inputForm?: InputFormView;
      /** The largest file the composer accepts, in KB (`langgraph.chat.maxAttachmentKB`). */
      attachmentLimitKB?: number;
      /** Files attached from outside the panel (the Explorer) while its webview was away. */
      attachments?: Attachment[];
    }
  | { type: "thread"; thread: ThreadHeader }
  | { type: "messageUpsert"; message: ChatMessageView }
  | { type: "messageRemove"; id: string }
  | { type: "messageDelta"; id: string; textDelta: string; toolCalls?: ToolCallDelta[] }
  | { type: "toolResult"; toolCallId: string; result: ToolResultView }
  | { type: "attribution"; authors: Record<string, AssistantRef> }
  /** The selected assistant's input form, or none (a chat graph: the message composer). */
  | { type: "inputForm"; form?: InputFormView }
  /** An input that ran from elsewhere (VS Code's JSON editor): the form's text becomes it. */
  | { type: "inputRan"; assistantId: string; input: string }
  /** A run input was refused before any request: why. */
  | { type: "inputErrors"; errors: string[] }
  /** Subgraph namespaces learnt from history for messages shown without one. */
  | { type: "subgraphs"; subgraphs: Record<string, string> }
  | { type: "assistants"; assistants: AssistantOption[]; selectedAssistantId?: string }
  | { type: "run"; run: RunView }
  | { type: "error"; error?: ErrorView }
  /** A send failed: the composer gets its text back, and the files it carried. */
  | { type: "restoreDraft"; text: string; attachments?: Attachment[] }
  /** Retry sent again the draft a failed send gave back: the composer lets it go, if it still holds just that. */
  | { type: "draftResent"; text: string }
  /** Files attached from outside the panel (the Explorer): they join the composer's. */
  | { type: "attach"; attachments: Attachment[] }
  /** The pending interrupt, or none once it is answered. */
  | { type: "interrupt"; interrupt?: InterruptView }
  /** Branch positions of messages that have siblings; messages not listed have none. */
  | { type: "branches"; branches: Record<string, BranchPosition> };

/** The longest run input (JSON text) the host accepts from the form. */
export const MAX_INPUT_CHARS = 1_000_000;

/** Bounds no setting raises: files per message, a file's name, and one attachment's text or data URI. */
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_NAME_CHARS = 255;
export const MAX_ATTACHMENT_CHARS = 14_000_000;
/** The default of `langgraph.chat.maxAttachmentKB`: a file's size, not its encoded length. */
export const DEFAULT_ATTACHMENT_LIMIT_KB = 1024;

/** The most ids one `needAuthors` may carry: a window's worth of replies. */
export const MAX_AUTHOR_IDS = 200;

export type WebviewToHost =
  | { type: "ready" }
  /** A loaded thread's snapshot is on screen: the host's follow-up reads (history) need not compete with it. */
  | { type: "snapshotPainted" }
  | { type: "send"; text: string; assistantId?: string; attachments?: Attachment[] }
  /** Files dropped from the Explorer: the webview cannot read them, the host reads those in the workspace. */
  | { type: "attachFiles"; uris: string[] }
  /** Runs a graph that is not a chat with this input (JSON text, checked against its input schema). */
  | { type: "runInput"; input: string; assistantId?: string }
  /** Opens the run input in VS Code's JSON editor, starting from the form's text. */
  | { type: "editInput"; input: string }
  | { type: "stop" }
  | { type: "selectAssistant"; assistantId: string }
  /** The picker got focus (about to open): the host reads the assistants again, in case others changed them. */
  | { type: "assistantPickerOpened" }
  | { type: "errorAction"; action: ErrorActionId }
  | { type: "openLink"; href: string }
  | { type: "copyText"; text: string }
  | { type: "insertCode"; code: string; language?: string }
  /** Edits a human message: a new branch from the checkpoint before it. */
  | { type: "editMessage"; id: string; text: string; assistantId?: string }
  /** Regenerates an AI reply as a new branch, optionally with another assistant. */
  | { type: "regenerate"; id: string; assistantId?: string }
  /** Runs the thread again from the checkpoint where this human message was added, with an assistant the host asks for. */
  | { type: "rerunFromMessage"; id: string }
  /** Shows the previous (-1) or next (1) sibling of a message with branches. */
  | { type: "switchBranch"; id: string; direction: -1 | 1 }
  /** Earlier replies the user scrolled to have no author yet: the host reads further back in history. */
  | { type: "needAuthors"; ids: string[] }
  /** Resumes the interrupted run: a `HumanResponse` for the common request shape, any JSON value for other interrupts. */
  | { type: "resume"; response: unknown; assistantId?: string };

/** State the webview keeps across its own reloads (`getState`/`setState`): never agent content or keys. */
export interface WebviewPersistedState {
  threadId?: string;
  draft: string;
  /** The draft's attached files (the user's own, not agent content). */
  attachments?: Attachment[];
}

/** The saved state of a webview being restored after a reload; anything else is treated as none. */
export function readChatPersistedState(value: unknown): Pick<WebviewPersistedState, "threadId"> | undefined {
  if (typeof value !== "object" || value === null || !("threadId" in value)) return undefined;
  return typeof value.threadId === "string" && value.threadId ? { threadId: value.threadId } : undefined;
}
