// Finding the gopitfalls binary, as pure logic over a Probe so that the
// order and the outcomes are unit-tested without VS Code or a real binary:
// gopitfalls.server.path → the binary bundled in a platform VSIX →
// gopitfalls on PATH (and where go install puts it). bootstrap.ts runs it
// against the machine and offers go install when nothing is found.

import * as path from "node:path";

export const MODULE = "github.com/gopitfalls/gopitfalls";

export type Source = "setting" | "bundled" | "path" | "gobin";

export interface Candidate {
  source: Source;
  path: string;
}

/** A found and validated server. */
export interface Found extends Candidate {
  version: string;
}

/** What discovery may ask of the machine. */
export interface Probe {
  platform: NodeJS.Platform;
  /** The extension's install directory (bin/ holds the bundled binary). */
  extensionPath: string;
  /** PATH, and PATHEXT on Windows. */
  env: { PATH?: string; Path?: string; PATHEXT?: string; GOBIN?: string; GOPATH?: string };
  home: string;
  isFile(p: string): boolean;
  /** Runs `<p> version` and returns its first line of output, or throws. */
  version(p: string): Promise<string>;
}

/** The binary's file name on a platform. */
export function exeName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "gopitfalls.exe" : "gopitfalls";
}

/** Where a platform VSIX carries its binary. */
export function bundledPath(extensionPath: string, platform: NodeJS.Platform): string {
  return path.join(extensionPath, "bin", exeName(platform));
}

/**
 * The places tried when gopitfalls.server.path is not set, in order:
 * the bundled binary, each PATH entry, then GOBIN or GOPATH/bin (or
 * ~/go/bin), where `go install` puts it but which an editor started from
 * a desktop launcher often lacks on its PATH. Only existing files.
 */
export function candidates(p: Probe): Candidate[] {
  const mod = p.platform === "win32" ? path.win32 : path.posix;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (source: Source, file: string) => {
    const key = p.platform === "win32" ? file.toLowerCase() : file;
    if (!seen.has(key) && p.isFile(file)) {
      seen.add(key);
      out.push({ source, path: file });
    }
  };
  add("bundled", mod.join(p.extensionPath, "bin", exeName(p.platform)));
  const pathVar = p.env.PATH ?? p.env.Path ?? "";
  const names =
    p.platform === "win32"
      ? (p.env.PATHEXT ?? ".EXE").split(";").filter((e) => e !== "").map((e) => "gopitfalls" + e.toLowerCase())
      : ["gopitfalls"];
  for (const dir of pathVar.split(mod.delimiter)) {
    if (dir === "") {
      continue; // an empty entry is the current directory: never trusted
    }
    for (const n of names) {
      add("path", mod.join(dir, n));
    }
  }
  const gobin = p.env.GOBIN || mod.join((p.env.GOPATH ?? "").split(mod.delimiter)[0] || mod.join(p.home, "go"), "bin");
  add("gobin", mod.join(gobin, exeName(p.platform)));
  return out;
}

/** Parses `gopitfalls version` output ("gopitfalls v0.1.0 go1.26.8"). */
export function parseVersion(out: string): string | undefined {
  const m = /^gopitfalls\s+(\S+)/.exec(out.trim());
  return m?.[1];
}

export type Discovery =
  | { ok: true; found: Found; rejected: string[] }
  | { ok: false; settingFailed: boolean; rejected: string[] };

/**
 * Finds the server. A gopitfalls.server.path that is set is the only
 * candidate: when it does not work, that is reported rather than hidden
 * by a fallback. Otherwise the first candidate that answers `version` wins;
 * the ones that did not are described in rejected.
 */
export async function discover(settingPath: string, p: Probe): Promise<Discovery> {
  const rejected: string[] = [];
  const tried: Candidate[] = settingPath !== "" ? [{ source: "setting", path: settingPath }] : candidates(p);
  for (const c of tried) {
    if (c.source === "setting" && !p.isFile(c.path)) {
      rejected.push(`${c.path}: no such file`);
      continue;
    }
    try {
      const out = await p.version(c.path);
      const v = parseVersion(out);
      if (v === undefined) {
        rejected.push(`${c.path}: \`version\` printed ${JSON.stringify(out.slice(0, 80))}, not a gopitfalls version`);
        continue;
      }
      return { ok: true, found: { ...c, version: v }, rejected };
    } catch (e) {
      rejected.push(`${c.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { ok: false, settingFailed: settingPath !== "", rejected };
}

/** The go install command offered when nothing is found. */
export function installCommand(extensionVersion: string): string[] {
  return ["install", `${MODULE}@v${extensionVersion.replace(/^v/, "")}`];
}
