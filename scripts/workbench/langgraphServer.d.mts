export interface LangGraphServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}
export declare function startLangGraphServer(options?: {
  config?: string;
  port?: number;
  auth?: boolean;
  /** Allow only these browser origins (`http.cors.allow_origins`); default: any origin. */
  corsOrigins?: string[];
  log?: boolean | ((line: string) => void);
  timeoutMs?: number;
}): Promise<LangGraphServer>;
