#!/usr/bin/env node
// Generates the per-rule parts of the extension manifest from the rules'
// notes, which live in the gopitfalls binary (`gopitfalls notes -list`):
// the properties of the gopitfalls.rules setting in package.json and their
// descriptions in package.nls.json (English) and package.nls.zh-cn.json.
// No rule is ever written down by hand in the extension.
//
//	node extension/scripts/gen-rules.mjs [--check] [path/to/gopitfalls]
//
// --check writes nothing and fails when a file is stale (make test runs it).

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const bin = args.find((a) => !a.startsWith("--")) ?? join(root, "gopitfalls");

const SEVERITIES = ["off", "hint", "information", "warning", "error"];
const NLS_PREFIX = "gopitfalls.rules.";

/** The rules as `gopitfalls notes -list -lang <lang>` prints them. */
function listRules(lang) {
  const out = execFileSync(bin, ["notes", "-list", "-lang", lang], { encoding: "utf8" });
  const rules = [];
  for (const line of out.split("\n")) {
    const m = /^(\S+)\s+(\S+)\s+(.*\S)\s*$/.exec(line);
    if (m) {
      rules.push({ id: m[1], severity: m[2], title: m[3] });
    }
  }
  if (rules.length === 0) {
    throw new Error(`${bin} notes -list printed no rules`);
  }
  return rules;
}

const en = listRules("en");
const zh = new Map(listRules("zh").map((r) => [r.id, r.title]));

const files = new Map(); // path → new text
const read = (name) => readFileSync(join(root, name), "utf8");
const json = (v) => JSON.stringify(v, null, 2) + "\n";

// package.json: one enum property per rule, default = the rule's default.
const pkg = JSON.parse(read("package.json"));
const setting = pkg.contributes.configuration.properties["gopitfalls.rules"];
setting.properties = Object.fromEntries(
  en.map((r) => [
    r.id,
    {
      type: "string",
      enum: SEVERITIES,
      enumDescriptions: SEVERITIES.map((s) => `%config.severity.${s}%`),
      default: r.severity,
      markdownDescription: `%${NLS_PREFIX}${r.id}%`,
    },
  ]),
);
files.set("package.json", json(pkg));

// package.nls*.json: the fixed keys as they are, then one per rule.
for (const [name, title] of [
  ["package.nls.json", (r) => r.title],
  ["package.nls.zh-cn.json", (r) => zh.get(r.id) ?? r.title],
]) {
  const nls = JSON.parse(read(name));
  const fixed = Object.entries(nls).filter(([k]) => !k.startsWith(NLS_PREFIX));
  const rules = en.map((r) => [`${NLS_PREFIX}${r.id}`, `\`${r.id}\`: ${title(r)} (${r.severity})`]);
  files.set(name, json(Object.fromEntries([...fixed, ...rules])));
}

let stale = [];
for (const [name, text] of files) {
  if (read(name) === text) {
    continue;
  }
  if (check) {
    stale.push(name);
  } else {
    writeFileSync(join(root, name), text);
    console.log(`wrote ${name}`);
  }
}
if (stale.length > 0) {
  console.error(`${stale.join(", ")}: the rule settings are stale (the rules changed); run make generate`);
  process.exit(1);
}
