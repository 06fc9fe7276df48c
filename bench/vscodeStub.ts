/**
 * A minimal stand-in for the `vscode` module, used only to time `activate()` of the bundled extension
 * outside VS Code. It implements just the API surface that loading `dist/extension.js` and running
 * `activate` touch. A namespace member it does not know is recorded (and reported with the results);
 * `on…` events and `register…` calls get a no-op Disposable so a new registration does not stop the
 * measurement, anything else is `undefined`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Listener<T> = (event: T) => unknown;

export class Disposable {
  constructor(private readonly callOnDispose: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

const noEvent = new EventEmitter<never>().event;

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = "",
    readonly fragment = "",
  ) {}
  static file(path: string): Uri {
    return new Uri("file", "", path);
  }
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ""), url.host, url.pathname, url.search.replace(/^\?/, ""), url.hash.replace(/^#/, ""));
  }
  static from(parts: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(parts.scheme, parts.authority ?? "", parts.path ?? "", parts.query ?? "", parts.fragment ?? "");
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, base.authority, join(base.path, ...segments), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<Pick<Uri, "scheme" | "authority" | "path" | "query" | "fragment">>): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ""}${this.fragment ? `#${this.fragment}` : ""}`;
  }
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class MarkdownString {
  constructor(public value = "", public supportThemeIcons = false) {}
  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }
  appendText(value: string): this {
    this.value += value;
    return this;
  }
}
export class TreeItem {
  constructor(public label: unknown, public collapsibleState = TreeItemCollapsibleState.None) {}
}

/**
 * Classes that vscode-languageclient (bundled into the extension) extends when its modules load. Only
 * their existence matters here: no language feature runs during activation.
 */
class Extendable {
  constructor(...args: unknown[]) {
    Object.assign(this, { args });
  }
}
export class CompletionItem extends Extendable {}
export class CodeLens extends Extendable {}
export class DocumentLink extends Extendable {}
export class CodeAction extends Extendable {}
export class Diagnostic extends Extendable {}
export class CallHierarchyItem extends Extendable {}
export class TypeHierarchyItem extends Extendable {}
export class SymbolInformation extends Extendable {}
export class InlayHint extends Extendable {}
export class CancellationError extends Error {}

export enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }
export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }
export enum QuickPickItemKind { Separator = -1, Default = 0 }
export enum FileType { Unknown = 0, File = 1, Directory = 2, SymbolicLink = 64 }
export enum FileChangeType { Changed = 1, Created = 2, Deleted = 3 }
export enum ConfigurationTarget { Global = 1, Workspace = 2, WorkspaceFolder = 3 }
export enum DebugConfigurationProviderTriggerKind { Initial = 1, Dynamic = 2 }

export class FileSystemError extends Error {
  static FileNotFound(message?: string | Uri): FileSystemError {
    return new FileSystemError(String(message ?? "FileNotFound"));
  }
  static NoPermissions(message?: string | Uri): FileSystemError {
    return new FileSystemError(String(message ?? "NoPermissions"));
  }
  static Unavailable(message?: string | Uri): FileSystemError {
    return new FileSystemError(String(message ?? "Unavailable"));
  }
}

/** The part of package.json that declares settings. */
interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } };
}

/** Setting defaults as the extension contributes them, so `activate` reads what a fresh install reads. */
function contributedDefaults(root: string): Map<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
  const properties = manifest.contributes?.configuration?.properties ?? {};
  return new Map(Object.entries(properties).map(([key, schema]) => [key, schema.default]));
}

class StatusBarItem {
  text = "";
  tooltip: unknown;
  name: string | undefined;
  command: unknown;
  backgroundColor: unknown;
  accessibilityInformation: unknown;
  show(): void {}
  hide(): void {}
  dispose(): void {}
}

class OutputChannel {
  readonly lines: string[] = [];
  readonly onDidChangeLogLevel = noEvent;
  logLevel = 2;
  constructor(readonly name: string) {}
  private write(level: string, message: string): void {
    this.lines.push(`[${level}] ${message}`);
  }
  trace(message: string): void {
    this.write("trace", message);
  }
  debug(message: string): void {
    this.write("debug", message);
  }
  info(message: string): void {
    this.write("info", message);
  }
  warn(message: string): void {
    this.write("warn", message);
  }
  error(message: unknown): void {
    this.write("error", String(message));
  }
  append(value: string): void {
    this.write("append", value);
  }
  appendLine(value: string): void {
    this.write("line", value);
  }
  clear(): void {}
  show(): void {}
  hide(): void {}
  dispose(): void {}
}

/** What one activation did: commands registered, views created, log lines, API the stub lacks. */
export interface StubRecord {
  commands: string[];
  treeViews: string[];
  statusBarItems: number;
  outputChannels: OutputChannel[];
  executed: string[];
  missing: Set<string>;
}

function lenient<T extends object>(name: string, target: T, missing: Set<string>): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key !== "string" || key in object) return Reflect.get(object, key, receiver);
      missing.add(`${name}.${key}`);
      return /^(on[A-Z]|register)/.test(key) ? () => new Disposable() : undefined;
    },
  });
}

export function createVscodeStub(root: string) {
  const defaults = contributedDefaults(root);
  const record: StubRecord = { commands: [], treeViews: [], statusBarItems: 0, outputChannels: [], executed: [], missing: new Set() };
  const commandHandlers = new Map<string, (...args: unknown[]) => unknown>();

  const window = {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: noEvent },
    onDidChangeActiveTextEditor: noEvent,
    createOutputChannel(name: string) {
      const channel = new OutputChannel(name);
      record.outputChannels.push(channel);
      return channel;
    },
    createTreeView(id: string) {
      record.treeViews.push(id);
      return {
        visible: false,
        message: undefined as string | undefined,
        description: undefined as string | undefined,
        onDidChangeVisibility: noEvent,
        onDidChangeSelection: noEvent,
        onDidExpandElement: noEvent,
        onDidCollapseElement: noEvent,
        reveal: async () => undefined,
        dispose() {},
      };
    },
    createStatusBarItem() {
      record.statusBarItems++;
      return new StatusBarItem();
    },
    registerWebviewPanelSerializer: () => new Disposable(),
  };

  const commands = {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
      record.commands.push(id);
      commandHandlers.set(id, handler);
      return new Disposable(() => commandHandlers.delete(id));
    },
    async executeCommand(id: string, ...args: unknown[]) {
      record.executed.push(id);
      return commandHandlers.get(id)?.(...args);
    },
  };

  const workspace = {
    isTrusted: true,
    textDocuments: [],
    workspaceFolders: undefined,
    onDidChangeConfiguration: noEvent,
    onDidGrantWorkspaceTrust: noEvent,
    onDidOpenTextDocument: noEvent,
    registerFileSystemProvider: () => new Disposable(),
    registerTextDocumentContentProvider: () => new Disposable(),
    // An empty workspace: no langgraph.json to find.
    findFiles: async () => [],
    getConfiguration(section?: string) {
      const full = (key: string) => (section ? `${section}.${key}` : key);
      return {
        get: <T>(key: string, fallback?: T) => (defaults.has(full(key)) ? (defaults.get(full(key)) as T) : fallback),
        has: (key: string) => defaults.has(full(key)),
        inspect: <T>(key: string) => ({ key: full(key), defaultValue: defaults.get(full(key)) as T | undefined }),
        update: async () => undefined,
      };
    },
  };

  const vscode = {
    version: "1.95.0",
    Disposable,
    EventEmitter,
    Uri,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    TreeItem,
    TreeItemCollapsibleState,
    StatusBarAlignment,
    ViewColumn,
    ProgressLocation,
    QuickPickItemKind,
    FileType,
    FileChangeType,
    ConfigurationTarget,
    FileSystemError,
    CompletionItem,
    CodeLens,
    DocumentLink,
    CodeAction,
    Diagnostic,
    CallHierarchyItem,
    TypeHierarchyItem,
    SymbolInformation,
    InlayHint,
    CancellationError,
    DebugConfigurationProviderTriggerKind,
    window: lenient("window", window, record.missing),
    commands: lenient("commands", commands, record.missing),
    workspace: lenient("workspace", workspace, record.missing),
    languages: lenient("languages", {}, record.missing),
    env: lenient("env", { language: "en", machineId: "bench", sessionId: "bench", appName: "bench" }, record.missing),
    // The @langgraph participant and the language model tools register at activation.
    chat: lenient("chat", { createChatParticipant: () => ({ onDidReceiveFeedback: noEvent, dispose() {} }) }, record.missing),
    lm: lenient("lm", {}, record.missing),
    tasks: lenient("tasks", {}, record.missing),
    debug: lenient("debug", {}, record.missing),
    // English, as VS Code gives it without a language pack: `{0}` placeholders filled in.
    l10n: lenient("l10n", { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) }, record.missing),
  };

  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      keys: () => [...values.keys()],
      get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
      setKeysForSync() {},
    };
  };
  const secrets = new Map<string, string>();
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    extensionUri: Uri.file(root),
    extensionPath: root,
    extensionMode: 1,
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      onDidChange: noEvent,
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => void secrets.set(key, value),
      delete: async (key: string) => void secrets.delete(key),
    },
    asAbsolutePath: (relative: string) => join(root, relative),
  };

  return { vscode, context, record };
}
