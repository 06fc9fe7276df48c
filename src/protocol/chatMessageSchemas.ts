/**
 * One schema per message the chat webview may send the host. The webview shows agent content, so the
 * host treats what it sends as untrusted: a message is acted on only when its schema accepts it.
 */
import { array, literal, maxLength, minLength, object, optional, picklist, pipe, regex, string, union, unknown, variant, type InferOutput } from "valibot";
import { DATA_IMAGE } from "../common/messageImages";
import { MAX_ATTACHMENT_CHARS, MAX_ATTACHMENT_NAME_CHARS, MAX_ATTACHMENTS, MAX_AUTHOR_IDS, MAX_INPUT_CHARS, type WebviewToHost } from "./chatProtocol";
import { validateWith, type SameType, type Validated } from "./messageValidation";

const assistantId = optional(string());

const attachmentName = pipe(string(), minLength(1), maxLength(MAX_ATTACHMENT_NAME_CHARS));
// An image is only ever a raster `data:` URI: nothing the page could load from elsewhere, no SVG.
const attachment = variant("kind", [
  object({ kind: literal("text"), name: attachmentName, text: pipe(string(), maxLength(MAX_ATTACHMENT_CHARS)) }),
  object({ kind: literal("image"), name: attachmentName, dataUrl: pipe(string(), maxLength(MAX_ATTACHMENT_CHARS), regex(DATA_IMAGE)) }),
]);

const chatMessageSchemas = {
  ready: object({ type: literal("ready") }),
  snapshotPainted: object({ type: literal("snapshotPainted") }),
  send: object({ type: literal("send"), text: string(), assistantId, attachments: optional(pipe(array(attachment), maxLength(MAX_ATTACHMENTS))) }),
  attachFiles: object({ type: literal("attachFiles"), uris: pipe(array(pipe(string(), maxLength(4096))), minLength(1), maxLength(MAX_ATTACHMENTS)) }),
  runInput: object({ type: literal("runInput"), input: pipe(string(), maxLength(MAX_INPUT_CHARS)), assistantId }),
  editInput: object({ type: literal("editInput"), input: pipe(string(), maxLength(MAX_INPUT_CHARS)) }),
  stop: object({ type: literal("stop") }),
  selectAssistant: object({ type: literal("selectAssistant"), assistantId: string() }),
  assistantPickerOpened: object({ type: literal("assistantPickerOpened") }),
  errorAction: object({ type: literal("errorAction"), action: picklist(["retry", "openSettings", "setApiKey", "reload", "showLog"]) }),
  openLink: object({ type: literal("openLink"), href: string() }),
  copyText: object({ type: literal("copyText"), text: string() }),
  insertCode: object({ type: literal("insertCode"), code: string(), language: optional(string()) }),
  editMessage: object({ type: literal("editMessage"), id: string(), text: string(), assistantId }),
  regenerate: object({ type: literal("regenerate"), id: string(), assistantId }),
  rerunFromMessage: object({ type: literal("rerunFromMessage"), id: string() }),
  switchBranch: object({ type: literal("switchBranch"), id: string(), direction: union([literal(-1), literal(1)]) }),
  needAuthors: object({ type: literal("needAuthors"), ids: pipe(array(string()), maxLength(MAX_AUTHOR_IDS)) }),
  resume: object({ type: literal("resume"), response: unknown(), assistantId }),
} as const;

const webviewToHostSchema = variant("type", Object.values(chatMessageSchemas));

// The protocol's type and the schemas must describe the same messages.
const agrees: SameType<InferOutput<typeof webviewToHostSchema>, WebviewToHost> = true;
void agrees;

export function validateWebviewToHost(value: unknown): Validated<WebviewToHost> {
  return validateWith(webviewToHostSchema, value);
}
