import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { expandVars, goCandidates, GoProbe, resolveGo } from "../../src/goenv";

/**
 * A machine with the given files and folders; `version` answers for the
 * go commands in working (with their output) and records what it ran.
 */
function machine(
  files: string[],
  working: Partial<Record<string, string>>,
  over: Partial<GoProbe> = {},
  dirs: Record<string, string[]> = {},
): GoProbe & { ran: [string, Record<string, string>][] } {
  const ran: [string, Record<string, string>][] = [];
  return {
    platform: "linux",
    env: { PATH: "/usr/bin:/bin" },
    home: "/home/u",
    workspaceFolder: "/ws",
    isFile: (p) => files.includes(p),
    readdir: (p) => dirs[p] ?? [],
    version: (p, env) => {
      ran.push([p, env]);
      const out = working[p];
      return out === undefined ? Promise.reject(new Error("exit status 2")) : Promise.resolve(out);
    },
    ...over,
    ran,
  };
}

const v = (n: string) => `go version go${n} linux/amd64`;

describe("goCandidates", () => {
  it("follows vscode-go: alternateTools, goroot, PATH, GOROOT, then the install locations", () => {
    const m = machine([], {}, { env: { PATH: "/a:/b", GOROOT: "/env/goroot" } }, { "/home/u/sdk": ["go1.21.9", "gotip", "go1.22.3", "go1.22.10", "go1.9"] });
    const got = goCandidates({ goroot: "~/goroot", alternateTools: { go: "/alt/go" } }, m);
    assert.deepEqual(
      got.map((c) => `${c.source} ${c.path}`),
      [
        "go.alternateTools /alt/go",
        "go.goroot /home/u/goroot/bin/go",
        "PATH /a/go",
        "PATH /b/go",
        "GOROOT /env/goroot/bin/go",
        "install location /usr/local/go/bin/go",
        "~/go/bin /home/u/go/bin/go",
        "~/sdk /home/u/sdk/go1.22.10/bin/go",
        "~/sdk /home/u/sdk/go1.22.3/bin/go",
        "~/sdk /home/u/sdk/go1.21.9/bin/go",
        "~/sdk /home/u/sdk/go1.9/bin/go",
        "Homebrew /opt/homebrew/bin/go",
        "Homebrew /usr/local/bin/go",
        "Homebrew /home/linuxbrew/.linuxbrew/bin/go",
        "version manager /home/u/.asdf/shims/go",
        "version manager /home/u/.local/share/mise/shims/go",
        "version manager /home/u/.goenv/shims/go",
      ],
    );
  });

  it("looks an alternateTools name up on PATH, and PATH and GOROOT in toolsEnvVars", () => {
    const m = machine([], {}, { env: { PATH: "/host" } });
    const got = goCandidates({ alternateTools: { go: "go1.22" }, toolsEnvVars: { PATH: "/tools:${env:PATH}", GOROOT: "${userHome}/gr" } }, m);
    assert.deepEqual(got.slice(0, 6).map((c) => `${c.source} ${c.path}`), [
      "go.alternateTools /tools/go1.22",
      "go.alternateTools /host/go1.22",
      "PATH /tools/go",
      "PATH /host/go",
      "GOROOT /home/u/gr/bin/go",
      "install location /usr/local/go/bin/go",
    ]);
  });

  it("ignores settings of the wrong type and empty PATH entries", () => {
    const got = goCandidates({ goroot: 3, alternateTools: "go", toolsEnvVars: ["x"] }, machine([], {}, { env: { PATH: ":/b::" } }));
    assert.equal(got[0].path, "/b/go");
  });

  it("knows Windows", () => {
    const m = machine([], {}, { platform: "win32", env: { Path: "C:\\bin" }, home: "C:\\Users\\u" });
    const got = goCandidates({ goroot: "D:\\go" }, m).map((c) => c.path);
    assert.deepEqual(got.slice(0, 3), ["D:\\go\\bin\\go.exe", "C:\\bin\\go.exe", "C:\\Program Files\\Go\\bin\\go.exe"]);
    assert.ok(!got.some((p) => p.includes("homebrew")));
  });
});

describe("resolveGo", () => {
  it("takes the first go that exists and answers, and hands its folder to the server first on PATH", async () => {
    const m = machine(["/usr/local/go/bin/go", "/home/u/sdk/go1.22.3/bin/go"], { "/usr/local/go/bin/go": v("1.26.0") }, {}, { "/home/u/sdk": ["go1.22.3"] });
    const r = await resolveGo({}, m);
    assert.ok(r.ok);
    assert.equal(r.go.path, "/usr/local/go/bin/go");
    assert.equal(r.go.source, "install location");
    assert.equal(r.go.version, v("1.26.0"));
    assert.deepEqual(r.env, { PATH: "/usr/local/go/bin:/usr/bin:/bin" });
    assert.deepEqual(m.ran.map(([p]) => p), ["/usr/local/go/bin/go"]);
  });

  it("passes on a go that fails, and says why", async () => {
    const m = machine(["/usr/bin/go", "/home/u/sdk/go1.22.3/bin/go"], { "/home/u/sdk/go1.22.3/bin/go": v("1.22.3") }, {}, { "/home/u/sdk": ["go1.22.3"] });
    const r = await resolveGo({}, m);
    assert.ok(r.ok);
    assert.equal(r.go.source, "~/sdk");
    assert.match(r.rejected[0], /^\/usr\/bin\/go \(PATH\): exit status 2$/);
  });

  it("rejects a program that is not go", async () => {
    const m = machine(["/usr/bin/go"], { "/usr/bin/go": "hello" });
    const r = await resolveGo({}, m);
    assert.ok(!r.ok);
    assert.match(r.rejected[0], /printed "hello"/);
    assert.ok(r.looked.includes("/usr/local/go/bin/go"));
  });

  it("sets GOROOT for go.goroot and adds toolsEnvVars", async () => {
    const m = machine(["/opt/go/bin/go", "/usr/bin/go"], { "/opt/go/bin/go": v("1.25.1"), "/usr/bin/go": v("1.26.0") });
    const r = await resolveGo({ goroot: "/opt/go", toolsEnvVars: { GOFLAGS: "-tags=integration", GOPRIVATE: "${workspaceFolder}" } }, m);
    assert.ok(r.ok);
    assert.equal(r.go.path, "/opt/go/bin/go");
    assert.deepEqual(r.env, { GOFLAGS: "-tags=integration", GOPRIVATE: "/ws", GOROOT: "/opt/go", PATH: "/opt/go/bin:/usr/bin:/bin" });
    assert.deepEqual(m.ran[0][1], r.env, "go version runs with the environment the server gets");
  });

  it("finds nothing on a machine without go", async () => {
    const r = await resolveGo({}, machine([], {}, { env: {} }));
    assert.ok(!r.ok);
    assert.deepEqual(r.rejected, []);
  });
});

describe("expandVars", () => {
  it("expands the home folder and variables", () => {
    const p = { home: "/home/u", env: { X: "x" }, workspaceFolder: "/ws" };
    assert.equal(expandVars(" ~/go ", p), "/home/u/go");
    assert.equal(expandVars("${userHome}/a:${env:X}:${env:NONE}:${workspaceFolder}", p), "/home/u/a:x::/ws");
  });
});
