// Finding the go command the way the Go extension (vscode-go) does, as
// pure logic over a GoProbe so that the order and the outcomes are
// unit-tested without VS Code or Go: the Go extension's settings
// go.alternateTools.go and go.goroot first, then PATH, GOROOT/bin and the
// usual install locations. VS Code started from a desktop menu or the
// macOS Dock often has none of them on its PATH; without a go command the
// server can only run the rules that need no types.
//
// The result is handed to the server explicitly: its environment (PATH
// with the go command's folder first, go.toolsEnvVars, GOROOT from
// go.goroot) and the initialization option goCommand.

import * as path from "node:path";

/** The Go extension's settings that say where go is. */
export interface GoSettings {
  /** go.goroot */
  goroot?: unknown;
  /** go.alternateTools: { go: "/path/to/go" } */
  alternateTools?: unknown;
  /** go.toolsEnvVars: the environment of the Go tools */
  toolsEnvVars?: unknown;
}

/** What resolving go may ask of the machine. */
export interface GoProbe {
  platform: NodeJS.Platform;
  /** The extension host's environment. */
  env: Record<string, string | undefined>;
  home: string;
  /** The first workspace folder, for ${workspaceFolder}. */
  workspaceFolder?: string;
  isFile(p: string): boolean;
  /** The names in a folder ([] when there is none). */
  readdir(p: string): string[];
  /** Runs `<p> version` with env and returns its first line, or throws. */
  version(p: string, env: Record<string, string>): Promise<string>;
}

export type GoSource =
  | "go.alternateTools"
  | "go.goroot"
  | "PATH"
  | "GOROOT"
  | "install location"
  | "~/go/bin"
  | "~/sdk"
  | "Homebrew"
  | "version manager";

export interface GoCandidate {
  source: GoSource;
  path: string;
}

export interface FoundGo extends GoCandidate {
  /** `go version`'s output, e.g. "go version go1.26.0 linux/amd64". */
  version: string;
}

export type GoResolution =
  | {
      ok: true;
      go: FoundGo;
      /** What the server's environment gets on top of the extension host's. */
      env: Record<string, string>;
      rejected: string[];
    }
  | { ok: false; rejected: string[]; looked: string[] };

/** Expands ~, ${userHome}, ${workspaceFolder} and ${env:NAME} in a setting's value. */
export function expandVars(v: string, p: Pick<GoProbe, "home" | "env" | "workspaceFolder">): string {
  let s = v.trim();
  if (s === "~" || s.startsWith("~/") || s.startsWith("~\\")) {
    s = p.home + s.slice(1);
  }
  return s
    .replace(/\$\{userHome\}/g, p.home)
    .replace(/\$\{workspaceFolder\}/g, p.workspaceFolder ?? "")
    .replace(/\$\{env:([^}]+)\}/g, (_, name: string) => p.env[name] ?? "");
}

/** go.toolsEnvVars as strings, with their variables expanded. */
export function toolsEnv(s: GoSettings, p: GoProbe): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof s.toolsEnvVars === "object" && s.toolsEnvVars !== null) {
    for (const [k, v] of Object.entries(s.toolsEnvVars as Record<string, unknown>)) {
      if (typeof v === "string") {
        out[k] = expandVars(v, p);
      }
    }
  }
  return out;
}

/** The go executable's name on a platform. */
function goExe(platform: NodeJS.Platform): string {
  return platform === "win32" ? "go.exe" : "go";
}

/** Go versions in ~/sdk folder names (go1.22.3), newest first. */
function newestFirst(names: string[]): string[] {
  const key = (n: string): number[] => {
    const m = /^go(\d+)\.(\d+)(?:\.(\d+))?/.exec(n);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3] || "0")] : [0, 0, 0];
  };
  return names
    .filter((n) => /^go\d+\.\d+/.test(n))
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < 3; i++) {
        if (ka[i] !== kb[i]) {
          return kb[i] - ka[i];
        }
      }
      return b.localeCompare(a);
    });
}

/**
 * The places where go is looked for, in order, with the ones that exist
 * as files marked by isFile. The order is vscode-go's: the
 * go.alternateTools entry for go (an absolute path, or a name looked up
 * on PATH), go.goroot's bin folder, PATH, GOROOT's bin folder, then the
 * usual install locations: /usr/local/go/bin, ~/go/bin, the newest
 * ~/sdk/go*\/bin, Homebrew's bin folders, and version managers' shims.
 * PATH and GOROOT are go.toolsEnvVars' where it sets them.
 */
export function goCandidates(s: GoSettings, p: GoProbe): GoCandidate[] {
  const mod = p.platform === "win32" ? path.win32 : path.posix;
  const exe = goExe(p.platform);
  const env = { ...p.env, ...toolsEnv(s, p) };
  const pathDirs = (env.PATH ?? env.Path ?? "").split(mod.delimiter).filter((d) => d !== ""); // "" is the current folder: never trusted
  const out: GoCandidate[] = [];
  const add = (source: GoSource, file: string) => {
    if (!out.some((c) => c.path === file)) {
      out.push({ source, path: file });
    }
  };
  const alt = typeof s.alternateTools === "object" && s.alternateTools !== null ? (s.alternateTools as Record<string, unknown>).go : undefined;
  if (typeof alt === "string" && alt.trim() !== "") {
    const a = expandVars(alt, p);
    if (mod.isAbsolute(a)) {
      add("go.alternateTools", a);
    } else {
      for (const d of pathDirs) {
        add("go.alternateTools", mod.join(d, a));
      }
    }
  }
  if (typeof s.goroot === "string" && s.goroot.trim() !== "") {
    add("go.goroot", mod.join(expandVars(s.goroot, p), "bin", exe));
  }
  for (const d of pathDirs) {
    add("PATH", mod.join(d, exe));
  }
  if (env.GOROOT) {
    add("GOROOT", mod.join(env.GOROOT, "bin", exe));
  }
  if (p.platform === "win32") {
    for (const d of ["C:\\Program Files\\Go\\bin", "C:\\Program Files (x86)\\Go\\bin", "C:\\Go\\bin"]) {
      add("install location", mod.join(d, exe));
    }
  } else {
    add("install location", "/usr/local/go/bin/go");
  }
  add("~/go/bin", mod.join(p.home, "go", "bin", exe));
  for (const v of newestFirst(p.readdir(mod.join(p.home, "sdk")))) {
    add("~/sdk", mod.join(p.home, "sdk", v, "bin", exe));
  }
  if (p.platform !== "win32") {
    for (const d of ["/opt/homebrew/bin", "/usr/local/bin", "/home/linuxbrew/.linuxbrew/bin"]) {
      add("Homebrew", mod.join(d, exe));
    }
    for (const d of [".asdf/shims", ".local/share/mise/shims", ".goenv/shims"]) {
      add("version manager", mod.join(p.home, d, exe));
    }
  }
  return out;
}

/**
 * Finds go: the first candidate that exists and answers `go version`.
 * The environment the server gets puts its folder first on PATH, adds
 * go.toolsEnvVars, and GOROOT when go.goroot chose it (as vscode-go does
 * for the tools it starts).
 */
export async function resolveGo(s: GoSettings, p: GoProbe): Promise<GoResolution> {
  const mod = p.platform === "win32" ? path.win32 : path.posix;
  const tools = toolsEnv(s, p);
  const all = goCandidates(s, p);
  const rejected: string[] = [];
  for (const c of all.filter((c) => p.isFile(c.path))) {
    const env: Record<string, string> = { ...tools };
    if (c.source === "go.goroot") {
      env.GOROOT = mod.dirname(mod.dirname(c.path));
    }
    const pathKey = p.platform === "win32" && p.env.PATH === undefined && p.env.Path !== undefined ? "Path" : "PATH";
    const basePath = Object.hasOwn(tools, pathKey) ? tools[pathKey] : (p.env[pathKey] ?? ""); // go.toolsEnvVars may set it
    env[pathKey] = basePath === "" ? mod.dirname(c.path) : mod.dirname(c.path) + mod.delimiter + basePath;
    try {
      const out = await p.version(c.path, env);
      if (!/^go version go/.test(out)) {
        rejected.push(`${c.path} (${c.source}): \`version\` printed ${JSON.stringify(out.slice(0, 80))}`);
        continue;
      }
      return { ok: true, go: { ...c, version: out.trim() }, env, rejected };
    } catch (e) {
      rejected.push(`${c.path} (${c.source}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { ok: false, rejected, looked: all.map((c) => c.path) };
}
