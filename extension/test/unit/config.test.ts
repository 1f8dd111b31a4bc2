import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { classifyChange, expandHome, explicitValue, Inspected, noteLanguage, serverSettings, ServerKey, startConfig } from "../../src/config";

describe("explicitValue", () => {
  it("ignores defaults and takes the most specific scope", () => {
    assert.equal(explicitValue({}), undefined);
    assert.equal(explicitValue({ globalValue: "en" }), "en");
    assert.equal(explicitValue({ globalValue: "en", workspaceValue: "zh" }), "zh");
    assert.equal(explicitValue({ workspaceValue: "zh", workspaceFolderValue: "en" }), "en");
    assert.equal(explicitValue({ globalValue: "en", globalLanguageValue: "zh" }), "zh");
  });
});

describe("serverSettings", () => {
  const settings = (values: Partial<Record<ServerKey, Inspected<unknown>>>) => serverSettings((k) => values[k]);

  it("sends only what the user set, so .gopitfalls.yaml keeps the rest", () => {
    assert.deepEqual(settings({}), {});
    assert.deepEqual(
      settings({
        language: { globalValue: "zh" },
        rules: { workspaceValue: { "some-rule": "off" } },
        errgroupImport: { globalValue: "  " },
        frameworkImportPrefixes: { globalValue: [] },
        kratosV2ImportPrefixes: { globalValue: [] },
        diagnosticsScope: {},
      }),
      { language: "zh", rules: { "some-rule": "off" } },
    );
  });

  it("puts session overrides on top", () => {
    assert.deepEqual(
      serverSettings((k) => (k === "diagnosticsScope" ? { globalValue: "openFiles" } : undefined), { diagnosticsScope: "workspace" }),
      { diagnosticsScope: "workspace" },
    );
  });
});

describe("classifyChange", () => {
  const change = (...changed: string[]) => classifyChange((s) => changed.some((c) => c === s || c.startsWith(s + ".")));

  it("restarts for how the server starts", () => {
    assert.equal(change("gopitfalls.server.path"), "restart");
    assert.equal(change("gopitfalls.server.logLevel", "gopitfalls.language"), "restart");
  });

  it("restarts when the Go extension's settings of where go is change", () => {
    for (const k of ["go.goroot", "go.alternateTools", "go.toolsEnvVars"]) {
      assert.equal(change(k), "restart", k);
    }
    assert.equal(change("go.formatTool"), "none");
  });

  it("notifies for what the server reads", () => {
    for (const k of ["rules", "language", "diagnosticsScope", "errgroupImport", "frameworkImportPrefixes", "kratosV2ImportPrefixes"]) {
      assert.equal(change(`gopitfalls.${k}`), "notify", k);
    }
    assert.equal(change("gopitfalls.rules.some-rule"), "notify");
  });

  it("leaves the rest alone (trace.server is the client's)", () => {
    assert.equal(change("gopitfalls.trace.server"), "none");
    assert.equal(change("go.lintTool"), "none");
  });
});

describe("startConfig", () => {
  it("expands the home directory and defaults the log level", () => {
    assert.deepEqual(startConfig({ serverPath: " ~/bin/gopitfalls ", logLevel: "loud" }, "/home/u"), {
      serverPath: "/home/u/bin/gopitfalls",
      logLevel: "info",
    });
    assert.deepEqual(startConfig({ serverPath: undefined, logLevel: "debug" }, "/home/u"), { serverPath: "", logLevel: "debug" });
    assert.equal(expandHome("${userHome}/gp", "/h"), "/h/gp");
    assert.equal(expandHome("/abs/~x", "/h"), "/abs/~x");
  });
});

describe("noteLanguage", () => {
  it("follows the setting, else the display language", () => {
    assert.equal(noteLanguage("en", "zh-cn"), "en");
    assert.equal(noteLanguage("auto", "zh-cn"), "zh");
    assert.equal(noteLanguage(undefined, "zh-tw"), "zh");
    assert.equal(noteLanguage("auto", "de"), "en");
  });
});
