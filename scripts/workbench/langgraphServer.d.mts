export interface LangGraphServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}
export declare function startLangGraphServer(options?: {
  config?: string;
  port?: number;
  auth?: boolean;
  log?: boolean | ((line: string) => void);
  timeoutMs?: number;
}): Promise<LangGraphServer>;
