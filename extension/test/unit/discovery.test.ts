import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { bundledPath, candidates, discover, installCommand, parseVersion, Probe } from "../../src/discovery";

/** A machine with the given files; `version` answers for the working ones. */
function machine(files: string[], working: Partial<Record<string, string>>, over: Partial<Probe> = {}): Probe & { ran: string[] } {
  const ran: string[] = [];
  return {
    platform: "linux",
    extensionPath: "/ext",
    env: { PATH: "/usr/local/bin:/usr/bin" },
    home: "/home/u",
    isFile: (p) => files.includes(p),
    version: (p) => {
      ran.push(p);
      const out = working[p];
      return out === undefined ? Promise.reject(new Error("exit status 2")) : Promise.resolve(out);
    },
    ...over,
    ran,
  };
}

describe("candidates", () => {
  it("tries the bundled binary, then PATH in order, then GOPATH/bin", () => {
    const m = machine(["/ext/bin/gopitfalls", "/usr/bin/gopitfalls", "/usr/local/bin/gopitfalls", "/home/u/go/bin/gopitfalls"], {});
    assert.deepEqual(candidates(m), [
      { source: "bundled", path: "/ext/bin/gopitfalls" },
      { source: "path", path: "/usr/local/bin/gopitfalls" },
      { source: "path", path: "/usr/bin/gopitfalls" },
      { source: "gobin", path: "/home/u/go/bin/gopitfalls" },
    ]);
  });

  it("lists only existing files, once each, and skips empty PATH entries", () => {
    const m = machine(["/usr/bin/gopitfalls", "gopitfalls"], {}, { env: { PATH: ":/usr/bin::/usr/bin", GOBIN: "/usr/bin" } });
    assert.deepEqual(candidates(m), [{ source: "path", path: "/usr/bin/gopitfalls" }]);
  });

  it("prefers GOBIN, then the first GOPATH entry", () => {
    assert.deepEqual(candidates(machine(["/gb/gopitfalls"], {}, { env: { GOBIN: "/gb", GOPATH: "/gp" } })), [
      { source: "gobin", path: "/gb/gopitfalls" },
    ]);
    assert.deepEqual(candidates(machine(["/gp1/bin/gopitfalls"], {}, { env: { GOPATH: "/gp1:/gp2" } })), [
      { source: "gobin", path: "/gp1/bin/gopitfalls" },
    ]);
  });

  it("knows Windows names, separators and PATHEXT", () => {
    const m = machine(["C:\\ext\\bin\\gopitfalls.exe", "C:\\tools\\gopitfalls.exe"], {}, {
      platform: "win32",
      extensionPath: "C:\\ext",
      env: { Path: "C:\\tools;C:\\other", PATHEXT: ".COM;.EXE" },
      home: "C:\\Users\\u",
    });
    assert.deepEqual(candidates(m), [
      { source: "bundled", path: "C:\\ext\\bin\\gopitfalls.exe" },
      { source: "path", path: "C:\\tools\\gopitfalls.exe" },
    ]);
  });
});

describe("discover", () => {
  it("takes the first candidate that answers version", async () => {
    const m = machine(["/ext/bin/gopitfalls", "/usr/bin/gopitfalls"], { "/usr/bin/gopitfalls": "gopitfalls v0.1.0 go1.26.8" });
    const d = await discover("", m);
    assert.equal(d.ok, true);
    assert.ok(d.ok);
    assert.deepEqual(d.found, { source: "path", path: "/usr/bin/gopitfalls", version: "v0.1.0" });
    assert.match(d.rejected[0], /^\/ext\/bin\/gopitfalls: exit status 2/);
  });

  it("rejects a binary that is not gopitfalls", async () => {
    const m = machine(["/usr/bin/gopitfalls"], { "/usr/bin/gopitfalls": "something else 1.0" });
    const d = await discover("", m);
    assert.equal(d.ok, false);
    assert.match(d.rejected[0], /not a gopitfalls version/);
  });

  it("uses only the setting when it is set, even if it fails", async () => {
    const m = machine(["/ext/bin/gopitfalls"], { "/ext/bin/gopitfalls": "gopitfalls v0.1.0 go1.26.8" });
    const d = await discover("/opt/gp", m);
    assert.deepEqual(d, { ok: false, settingFailed: true, rejected: ["/opt/gp: no such file"] });
    assert.deepEqual(m.ran, [], "no fallback was run");

    const ok = await discover("/opt/gp", machine(["/opt/gp"], { "/opt/gp": "gopitfalls devel go1.26.8\n" }));
    assert.ok(ok.ok);
    assert.deepEqual(ok.found, { source: "setting", path: "/opt/gp", version: "devel" });
  });

  it("reports nothing found with every reason", async () => {
    const d = await discover("", machine([], {}));
    assert.deepEqual(d, { ok: false, settingFailed: false, rejected: [] });
  });
});

describe("helpers", () => {
  it("parses version output", () => {
    assert.equal(parseVersion("gopitfalls v0.1.0 go1.26.8\n"), "v0.1.0");
    assert.equal(parseVersion("go version go1.26.8 linux/amd64"), undefined);
  });

  it("installs the extension's version", () => {
    assert.deepEqual(installCommand("0.1.0"), ["install", "github.com/gopitfalls/gopitfalls@v0.1.0"]);
  });

  it("puts the bundled binary in bin/", () => {
    assert.equal(bundledPath("/ext", "linux"), "/ext/bin/gopitfalls");
    assert.match(bundledPath("/ext", "win32"), /gopitfalls\.exe$/);
  });
});
