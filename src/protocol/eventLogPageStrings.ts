/**
 * Every text the event log page shows of its own, in VS Code's display language. The host builds the
 * table (after activation has configured `@vscode/l10n` with the extension's bundle) and hands it to the
 * page in its initial state; the page fills the `{0}` placeholders itself. Built in a function, never as
 * the module loads: before activation there is no bundle, and the page calls it only for the English it
 * falls back on. The stream modes' names (`values`, `updates`, …) are the API's words and stay as they are.
 */
import * as l10n from "@vscode/l10n";

export function eventLogPageStrings() {
  return {
    run: l10n.t("Run"),
    noRuns: l10n.t("No runs yet: send a message in the chat"),
    filter: l10n.t("Filter events"),
    streamModes: l10n.t("Stream modes"),
    oneEvent: l10n.t("1 event"),
    events: l10n.t("{0} events"),
    someOfEvents: l10n.t("{0} of {1} events"),
    eventList: l10n.t("Events"),
    copyAsJson: l10n.t("Copy as JSON"),
    loading: l10n.t("Loading…"),
  };
}
