// Every string the extension localises has a Chinese translation, every
// %key% of the manifest has an English and a Chinese text, and nothing
// translated is left over.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = join(__dirname, "..", "..", "..", "..");
const readJSON = (p: string): Record<string, string> => JSON.parse(readFileSync(join(root, p), "utf8")) as Record<string, string>;

/** The string literals passed to vscode.l10n.t in the sources. */
function sourceStrings(): Set<string> {
  const dir = join(root, "extension", "src");
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const src = readFileSync(join(dir, f), "utf8");
    for (const m of src.matchAll(/l10n\.t\(\s*("(?:[^"\\]|\\.)*")/g)) {
      out.add(JSON.parse(m[1]) as string);
    }
  }
  return out;
}

/**
 * The keys of package.nls*.json that the manifest does not name but
 * extension/scripts/gen-rules.mjs reads: the label of the walkthrough's
 * "Show me" buttons, written into every step's description.
 */
const GENERATOR_KEYS = ["walkthrough.showMe"];

describe("localisation", () => {
  it("translates every vscode.l10n.t string and no other", () => {
    const used = sourceStrings();
    const zh = readJSON("l10n/bundle.l10n.zh-cn.json");
    assert.ok(used.size > 10, `found only ${used.size} strings`);
    assert.deepEqual([...used].filter((s) => !(s in zh)), [], "untranslated");
    assert.deepEqual(Object.keys(zh).filter((s) => !used.has(s)), [], "translated but unused");
    for (const [k, v] of Object.entries(zh)) {
      assert.equal(v.match(/\{\d\}/g)?.sort().join(), k.match(/\{\d\}/g)?.sort().join(), `placeholders of ${k}`);
    }
  });

  it("has both languages for every manifest key", () => {
    const manifest = readFileSync(join(root, "package.json"), "utf8");
    const keys = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    const en = readJSON("package.nls.json");
    const zh = readJSON("package.nls.zh-cn.json");
    assert.deepEqual([...keys].filter((k) => !(k in en)), [], "missing in package.nls.json");
    assert.deepEqual([...keys].filter((k) => !(k in zh)), [], "missing in package.nls.zh-cn.json");
    assert.deepEqual(Object.keys(en).filter((k) => !keys.has(k) && !GENERATOR_KEYS.includes(k)), [], "unused in package.nls.json");
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), "the two nls files have different keys");
  });

  it("labels every walkthrough step's Show me button in its language", () => {
    for (const name of ["package.nls.json", "package.nls.zh-cn.json"]) {
      const nls = readJSON(name);
      const label = nls["walkthrough.showMe"];
      assert.ok(label, `${name} has no walkthrough.showMe`);
      const steps = Object.keys(nls).filter((k) => /^walkthrough\.step\..+\.description$/.test(k));
      assert.ok(steps.length > 0, `${name} has no walkthrough steps`);
      const unlabelled = steps.filter((k) => !nls[k].includes(`[${label}](command:gopitfalls.showMe?`));
      assert.deepEqual(unlabelled, [], `${name}: steps without "${label}"`);
    }
  });
});
