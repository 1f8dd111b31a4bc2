// Finds the gopitfalls binary on this machine (discovery.ts has the
// order), validates it with `gopitfalls version`, and when there is none
// offers to `go install` the version matching this extension. Whatever
// fails ends in one message the user can act on.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";

import { StartConfig } from "./config";
import { discover, Discovery, Found, installCommand, MODULE, Probe } from "./discovery";
import { GoProbe } from "./goenv";

const VERSION_TIMEOUT_MS = 10_000;
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** Runs a program and returns its stdout; rejects with a short reason. */
export function run(file: string, args: string[], opts: { timeout: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: opts.timeout, cwd: opts.cwd, env: opts.env, windowsHide: true, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      if (err) {
        const detail = stderr.trim().split("\n").slice(-3).join(" ");
        reject(new Error(detail !== "" ? `${err.message.split("\n")[0]}: ${detail}` : err.message.split("\n")[0]));
        return;
      }
      resolve(stdout);
    });
  });
}

/** The machine, as discovery sees it. */
export function machineProbe(extensionPath: string): Probe {
  return {
    platform: process.platform,
    extensionPath,
    env: process.env,
    home: os.homedir(),
    isFile: (p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    version: async (p) => (await run(p, ["version"], { timeout: VERSION_TIMEOUT_MS })).split("\n")[0],
  };
}

/** The machine, as resolving go sees it. */
export function goProbe(workspaceFolder: string | undefined): GoProbe {
  return {
    platform: process.platform,
    env: process.env,
    home: os.homedir(),
    workspaceFolder,
    isFile: (p) => {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    readdir: (p) => {
      try {
        return fs.readdirSync(p);
      } catch {
        return [];
      }
    },
    // In the home folder: a go.mod's toolchain line must not make go
    // download another toolchain just to print its version.
    version: async (p, env) =>
      (await run(p, ["version"], { timeout: VERSION_TIMEOUT_MS, cwd: os.homedir(), env: { ...process.env, ...env } })).split("\n")[0],
  };
}

export interface BootstrapContext {
  extensionPath: string;
  extensionVersion: string;
  log: vscode.LogOutputChannel;
}

/**
 * Returns the server to start, or undefined after telling the user why
 * there is none.
 */
export async function findServer(bc: BootstrapContext, cfg: StartConfig): Promise<Found | undefined> {
  const probe = machineProbe(bc.extensionPath);
  const d = await discover(cfg.serverPath, probe);
  logDiscovery(bc.log, d);
  if (d.ok) {
    return d.found;
  }
  if (d.settingFailed) {
    const open = vscode.l10n.t("Open Settings");
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t("gopitfalls.server.path is set to {0}, which does not run as gopitfalls: {1}", cfg.serverPath, d.rejected.join("; ")),
      open,
    );
    if (choice === open) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "gopitfalls.server.path");
    }
    return undefined;
  }
  const installed = await offerInstall(bc, probe);
  return installed?.ok ? installed.found : undefined;
}

function logDiscovery(log: vscode.LogOutputChannel, d: Discovery): void {
  for (const r of d.rejected) {
    log.warn(`not using ${r}`);
  }
  if (d.ok) {
    log.info(`using gopitfalls ${d.found.version} at ${d.found.path} (${d.found.source})`);
  }
}

/** Offers `go install`, runs it, and looks again. */
async function offerInstall(bc: BootstrapContext, probe: Probe): Promise<Discovery | undefined> {
  const args = installCommand(bc.extensionVersion);
  const shown = `go ${args.join(" ")}`;
  let goVersion: string;
  try {
    goVersion = (await run("go", ["version"], { timeout: VERSION_TIMEOUT_MS, cwd: os.homedir() })).trim();
  } catch {
    bc.log.error("no gopitfalls binary found, and no go command to install one");
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        "Go Pitfalls could not find the gopitfalls language server (not bundled with this extension, not on PATH) and there is no go command to install it. Install Go and run {0}, or set gopitfalls.server.path.",
        shown,
      ),
    );
    return undefined;
  }
  const install = vscode.l10n.t("Install");
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t("Go Pitfalls needs the gopitfalls language server, which is neither bundled with this extension nor on PATH. Install it with {0}?", shown),
    install,
  );
  if (choice !== install) {
    bc.log.info("go install declined; the server is not started");
    return undefined;
  }
  bc.log.info(`${goVersion}: running ${shown}`);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Installing {0}…", MODULE) },
      // In the home directory, so that no go.mod or go.work of the
      // workspace takes part.
      () => run("go", args, { timeout: INSTALL_TIMEOUT_MS, cwd: os.homedir(), env: { ...process.env, GOFLAGS: "" } }),
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    bc.log.error(`${shown} failed: ${msg}`);
    void vscode.window.showErrorMessage(vscode.l10n.t("{0} failed: {1}", shown, msg));
    return undefined;
  }
  const d = await discover("", probe);
  logDiscovery(bc.log, d);
  if (!d.ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t("{0} succeeded, but the binary is not where Go puts it (GOBIN or GOPATH/bin). Set gopitfalls.server.path.", shown),
    );
  }
  return d;
}
