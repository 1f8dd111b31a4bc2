// Ctx owns the language client's lifecycle: start, stop, restart and
// dispose, serialised so that a restart asked for while a start is under
// way waits for it; the crash policy; the reactions to settings and
// workspace-trust changes; and the session's setting overrides.

import * as os from "node:os";
import * as vscode from "vscode";
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  State,
} from "vscode-languageclient/node";

import { findServer, goProbe } from "./bootstrap";
import { createClient } from "./client";
import { classifyChange, readGoSettings, readServerSettings, readStartConfig, SECTION, ServerSettings } from "./config";
import { CrashPolicy } from "./crash";
import { Found } from "./discovery";
import { Serial } from "./serial";
import { resolveGo } from "./goenv";
import { AnalysisMode, ServerState, Status } from "./status";

export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private readonly status: Status;
  private readonly crash = new CrashPolicy();
  private readonly subscriptions: { dispose(): unknown }[] = [];
  private client: LanguageClient | undefined;
  private server: Found | undefined;
  private readonly queue: Serial;
  private overrides: ServerSettings = {};
  private disposed = false;
  private goWarned = false;

  constructor(private readonly ext: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel("Go Pitfalls", { log: true });
    this.queue = new Serial((e) => {
      this.log.error("lifecycle", e instanceof Error ? e : String(e));
    });
    this.status = new Status((line) => {
      this.log.info(line);
    });
    this.subscriptions.push(
      this.log,
      this.status,
      vscode.workspace.onDidChangeConfiguration((e) => {
        this.configurationChanged(e);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info("workspace trusted: restarting the server with every rule");
        void this.restart();
      }),
    );
  }

  /** The binary in use (for `gopitfalls notes`), once found. */
  get serverBinary(): Found | undefined {
    return this.server;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  get syntaxOnly(): boolean {
    return !vscode.workspace.isTrusted;
  }

  start(): Promise<void> {
    return this.serialize(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.serialize(() => this.doStop());
  }

  /** Restarts the server; a restart the user asks for forgives earlier crashes. */
  restart(): Promise<void> {
    return this.serialize(async () => {
      this.crash.reset();
      await this.doStop();
      await this.doStart();
    });
  }

  /** Sets session-only setting overrides and tells the server. */
  async override(o: ServerSettings): Promise<void> {
    this.overrides = { ...this.overrides, ...o };
    await this.sendConfiguration();
  }

  dispose(): void {
    void this.disposeAsync();
  }

  /** Stops the server, then lets go of everything (deactivate waits for it). */
  async disposeAsync(): Promise<void> {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    await this.serialize(() => this.doStop()).catch(() => undefined);
    for (const d of this.subscriptions) {
      d.dispose();
    }
  }

  private serialize(op: () => Promise<void>): Promise<void> {
    return this.queue.run(op);
  }

  private setState(s: ServerState): void {
    this.status.set(s);
  }

  private async doStart(): Promise<void> {
    if (this.disposed || this.client) {
      return;
    }
    this.setState({ kind: "starting" });
    const cfg = readStartConfig(vscode.workspace, os.homedir());
    const found = await findServer(
      { extensionPath: this.ext.extensionPath, extensionVersion: extensionVersion(this.ext), log: this.log },
      cfg,
    );
    if (!found) {
      this.server = undefined;
      this.setState({ kind: "failed", reason: vscode.l10n.t("no gopitfalls binary; see the output") });
      return;
    }
    this.server = found;
    const go = await this.findGo();
    const mode: AnalysisMode = this.syntaxOnly ? "restricted" : go ? "full" : "noGo";
    const syntaxOnly = mode !== "full";
    const args = ["serve", "-loglevel", cfg.logLevel];
    if (syntaxOnly) {
      args.push("-syntax-only");
    }
    const client = createClient({
      command: found.path,
      args,
      cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      env: { ...process.env, ...go?.env },
      log: this.log,
      syntaxOnly,
      goCommand: go?.path,
      settings: (scope) => readServerSettings(vscode.workspace, scope, this.overrides),
      errorHandler: this.errorHandler(),
    });
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return; // an old client's last words
      }
      if (e.newState === State.Running) {
        this.setState({ kind: "running", version: found.version, mode });
      } else if (e.newState === State.Starting) {
        this.setState({ kind: "starting" });
      }
    });
    this.log.info(`starting ${found.path} ${args.join(" ")}${mode === "restricted" ? " (Restricted Mode)" : mode === "noGo" ? " (no go command)" : ""}`);
    try {
      await client.start();
      this.setState({ kind: "running", version: found.version, mode });
      if (mode === "noGo") {
        void this.tellNoGo();
      }
    } catch (e) {
      this.log.error("starting the server", e instanceof Error ? e : String(e));
      this.setState({ kind: "failed", reason: e instanceof Error ? e.message : String(e) });
      this.client = undefined;
      await client.dispose().catch(() => undefined);
    }
  }

  /**
   * Resolves the go command as the Go extension does, unless the
   * workspace is untrusted (then the server never runs go). Undefined
   * when there is none.
   */
  private async findGo(): Promise<{ path: string; env: Record<string, string> } | undefined> {
    if (this.syntaxOnly) {
      return undefined;
    }
    const r = await resolveGo(readGoSettings(vscode.workspace), goProbe(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath));
    for (const why of r.rejected) {
      this.log.warn(`not using ${why}`);
    }
    if (!r.ok) {
      this.log.error(`no go command found; looked at ${r.looked.join(", ")}`);
      return undefined;
    }
    this.goWarned = false;
    this.log.info(`using ${r.go.version} at ${r.go.path} (${r.go.source})`);
    return { path: r.go.path, env: r.env };
  }

  /** Tells the user, once until go is found, that only syntax is analysed. */
  private async tellNoGo(): Promise<void> {
    if (this.goWarned) {
      return;
    }
    this.goWarned = true;
    const open = vscode.l10n.t("Open Settings");
    const show = vscode.l10n.t("Show Output");
    const msg = vscode.l10n.t(
      "Go Pitfalls found no go command, so only the rules that need no type information run. Set go.goroot or go.alternateTools.go to your Go installation, or put go on the PATH VS Code is started with.",
    );
    this.log.warn(msg);
    const choice = await vscode.window.showWarningMessage(msg, open, show);
    if (choice === open) {
      await openGoSettings();
    } else if (choice === show) {
      this.log.show();
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      return;
    }
    try {
      if (client.needsStop()) {
        await client.stop(2000);
      }
    } catch (e) {
      this.log.warn(`stopping the server: ${e instanceof Error ? e.message : String(e)}`);
    }
    await client.dispose().catch(() => undefined);
    this.setState({ kind: "stopped" });
  }

  /** The crash policy, applied to the client. */
  private errorHandler(): ErrorHandler {
    return {
      error: (_error, _message, count): ErrorHandlerResult => {
        // Broken pipes and bad messages: carry on a little, then give up
        // on this connection (closed() decides what comes next).
        return count !== undefined && count <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown, handled: true };
      },
      closed: (): CloseHandlerResult => {
        const what = this.crash.crashed();
        if (what === "restart") {
          this.log.warn(`the server exited unexpectedly (${this.crash.count} time(s) in the last minutes); restarting it`);
          return { action: CloseAction.Restart, handled: true };
        }
        this.log.error(`the server exited unexpectedly ${this.crash.count} times in the last minutes; not restarting it`);
        this.setState({ kind: "failed", reason: vscode.l10n.t("crashed {0} times", this.crash.count) });
        void this.tellCrashed();
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private async tellCrashed(): Promise<void> {
    const showLog = vscode.l10n.t("Show Log");
    const restart = vscode.l10n.t("Restart");
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t("The Go Pitfalls server crashed {0} times in the last few minutes and was stopped. The log says why.", this.crash.count),
      showLog,
      restart,
    );
    if (choice === showLog) {
      this.log.show();
    } else if (choice === restart) {
      await this.restart();
    }
  }

  private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
    switch (classifyChange((s) => e.affectsConfiguration(s))) {
      case "restart":
        this.log.info("settings that change how the server starts changed: restarting it");
        void this.restart();
        break;
      case "notify":
        void this.sendConfiguration();
        break;
      case "none":
        break;
    }
  }

  private async sendConfiguration(): Promise<void> {
    const client = this.client;
    if (!client || !client.isRunning()) {
      return;
    }
    // The server pulls the section with workspace/configuration (our
    // middleware answers); the settings ride along for servers that don't.
    await client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { [SECTION]: readServerSettings(vscode.workspace, undefined, this.overrides) },
    });
  }
}

/**
 * Opens the settings of where go is: the Go extension's go.goroot when it
 * is installed (it declares the setting), else the settings file, where
 * go.goroot can be written all the same.
 */
export async function openGoSettings(): Promise<void> {
  if (vscode.extensions.getExtension("golang.go")) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "go.goroot");
  } else {
    await vscode.commands.executeCommand("workbench.action.openSettingsJson");
  }
}

/** The extension's version, from its manifest. */
function extensionVersion(ext: vscode.ExtensionContext): string {
  const pkg = ext.extension.packageJSON as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "0.0.0";
}
