import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Serial } from "../../src/serial";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("Serial", () => {
  it("runs operations one at a time, in order", async () => {
    const q = new Serial();
    const events: string[] = [];
    let running = 0;
    const op = (name: string) => async () => {
      running++;
      assert.equal(running, 1, `${name} overlapped another operation`);
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
      running--;
    };
    await Promise.all([q.run(op("stop")), q.run(op("start")), q.run(op("restart"))]);
    assert.deepEqual(events, ["stop start", "stop end", "start start", "start end", "restart start", "restart end"]);
  });

  it("goes on after a failure, which its caller sees", async () => {
    const errors: unknown[] = [];
    const q = new Serial((e) => errors.push(e));
    const failed = q.run(() => Promise.reject(new Error("no binary")));
    let ran = false;
    const after = q.run(() => {
      ran = true;
      return Promise.resolve();
    });
    await assert.rejects(failed, /no binary/);
    await after;
    assert.equal(ran, true);
    assert.equal(errors.length, 1);
    await q.idle();
  });
});
