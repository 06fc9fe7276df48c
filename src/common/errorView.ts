/** An error as a panel shows it: a sentence and the actions that fix it (shared by host and webviews). */
export type ErrorActionId = "retry" | "openSettings" | "setApiKey" | "reload" | "showLog";

export interface ErrorView {
  message: string;
  actions: { id: ErrorActionId; label: string }[];
}
