export declare const OFFLINE_SETTINGS: Record<string, unknown>;
export declare function freePort(): Promise<number>;
export declare function installVsix(options: {
  vsix: string;
  extensionsDir: string;
  userDataDir: string;
  env: NodeJS.ProcessEnv;
}): void;

export interface CodeServerOptions {
  port?: number;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  vsix?: string | string[];
  workspace?: string;
  copyWorkspaceFrom?: string;
  linkDependencies?: boolean;
  smokeTestDriver?: boolean;
  log?: boolean | ((line: string) => void);
  timeoutMs?: number;
  keep?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  output(): string;
  workbenchUrl(page?: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  installVsix(vsix: string): void;
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function startCodeServer(options?: CodeServerOptions): Promise<CodeServer>;
