/**
 * The language server runs in its own process, where `vscode.l10n` does not exist: the client sends the
 * bundle VS Code loaded for the display language in `initializationOptions`, and the server's
 * `@vscode/l10n` translates its diagnostics and hovers from it. No bundle (English) leaves the texts as written.
 */
import * as l10n from "@vscode/l10n";
import * as v from "valibot";

const message = v.union([v.string(), v.object({ message: v.string(), comment: v.array(v.string()) })]);
const options = v.object({ l10nBundle: v.optional(v.record(v.string(), message)) });

/** What the client puts in `initializationOptions`. */
export type LangGraphJsonInitOptions = v.InferInput<typeof options>;

/** Configures translation from the client's `initializationOptions`; anything unreadable is ignored (English). */
export function configureServerL10n(initializationOptions: unknown): void {
  const parsed = v.safeParse(options, initializationOptions);
  if (parsed.success && parsed.output.l10nBundle) l10n.config({ contents: parsed.output.l10nBundle });
}
