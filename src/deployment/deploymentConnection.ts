/**
 * The deployment as VS Code knows it: settings + SecretStorage feed the one gateway, which connects
 * lazily and anew when either changes, and makes no request until a view asks for data (activation
 * stays offline). Also the connection's state for the status bar and welcome views.
 */
import * as vscode from "vscode";
import type { ApiKeyStore } from "./apiKeyStore";
import type { ClientOptions } from "./clientFactory";
import { DeploymentGateway } from "./gateway";
import { affectsDeployment, readDeploymentSettings, type DeploymentSettings } from "./deploymentSettings";
import { DeploymentError, mapError, validateDeploymentUrl, type ErrorContext, type UserFacingError } from "./errorMapping";

export type ConnectionState =
  | { kind: "unchecked" }
  | { kind: "checking" }
  | { kind: "connected" }
  | { kind: "failed"; error: UserFacingError };

/**
 * Where the extension points: the deployment in the settings, a local server started from this
 * workspace (until it stops or another deployment is chosen), or nowhere once that server stopped.
 * Kept for this window only: the settings stay as the user wrote them.
 */
export type ConnectionTarget = { kind: "configured" } | { kind: "local"; url: string } | { kind: "localStopped" };

/** Errors that say something about the connection itself rather than one request. */
const CONNECTION_KINDS = new Set(["noUrl", "invalidUrl", "unreachable", "unauthorized", "forbidden"]);

const LOCAL_SERVER_STOPPED: UserFacingError = {
  kind: "noUrl",
  message: vscode.l10n.t("The local LangGraph server stopped. Start it again, or switch to a deployment."),
  actions: ["openSettings"],
  detail: "the local server stopped",
};

export class DeploymentConnection implements vscode.Disposable {
  private targetValue: ConnectionTarget = { kind: "configured" };
  private settingsCache: DeploymentSettings = this.readSettings();
  /** The only way to the deployment. */
  readonly gateway = new DeploymentGateway(() => this.clientOptions());
  private stateValue: ConnectionState = { kind: "unchecked" };
  private checking: Promise<ConnectionState> | undefined;
  /** The key read as soon as the URL is known, for the first request: SecretStorage answers in tens of ms. */
  private keyRead: { url: string; key: Promise<string | undefined> } | undefined;
  private readonly stateChanged = new vscode.EventEmitter<ConnectionState>();
  private readonly clientChanged = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires when the connection's state changes (status bar, welcome views). */
  readonly onDidChangeState = this.stateChanged.event;
  /** Fires when settings or the key changed and every view should reload. */
  readonly onDidChangeClient = this.clientChanged.event;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsDeployment(e)) this.rebuild("settings changed");
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rebuild("workspace trusted")),
      keys.onDidChange(() => this.rebuild("API key changed")),
      this.stateChanged,
      this.clientChanged,
    );
    this.readKeyAhead();
  }

  get settings(): DeploymentSettings {
    return this.settingsCache;
  }

  get url(): string {
    return this.settingsCache.url;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  get target(): ConnectionTarget {
    return this.targetValue;
  }

  /** Points the extension at a local server this workspace started. */
  useLocalServer(url: string): void {
    this.targetValue = { kind: "local", url };
    this.rebuild(`local server at ${url}`);
  }

  /** The local server stopped: nothing to talk to until it starts again or another deployment is chosen. */
  localServerStopped(): void {
    if (this.targetValue.kind !== "local") return;
    this.targetValue = { kind: "localStopped" };
    this.rebuild("the local server stopped");
  }

  /** Back to the deployment in the settings. */
  useConfigured(): void {
    if (this.targetValue.kind === "configured") return;
    this.targetValue = { kind: "configured" };
    this.rebuild("the configured deployment was chosen");
  }

  /** Asks the deployment for one assistant: the cheapest call that needs both the URL and the key. */
  check(): Promise<ConnectionState> {
    this.checking ??= (async () => {
      this.setState({ kind: "checking" });
      try {
        await this.gateway.ping();
        this.setState({ kind: "connected" });
      } catch (error) {
        this.setState({ kind: "failed", error: this.describe(error, { operation: vscode.l10n.t("connect") }) });
      } finally {
        this.checking = undefined;
      }
      return this.stateValue;
    })();
    return this.checking;
  }

  /**
   * Maps an error to what the user reads, logs it, and updates the connection state when the error is
   * about the connection (unreachable, wrong key) rather than one request.
   */
  describe(error: unknown, context: ErrorContext = {}): UserFacingError {
    const mapped = mapError(error, { url: this.url || undefined, ...context });
    this.log.warn(`${context.operation ?? "request"} failed: ${mapped.detail}`);
    if (CONNECTION_KINDS.has(mapped.kind)) this.setState({ kind: "failed", error: mapped });
    return mapped;
  }

  /** A request went through: the connection is fine whatever an earlier check said. */
  markConnected(): void {
    if (this.stateValue.kind !== "connected") this.setState({ kind: "connected" });
  }

  rebuild(reason: string): void {
    this.log.info(`Rebuilding the deployment client: ${reason}`);
    this.settingsCache = this.readSettings();
    this.readKeyAhead();
    this.gateway.reset();
    this.setState({ kind: "unchecked" });
    this.clientChanged.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Where and how the gateway connects; a missing or malformed URL fails here, before any request. */
  private async clientOptions(): Promise<ClientOptions> {
    const { url, timeoutMs } = this.settingsCache;
    const invalid = this.targetValue.kind === "localStopped" ? LOCAL_SERVER_STOPPED : validateDeploymentUrl(url);
    if (invalid) {
      this.setState({ kind: "failed", error: invalid });
      throw new DeploymentError(invalid);
    }
    const ahead = this.keyRead?.url === url ? this.keyRead.key : undefined;
    this.keyRead = undefined;
    // A read ahead that failed is tried again here, where a failure reaches the request that needs the key.
    const apiKey = await (ahead?.catch(() => this.keys.get(url)) ?? this.keys.get(url));
    this.log.info(`Connecting to ${url} ${apiKey ? "with" : "without"} an API key`);
    return {
      url,
      apiKey,
      timeoutMs,
      onRequest: (method, requestUrl) => this.log.debug(`${method} ${requestUrl}`),
      retry: { onRetry: (reason, requestUrl, attempt) => this.log.info(`${reason} from ${requestUrl}: retry ${attempt}`) },
    };
  }

  private readKeyAhead(): void {
    const { url } = this.settingsCache;
    this.keyRead = undefined;
    if (!url) return;
    const key = Promise.resolve(this.keys.get(url));
    key.catch(() => undefined); // met where the key is used
    this.keyRead = { url, key };
  }

  private readSettings(): DeploymentSettings {
    const configured = readDeploymentSettings();
    const target = this.targetValue;
    if (target.kind === "configured") return configured;
    return { ...configured, url: target.kind === "local" ? target.url : "", source: "local" };
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state;
    this.stateChanged.fire(state);
  }
}
