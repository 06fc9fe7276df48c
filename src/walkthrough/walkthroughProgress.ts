/**
 * Marks the Get Started walkthrough's steps done when the user does them: each step's
 * `completionEvents` waits on one of these context keys, set from the event itself (a connection that
 * works, a chat panel opened, a run ended, another assistant chosen, a key stored), never from a click
 * on the step.
 */
import * as vscode from "vscode";

const WALKTHROUGH_KEYS = {
  connected: "langgraph.walkthrough.connected",
  threadOpened: "langgraph.walkthrough.threadOpened",
  messageSent: "langgraph.walkthrough.messageSent",
  assistantSwitched: "langgraph.walkthrough.assistantSwitched",
  apiKeySet: "langgraph.walkthrough.apiKeySet",
} as const;

interface FocusedChat {
  /** Undefined until the panel's first message creates the thread. */
  threadId: string | undefined;
  assistantId: string | undefined;
}

export interface WalkthroughDeps {
  onConnected: vscode.Event<unknown>;
  isConnected(): boolean;
  onDidChangeFocusedChat: vscode.Event<unknown>;
  focusedChat(): FocusedChat | undefined;
  onRunEnd: vscode.Event<unknown>;
  onKeysChanged: vscode.Event<void>;
  hasKeyForCurrentDeployment(): Thenable<boolean>;
}

export function trackWalkthroughProgress(deps: WalkthroughDeps): vscode.Disposable {
  const done = new Set<string>();
  const mark = (key: string) => {
    if (done.has(key)) return;
    done.add(key);
    void vscode.commands.executeCommand("setContext", key, true);
  };
  /** The assistant each thread's panel had when it was last seen, to tell a switch from a first pick. */
  const lastAssistant = new Map<string, string | undefined>();
  return vscode.Disposable.from(
    deps.onConnected(() => {
      if (deps.isConnected()) mark(WALKTHROUGH_KEYS.connected);
    }),
    deps.onDidChangeFocusedChat(() => {
      const chat = deps.focusedChat();
      if (!chat) return;
      mark(WALKTHROUGH_KEYS.threadOpened);
      if (!chat.threadId) return;
      const before = lastAssistant.get(chat.threadId);
      if (lastAssistant.has(chat.threadId) && before !== undefined && chat.assistantId !== undefined && before !== chat.assistantId) {
        mark(WALKTHROUGH_KEYS.assistantSwitched);
      }
      lastAssistant.set(chat.threadId, chat.assistantId ?? before);
    }),
    deps.onRunEnd(() => mark(WALKTHROUGH_KEYS.messageSent)),
    deps.onKeysChanged(() => {
      void deps.hasKeyForCurrentDeployment().then((has) => has && mark(WALKTHROUGH_KEYS.apiKeySet));
    }),
  );
}
