import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { CrashPolicy } from "../../src/crash";

describe("CrashPolicy", () => {
  it("restarts silently a few times, then stops", () => {
    const p = new CrashPolicy({ maxRestarts: 3, windowMs: 1000 }, () => 0);
    assert.deepEqual([p.crashed(), p.crashed(), p.crashed(), p.crashed()], ["restart", "restart", "restart", "stop"]);
    assert.equal(p.count, 4);
  });

  it("forgets crashes older than the window", () => {
    let now = 0;
    const p = new CrashPolicy({ maxRestarts: 1, windowMs: 1000 }, () => now);
    assert.equal(p.crashed(), "restart");
    now = 1500;
    assert.equal(p.crashed(), "restart");
    now = 1600;
    assert.equal(p.crashed(), "stop");
  });

  it("starts afresh after a user restart", () => {
    const p = new CrashPolicy({ maxRestarts: 1, windowMs: 1000 }, () => 0);
    p.crashed();
    p.reset();
    assert.equal(p.crashed(), "restart");
  });
});
