import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { parseServerLine } from "../../src/serverlog";

describe("parseServerLine", () => {
  it("keeps slog's level and drops its timestamp", () => {
    assert.deepEqual(parseServerLine('time=2026-11-26T10:27:46.540Z level=INFO msg="gopitfalls serve" version=v0.1.0 syntaxOnly=false'), {
      level: "info",
      text: "gopitfalls serve version=v0.1.0 syntaxOnly=false",
    });
    assert.deepEqual(parseServerLine("time=2026-11-26T10:27:46.540Z level=WARN msg=settings"), { level: "warn", text: "settings" });
    assert.deepEqual(parseServerLine('time=t level=DEBUG-4 msg="a \\"b\\""'), { level: "debug", text: 'a "b"' });
    assert.deepEqual(parseServerLine("time=t level=ERROR msg=x error=boom"), { level: "error", text: "x error=boom" });
  });

  it("treats anything else as an error", () => {
    assert.deepEqual(parseServerLine("panic: runtime error: index out of range"), { level: "error", text: "panic: runtime error: index out of range" });
  });
});
