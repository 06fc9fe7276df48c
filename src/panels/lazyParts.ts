/**
 * Commands and document providers whose code is a bundle of its own (esbuild.mjs `hostChunks`): they are
 * registered at activation under their ids and schemes, so menus, keybindings and tabs restored after a
 * reload find them, and the first call loads the code behind all of them.
 */
import * as vscode from "vscode";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes a command whatever its caller gave
type CommandHandler = (...args: any[]) => unknown;

/** What a feature's bundle gives back when it loads. */
export interface LoadedParts {
  /** A handler for each command id the registration names. */
  commands: Record<string, CommandHandler>;
  /** A provider for each file system scheme the registration names. */
  fileSystems?: Record<string, vscode.FileSystemProvider>;
  /** A provider for each read-only document scheme the registration names. */
  contents?: Record<string, vscode.TextDocumentContentProvider>;
  /** What the loaded code holds until the extension is deactivated. */
  disposables?: vscode.Disposable[];
}

/** What is registered at activation, before the code behind it is loaded. */
export interface LazyNames {
  commands: readonly string[];
  fileSystems?: readonly string[];
  contents?: readonly string[];
}

export function registerLazyParts(names: LazyNames, load: () => LoadedParts): vscode.Disposable[] {
  let loaded: LoadedParts | undefined;
  const parts = () => (loaded ??= load());
  const part = <T>(table: Record<string, T> | undefined, name: string): T => {
    const found = table?.[name];
    // A name registered here that the loaded code lacks is a mistake in the extension itself.
    if (!found) throw new Error(name);
    return found;
  };
  return [
    ...names.commands.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => part(parts().commands, id)(...args))),
    ...(names.fileSystems ?? []).map((scheme) =>
      vscode.workspace.registerFileSystemProvider(scheme, new LazyFileSystem(() => part(parts().fileSystems, scheme)), { isCaseSensitive: true }),
    ),
    ...(names.contents ?? []).map((scheme) =>
      vscode.workspace.registerTextDocumentContentProvider(scheme, new LazyContents(() => part(parts().contents, scheme))),
    ),
    new vscode.Disposable(() => {
      for (const disposable of loaded?.disposables ?? []) disposable.dispose();
    }),
  ];
}

/** Forwards to the loaded provider; its change events are passed on once it exists (none come before). */
class LazyFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private loaded: vscode.FileSystemProvider | undefined;

  constructor(private readonly load: () => vscode.FileSystemProvider) {}

  private get provider(): vscode.FileSystemProvider {
    if (!this.loaded) {
      this.loaded = this.load();
      this.loaded.onDidChangeFile((events) => this.changed.fire(events));
    }
    return this.loaded;
  }

  watch(uri: vscode.Uri, options: { readonly recursive: boolean; readonly excludes: readonly string[] }): vscode.Disposable {
    return this.provider.watch(uri, options);
  }
  stat(uri: vscode.Uri): vscode.FileStat | Thenable<vscode.FileStat> {
    return this.provider.stat(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] | Thenable<[string, vscode.FileType][]> {
    return this.provider.readDirectory(uri);
  }
  createDirectory(uri: vscode.Uri): void | Thenable<void> {
    return this.provider.createDirectory(uri);
  }
  readFile(uri: vscode.Uri): Uint8Array | Thenable<Uint8Array> {
    return this.provider.readFile(uri);
  }
  writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): void | Thenable<void> {
    return this.provider.writeFile(uri, content, options);
  }
  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): void | Thenable<void> {
    return this.provider.delete(uri, options);
  }
  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): void | Thenable<void> {
    return this.provider.rename(oldUri, newUri, options);
  }
}

class LazyContents implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private loaded: vscode.TextDocumentContentProvider | undefined;

  constructor(private readonly load: () => vscode.TextDocumentContentProvider) {}

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
    if (!this.loaded) {
      this.loaded = this.load();
      this.loaded.onDidChange?.((changed) => this.changed.fire(changed));
    }
    return this.loaded.provideTextDocumentContent(uri, token);
  }
}
