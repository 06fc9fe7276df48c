/**
 * The input form of a panel whose selected assistant runs a graph that is not a chat: which form the
 * webview shows (from the graph's input schema), the last input per assistant, and the check of an
 * input against the schema before any request is made.
 */
import type { GraphSchemas } from "../deployment/types";
import type { HostToWebview, InputFormView } from "../protocol/chatProtocol";
import { inputSkeleton, takesMessages } from "./runInput";

/** The schema check and its validator, loaded on first use (a bundle of its own, see esbuild.mjs). */
function inputCheck(): typeof import("./inputCheck") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the bundle evaluates ./inputCheck only here
  return require("./inputCheck") as typeof import("./inputCheck");
}

export interface InputFormDeps {
  /** Without it, no graph gets a form. */
  schemas?(assistantId: string): Promise<GraphSchemas>;
  lastInput?(assistantId: string): string | undefined;
  rememberInput?(assistantId: string, input: string): void;
  post(message: HostToWebview): void;
}

interface Selected {
  assistantId: string;
  inputSchema: unknown;
  form?: InputFormView;
}

export class InputFormController {
  private selected: Selected | undefined;
  /** Answers to an older selection are dropped. */
  private ticket = 0;

  constructor(private readonly deps: InputFormDeps) {}

  get form(): InputFormView | undefined {
    return this.selected?.form;
  }

  /** The assistant changed: a graph without `messages` in its input gets a form, any other the composer. */
  async select(assistantId: string | undefined): Promise<void> {
    if (assistantId === this.selected?.assistantId) return;
    const ticket = ++this.ticket;
    const selected = assistantId ? await this.read(assistantId) : undefined;
    if (ticket !== this.ticket) return;
    const before = this.selected?.form;
    this.selected = selected;
    if (before || selected?.form) this.deps.post({ type: "inputForm", form: selected?.form });
  }

  /**
   * The input to run, or undefined after telling the webview why it was refused (nothing is sent).
   * `told` hears the same: the reasons, or none when the input runs (the JSON editor shows them).
   */
  async check(assistantId: string, text: string, told?: (errors: string[]) => void): Promise<Record<string, unknown> | undefined> {
    const selected = this.selected?.assistantId === assistantId ? this.selected : await this.read(assistantId);
    const checked = inputCheck().checkInput(text, selected.inputSchema);
    told?.(checked.ok ? [] : checked.errors);
    if (!checked.ok) {
      this.deps.post({ type: "inputErrors", errors: checked.errors });
      return undefined;
    }
    this.deps.post({ type: "inputErrors", errors: [] });
    this.deps.rememberInput?.(assistantId, text);
    if (selected.form) {
      selected.form.draft = text;
      this.deps.post({ type: "inputRan", assistantId, input: text });
    }
    return checked.value;
  }

  private async read(assistantId: string): Promise<Selected> {
    let inputSchema: unknown;
    if (!this.deps.schemas) return { assistantId, inputSchema };
    try {
      inputSchema = (await this.deps.schemas(assistantId)).input_schema;
    } catch {
      // No schema (an older server, an unreachable graph): the chat composer stays, as before.
      return { assistantId, inputSchema: undefined };
    }
    if (inputSchema === undefined || takesMessages(inputSchema)) return { assistantId, inputSchema };
    const draft = this.deps.lastInput?.(assistantId) ?? inputSkeleton(inputSchema);
    return { assistantId, inputSchema, form: { assistantId, schemaJson: JSON.stringify(inputSchema, null, 2), draft } };
  }
}
