#!/usr/bin/env node
// Generates the parts of the extension manifest that come from the notes,
// which live in the gopitfalls binary (`gopitfalls notes`): the properties
// of the gopitfalls.rules setting in package.json and their descriptions in
// package.nls.json (English) and package.nls.zh-cn.json; and the newcomer
// walkthrough, one step per note (every rule's, then the topics'), with its
// titles and summaries in the nls files, the whole note as the step's
// Markdown in extension/walkthrough/<lang>/, and a "Show me" button that
// opens the example workspace's file at the pitfall planted for the rule
// (testdata/example, `// pitfall: <rule>`), or the note of a topic.
// A second walkthrough is the Kratos v2 variant: one step per rule with a
// pitfall planted in testdata/example-v2, summarised by the first
// paragraph of its note's "Kratos v2/v3" section, whose "Show me" opens
// that example.
// No rule is ever written down by hand in the extension.
//
//	node extension/scripts/gen-rules.mjs [--check] [path/to/gopitfalls]
//
// --check writes nothing and fails when a file is stale (make test runs it).

import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const bin = args.find((a) => !a.startsWith("--")) ?? join(root, "gopitfalls");

const SEVERITIES = ["off", "hint", "information", "warning", "error"];
const NLS_PREFIX = "gopitfalls.rules.";
const STEP_PREFIX = "walkthrough.step.";
const WALKTHROUGH_ID = "newcomers";
const V2_ID = "newcomers-v2";
const V2_PREFIX = "walkthrough.v2.step.";
const WALKTHROUGH_DIR = "extension/walkthrough";
// The nls file of each language of the notes.
const LANGS = [
  { lang: "en", nls: "package.nls.json", dir: "en" },
  { lang: "zh", nls: "package.nls.zh-cn.json", dir: "zh-cn" },
];

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

const notes = listRules("en");
const en = notes.filter((r) => r.severity !== "topic"); // the rules; topics have no setting
const zh = new Map(listRules("zh").map((r) => [r.id, r.title]));

/** A note in lang: its title, its first paragraph and its whole Markdown. */
function note(id, lang) {
  const out = execFileSync(bin, ["notes", "-lang", lang, id], { encoding: "utf8" });
  const md = out.replace(/^<!--.*-->\n/, "").trim() + "\n";
  const [head, ...rest] = md.split(/\n\s*\n/);
  const title = /^# (.*)$/.exec(head)?.[1];
  if (!title || rest.length === 0) {
    throw new Error(`${bin} notes -lang ${lang} ${id}: no "# title" and first paragraph`);
  }
  const summary = join_(rest[0]);
  return { title, summary, md, v2: join_(section(md, "Kratos v2/v3")) };
}

/** The first paragraph of a note's "## heading" section, or undefined. */
function section(md, heading) {
  const parts = md.split(/\n(?=## )/);
  const sec = parts.find((p) => p.startsWith(`## ${heading}\n`));
  if (!sec) {
    return undefined;
  }
  const paras = sec.split(/\n\s*\n/).slice(1);
  return paras.find((p) => !p.startsWith("```") && !p.startsWith("|") && !p.startsWith("#"));
}

/** A paragraph's lines joined with a space, but not next to Chinese text. */
function join_(para) {
  if (para === undefined) {
    return undefined;
  }
  const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
  return para
    .split(/\s*\n\s*/)
    .reduce((acc, line) => (acc === "" ? line : acc + (cjk.test(acc.at(-1)) || cjk.test(line[0]) ? "" : " ") + line), "");
}

/** The first planted pitfall of each rule in an example: rule → [file, line]. */
function plantedPitfalls(name = "example") {
  const example = join(root, "testdata", name);
  const out = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name.endsWith(".go")) {
        readFileSync(p, "utf8")
          .split("\n")
          .forEach((line, i) => {
            const m = /\/\/ pitfall: ([a-z-]+(?:, [a-z-]+)*)\s*$/.exec(line);
            for (const id of m ? m[1].split(", ") : []) {
              if (!out.has(id)) {
                out.set(id, [relative(example, p).split("\\").join("/"), i + 1]);
              }
            }
          });
      }
    }
  };
  walk(example);
  return out;
}

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
const planted = plantedPitfalls();
const steps = new Map(LANGS.map(({ lang }) => [lang, new Map(notes.map((r) => [r.id, note(r.id, lang)]))]));
pkg.contributes.walkthroughs = [
  {
    id: WALKTHROUGH_ID,
    title: "%walkthrough.title%",
    description: "%walkthrough.description%",
    steps: notes.map((r) => {
      if (r.severity !== "topic" && !planted.has(r.id)) {
        throw new Error(`testdata/example has no // pitfall: ${r.id} for the walkthrough's "Show me"`);
      }
      return {
        id: r.id,
        title: `%${STEP_PREFIX}${r.id}.title%`,
        description: `%${STEP_PREFIX}${r.id}.description%`,
        media: { markdown: `%${STEP_PREFIX}${r.id}.media%` },
      };
    }),
  },
];
// The Kratos v2 walkthrough: the rules planted in the v2 example, in the
// notes' order.
const plantedV2 = plantedPitfalls("example-v2");
const v2Rules = notes.filter((r) => plantedV2.has(r.id));
for (const r of v2Rules) {
  for (const { lang } of LANGS) {
    if (steps.get(lang).get(r.id).v2 === undefined) {
      throw new Error(`the ${lang} note of ${r.id} has no "## Kratos v2/v3" paragraph for the v2 walkthrough`);
    }
  }
}
pkg.contributes.walkthroughs.push({
  id: V2_ID,
  title: "%walkthrough.v2.title%",
  description: "%walkthrough.v2.description%",
  steps: v2Rules.map((r) => ({
    id: `v2-${r.id}`,
    title: `%${V2_PREFIX}${r.id}.title%`,
    description: `%${V2_PREFIX}${r.id}.description%`,
    media: { markdown: `%${STEP_PREFIX}${r.id}.media%` },
  })),
});
files.set("package.json", json(pkg));

/** The "Show me" button of a step: the command link under its summary. */
function showMe(id, label, where = planted) {
  const args = where.has(id) ? [id, ...where.get(id)] : [id];
  return `[${label}](command:gopitfalls.showMe?${encodeURIComponent(JSON.stringify(args))})`;
}

// The notes as the steps' Markdown, one folder per language.
const walkthroughFiles = new Set();
for (const { lang, dir } of LANGS) {
  for (const r of notes) {
    const name = `${WALKTHROUGH_DIR}/${dir}/${r.id}.md`;
    walkthroughFiles.add(name);
    files.set(name, steps.get(lang).get(r.id).md);
  }
}

// package.nls*.json: the fixed keys as they are, then one per rule, then
// the walkthrough's steps. The button's label is a fixed key.
for (const { lang, nls: name, dir } of LANGS) {
  const nls = JSON.parse(read(name));
  const fixed = Object.entries(nls).filter(([k]) => !k.startsWith(NLS_PREFIX) && !k.startsWith(STEP_PREFIX) && !k.startsWith(V2_PREFIX));
  const title = (r) => (lang === "zh" ? (zh.get(r.id) ?? r.title) : r.title);
  const rules = en.map((r) => [`${NLS_PREFIX}${r.id}`, `\`${r.id}\`: ${title(r)} (${r.severity})`]);
  const label = nls["walkthrough.showMe"];
  if (typeof label !== "string") {
    throw new Error(`${name} has no walkthrough.showMe (the label of the "Show me" buttons)`);
  }
  const walk = notes.flatMap((r) => {
    const n = steps.get(lang).get(r.id);
    return [
      [`${STEP_PREFIX}${r.id}.title`, n.title],
      [`${STEP_PREFIX}${r.id}.description`, `${n.summary}\n${showMe(r.id, label)}`],
      [`${STEP_PREFIX}${r.id}.media`, `${WALKTHROUGH_DIR}/${dir}/${r.id}.md`],
    ];
  });
  const walkV2 = v2Rules.flatMap((r) => {
    const n = steps.get(lang).get(r.id);
    return [
      [`${V2_PREFIX}${r.id}.title`, n.title.includes("Kratos v2") ? n.title : `${n.title} (Kratos v2)`],
      [`${V2_PREFIX}${r.id}.description`, `${n.v2}\n${showMe(r.id, label, plantedV2)}`],
    ];
  });
  files.set(name, json(Object.fromEntries([...fixed, ...rules, ...walk, ...walkV2])));
}

// Walkthrough files of notes that are gone.
for (const { dir } of LANGS) {
  let names = [];
  try {
    names = readdirSync(join(root, WALKTHROUGH_DIR, dir));
  } catch {
    // not generated yet
  }
  for (const n of names) {
    const name = `${WALKTHROUGH_DIR}/${dir}/${n}`;
    if (!walkthroughFiles.has(name)) {
      files.set(name, null);
    }
  }
}

const current = (name) => {
  try {
    return read(name);
  } catch {
    return null; // not there
  }
};
let stale = [];
for (const [name, text] of files) {
  if (current(name) === text) {
    continue;
  }
  if (check) {
    stale.push(name);
  } else if (text === null) {
    rmSync(join(root, name));
    console.log(`removed ${name}`);
  } else {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
    console.log(`wrote ${name}`);
  }
}
if (stale.length > 0) {
  console.error(`${stale.join(", ")}: stale (the notes changed); run make generate`);
  process.exit(1);
}
