// Typed access to the gopitfalls.* settings, and the two decisions made
// from them: what the server is sent, and whether a change needs a
// restart of the server or only a workspace/didChangeConfiguration.
//
// The pure functions here take plain values so that they are unit-tested
// without VS Code; the thin wrappers at the end read vscode.workspace.

import type * as vscode from "vscode";

import type { GoSettings } from "./goenv";

export const SECTION = "gopitfalls";

/** Settings the server reads; the extension passes them on untouched. */
export const SERVER_KEYS = ["rules", "language", "diagnosticsScope", "errgroupImport", "frameworkImportPrefixes", "kratosV2ImportPrefixes"] as const;
export type ServerKey = (typeof SERVER_KEYS)[number];

/** Settings that change how the server process is started. */
export const RESTART_KEYS = ["server.path", "server.logLevel"] as const;

/**
 * The Go extension's settings that say where the go command is: a change
 * restarts the server, with full analysis once go is found.
 */
export const GO_KEYS = ["go.goroot", "go.alternateTools", "go.toolsEnvVars"] as const;

/** The result of WorkspaceConfiguration.inspect for one key. */
export interface Inspected<T> {
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
  globalLanguageValue?: T;
  workspaceLanguageValue?: T;
  workspaceFolderLanguageValue?: T;
}

/**
 * The value the user set, most specific scope first, or undefined when
 * only the default applies. The defaults are left out on purpose: the
 * server merges the settings over .gopitfalls.yaml, and a default sent as
 * if the user had chosen it would hide the file's value.
 */
export function explicitValue<T>(i: Inspected<T> | undefined): T | undefined {
  if (!i) {
    return undefined;
  }
  for (const v of [
    i.workspaceFolderLanguageValue,
    i.workspaceFolderValue,
    i.workspaceLanguageValue,
    i.workspaceValue,
    i.globalLanguageValue,
    i.globalValue,
  ]) {
    if (v !== undefined && v !== null) {
      return v;
    }
  }
  return undefined;
}

/** What the server gets as the "gopitfalls" section (workspace/configuration). */
export type ServerSettings = Partial<Record<ServerKey, unknown>>;

/**
 * The settings the server is sent: the explicitly set values of the keys
 * it reads, with session overrides (Check Workspace) on top. An empty
 * rules object or prefix list is "not set".
 */
export function serverSettings(
  inspect: (key: ServerKey) => Inspected<unknown> | undefined,
  overrides: ServerSettings = {},
): ServerSettings {
  const out: ServerSettings = {};
  for (const key of SERVER_KEYS) {
    const v = explicitValue(inspect(key));
    if (v === undefined || isEmpty(v)) {
      continue;
    }
    out[key] = v;
  }
  return { ...out, ...overrides };
}

function isEmpty(v: unknown): boolean {
  if (typeof v === "string") {
    return v.trim() === "";
  }
  if (Array.isArray(v)) {
    return v.length === 0;
  }
  if (typeof v === "object" && v !== null) {
    return Object.keys(v).length === 0;
  }
  return false;
}

export type ChangeKind = "none" | "notify" | "restart";

/**
 * What a configuration change needs: a restart when it touches how the
 * server is started, a didChangeConfiguration when it touches what the
 * server reads. trace.server is handled by the language client itself.
 */
export function classifyChange(affects: (section: string) => boolean): ChangeKind {
  if (RESTART_KEYS.some((k) => affects(`${SECTION}.${k}`)) || GO_KEYS.some((k) => affects(k))) {
    return "restart";
  }
  if (SERVER_KEYS.some((k) => affects(`${SECTION}.${k}`))) {
    return "notify";
  }
  return "none";
}

export type LogLevel = "debug" | "info" | "warn" | "error";
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** How the server process is started. */
export interface StartConfig {
  /** gopitfalls.server.path with ~ and ${userHome} expanded, or "" when unset. */
  serverPath: string;
  logLevel: LogLevel;
}

/** Reads the start configuration from raw setting values. */
export function startConfig(raw: { serverPath?: unknown; logLevel?: unknown }, home: string): StartConfig {
  const p = typeof raw.serverPath === "string" ? raw.serverPath.trim() : "";
  const level = LOG_LEVELS.find((l) => l === raw.logLevel) ?? "info";
  return { serverPath: expandHome(p, home), logLevel: level };
}

/** Expands a leading ~ or ${userHome} in p. */
export function expandHome(p: string, home: string): string {
  if (p === "~") {
    return home;
  }
  if (p.startsWith("~/") || p.startsWith("~\\")) {
    return home + p.slice(1);
  }
  return p.replace("${userHome}", home);
}

/**
 * The language notes are shown in outside the server (Show Notes): the
 * setting when it names one, else the display language's.
 */
export function noteLanguage(setting: unknown, displayLanguage: string): "en" | "zh" {
  if (setting === "en" || setting === "zh") {
    return setting;
  }
  return displayLanguage.toLowerCase().startsWith("zh") ? "zh" : "en";
}

// --- VS Code wrappers ---

/** The start configuration of the current settings. */
export function readStartConfig(ws: typeof vscode.workspace, home: string): StartConfig {
  const c = ws.getConfiguration(SECTION);
  return startConfig({ serverPath: c.get("server.path"), logLevel: c.get("server.logLevel") }, home);
}

/** The Go extension's settings that say where go is. */
export function readGoSettings(ws: typeof vscode.workspace): GoSettings {
  const c = ws.getConfiguration("go");
  return { goroot: c.get("goroot"), alternateTools: c.get("alternateTools"), toolsEnvVars: c.get("toolsEnvVars") };
}

/** The settings to send the server for a scope (a folder), or the window's. */
export function readServerSettings(
  ws: typeof vscode.workspace,
  scope: vscode.ConfigurationScope | undefined,
  overrides: ServerSettings,
): ServerSettings {
  const c = ws.getConfiguration(SECTION, scope);
  return serverSettings((k) => c.inspect(k), overrides);
}
