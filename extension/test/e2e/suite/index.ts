// The extension-host test: loaded by VS Code (code-server) as the
// extensionTestsPath of a window opened on a copy of testdata/example,
// with the installed VSIX as the development extension. It drives the
// real vscode API; run() resolving is exit code 0, rejecting is 1.
//
// Nothing here knows a rule: the expected findings are the
// `// pitfall: <rule-id>` markers planted in the example, and the notes'
// titles come from the bundled binary (`gopitfalls notes -list`).

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

const EXT_ID = "gopitfalls.gopitfalls";
const SOURCE = "gopitfalls";
const MARKER = /\/\/ pitfall: ([a-z-]+(?:, [a-z-]+)*)\s*$/;

const scenario = process.env.GOPITFALLS_E2E_SCENARIO ?? "trusted";
const resultsFile = process.env.GOPITFALLS_E2E_RESULTS;

function report(line: string): void {
  if (resultsFile) {
    fs.appendFileSync(resultsFile, line + "\n");
  }
  console.log(line);
}

async function step(name: string, fn: () => Promise<void> | void): Promise<void> {
  const start = Date.now();
  try {
    await fn();
  } catch (e) {
    report(`not ok ${name} (${Date.now() - start} ms): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    throw e;
  }
  report(`ok ${name} (${Date.now() - start} ms)`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls cond until it returns a value other than undefined/false. */
async function waitFor<T>(what: string, cond: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await cond();
      if (v !== undefined && v !== false) {
        return v;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
    }
    await sleep(200);
  }
}

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) {
    throw new Error(msg);
  }
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}

function diff(got: string[], want: string[]): string {
  const missing = want.filter((w) => !got.includes(w));
  const extra = got.filter((g) => !want.includes(g));
  return `missing [${missing.join(", ")}], unexpected [${extra.join(", ")}]`;
}

// --- the workspace and the binary ---

const folder = (): string => {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert(f, "no workspace folder");
  return f.uri.fsPath;
};

const rel = (uri: vscode.Uri): string => path.relative(folder(), uri.fsPath);

/** "file:line rule" for every `// pitfall: rule` marker in the workspace. */
function markers(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name.endsWith(".go")) {
        fs.readFileSync(p, "utf8")
          .split("\n")
          .forEach((line, i) => {
            const m = MARKER.exec(line);
            for (const id of m ? m[1].split(", ") : []) {
              out.push(`${path.relative(folder(), p)}:${i + 1} ${id}`);
            }
          });
      }
    }
  };
  walk(folder());
  return out.sort();
}

const markerFiles = (ms: string[]): string[] => [...new Set(ms.map((m) => m.split(":")[0]))];

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === "object" ? String(d.code.value) : String(d.code);
}

/** Our diagnostics, everywhere or in one file. */
function ours(uri?: vscode.Uri): [vscode.Uri, vscode.Diagnostic][] {
  const all: [vscode.Uri, readonly vscode.Diagnostic[]][] = uri ? [[uri, vscode.languages.getDiagnostics(uri)]] : vscode.languages.getDiagnostics();
  return all.flatMap(([u, ds]) => ds.filter((d) => d.source === SOURCE).map((d): [vscode.Uri, vscode.Diagnostic] => [u, d]));
}

const found = (uri?: vscode.Uri): string[] => ours(uri).map(([u, d]) => `${rel(u)}:${d.range.start.line + 1} ${codeOf(d)}`).sort();

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert(ext, `${EXT_ID} is not installed`);
  return ext;
}

/** Rule ID → note title, from the bundled binary. */
function noteTitles(lang: "en" | "zh"): Map<string, string> {
  const bin = path.join(extension().extensionPath, "bin", process.platform === "win32" ? "gopitfalls.exe" : "gopitfalls");
  const out = execFileSync(bin, ["notes", "-list", "-lang", lang], { encoding: "utf8" });
  return new Map(
    out
      .split("\n")
      .map((l) => /^(\S+)\s+\S+\s+(.*\S)/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
}

const uriOf = (file: string) => vscode.Uri.file(path.join(folder(), file));

async function open(file: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uriOf(file));
}

async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[] | undefined>("vscode.executeHoverProvider", uri, pos)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => {
      const v = (c as { value?: unknown }).value; // MarkdownString, or a MarkedString of either shape
      return typeof v === "string" ? v : typeof c === "string" ? c : "";
    })
    .join("\n");
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>("vscode.executeCodeActionProvider", uri, range, kind)) ?? [];
}

/** The pid of our server processes (children of this extension host). */
function serverPids(): number[] {
  const pids: number[] = [];
  for (const p of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0");
      if (ppid === process.pid && path.basename(cmd[0]).startsWith("gopitfalls") && cmd[1] === "serve") {
        pids.push(Number(p));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * A walkthrough: its id, and the prefix of its steps' keys in the nls
 * files. The newcomers' walkthrough steps through every note; the Kratos
 * v2 one through the rules planted in the v2 example.
 */
interface Walkthrough {
  id: string;
  prefix: string;
}

const NEWCOMERS: Walkthrough = { id: `${EXT_ID}#newcomers`, prefix: "walkthrough.step." };
const NEWCOMERS_V2: Walkthrough = { id: `${EXT_ID}#newcomers-v2`, prefix: "walkthrough.v2.step." };

/** The "Show me" arguments of a rule's step, from the manifest. */
function showMeArgs(id: string, nls: Record<string, string>, wt: Walkthrough = NEWCOMERS): unknown[] {
  const desc = nls[`${wt.prefix}${id}.description`];
  const m = /\(command:gopitfalls\.showMe\?([^)]+)\)/.exec(desc);
  assert(m, `the ${id} step has no Show me link: ${desc}`);
  return JSON.parse(decodeURIComponent(m[1])) as unknown[];
}

/**
 * Opens the walkthrough (the harness reads its step titles on the page,
 * in the display language) and runs a step's Show me: the example's file
 * opens beside it at the planted pitfall; a topic's opens its note.
 */
async function walkthrough(nlsFile: string, wt: Walkthrough = NEWCOMERS): Promise<void> {
  await step("the walkthrough opens, and Show me goes to the planted pitfall", async () => {
    const nls = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, nlsFile), "utf8")) as Record<string, string>;
    const want = markers();
    // A rule whose planted pitfall earlier steps left in place (the
    // fixes edit some files).
    let args: unknown[] | undefined;
    let id = "";
    for (const m of want) {
      id = m.split(" ")[1];
      const a = showMeArgs(id, nls, wt) as [string, string, number];
      const doc = await open(a[1]);
      if (a[2] <= doc.lineCount && doc.lineAt(a[2] - 1).text.includes(`// pitfall: `) && doc.lineAt(a[2] - 1).text.includes(id)) {
        args = a;
        break;
      }
    }
    assert(args, "no planted pitfall left in place for Show me");
    await vscode.commands.executeCommand("workbench.action.closePanel");
    await vscode.commands.executeCommand("workbench.action.openWalkthrough", wt.id, false);
    await sleep(6000); // the harness reads the page and takes its picture now
    await vscode.commands.executeCommand("gopitfalls.showMe", ...args);
    const [, file, line] = args as [string, string, number];
    assert(want.includes(`${file}:${line} ${id}`), `Show me of ${id} points at ${file}:${line}, which has no // pitfall: ${id}`);
    await waitFor(`${file} open at line ${line}`, () => {
      const e = vscode.window.activeTextEditor;
      return e !== undefined && rel(e.document.uri) === file && e.selection.start.line === line - 1;
    }, 60_000);
    if (wt !== NEWCOMERS) {
      return; // only the newcomers' walkthrough has the topics
    }
    // A topic has no planted pitfall: its Show me opens the note.
    const topic = Object.keys(nls)
      .map((k) => /^walkthrough\.step\.(.+)\.description$/.exec(k)?.[1])
      .find((t) => t !== undefined && showMeArgs(t, nls).length === 1);
    assert(topic, "no topic step");
    await vscode.commands.executeCommand("gopitfalls.showMe", ...showMeArgs(topic, nls));
    await waitFor(`the note of ${topic}`, () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === "gopitfalls-note" && d.uri.path.startsWith(`/${topic}.`)));
  });
}

// --- scenarios ---

async function trusted(): Promise<void> {
  const want = markers();
  assert(want.length > 0, "no // pitfall: markers in the example");
  const files = markerFiles(want);
  await planted(want, files);
  await rest(files);
}

/**
 * The Kratos v2 example (testdata/example-v2): the same checks of what is
 * shown as trusted's, on a workspace whose pitfalls are the v2 ones.
 */
async function v2(): Promise<void> {
  const want = markers();
  assert(want.length > 0, "no // pitfall: markers in the v2 example");
  await planted(want, markerFiles(want));
  await walkthrough("package.nls.json", NEWCOMERS_V2);
}

/**
 * The server starts, and every planted pitfall of the workspace is shown,
 * and nothing else, with an English hover naming its rule.
 */
async function planted(want: string[], files: string[]): Promise<void> {
  const en = noteTitles("en");

  await step("activates on a Go workspace and starts the server", async () => {
    assert(vscode.workspace.isTrusted, "the workspace should be trusted");
    await waitFor("activation", () => extension().isActive, 60_000);
    await waitFor("a gopitfalls serve process", () => serverPids().length === 1, 60_000);
  });

  await step("an opened file shows its planted pitfalls, with rule codes and note links", async () => {
    const file = files[0];
    await vscode.window.showTextDocument(await open(file));
    const inFile = want.filter((w) => w.startsWith(file + ":"));
    await waitFor(`diagnostics of ${file}: want [${inFile.join(", ")}]`, () => sameSet(found(uriOf(file)), inFile), 90_000);
    for (const [, d] of ours(uriOf(file))) {
      assert(typeof d.code === "object" && d.code.target.toString().includes("note.en.md"), `code ${JSON.stringify(d.code)} has no link to the English note`);
    }
  });

  await step("Check Workspace reports every planted pitfall and nothing else", async () => {
    await vscode.commands.executeCommand("gopitfalls.checkWorkspace");
    try {
      await waitFor("every marker", () => sameSet(found(), want), 90_000);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}: ${diff(found(), want)}`, { cause: e });
    }
  });

  await step("diagnostics stay right when every marked file is open", async () => {
    for (const f of files) {
      await open(f);
    }
    await sleep(1000);
    await waitFor(`every marker: ${diff(found(), want)}`, () => sameSet(found(), want), 60_000);
  });

  await step("hover shows the rule's note in English", async () => {
    const seen = new Set<string>();
    for (const [uri, d] of ours()) {
      const code = codeOf(d);
      if (seen.has(code)) {
        continue;
      }
      seen.add(code);
      const title = en.get(code);
      assert(title, `gopitfalls notes -list has no rule ${code}`);
      const text = await hoverText(uri, d.range.start);
      assert(text.includes(title) && text.includes(code), `hover on ${rel(uri)}:${d.range.start.line + 1} lacks "${title}": ${text.slice(0, 300)}`);
    }
  });

}

/** Settings, restarts, crashes and fixes, on the workspace of trusted. */
async function rest(files: string[]): Promise<void> {
  const en = noteTitles("en");
  await step("settings: a rule's severity and turning it off reach the server", async () => {
    const remaining = ours();
    assert(remaining.length > 0, "no finding left");
    const code = codeOf(remaining[0][1]);
    const n = remaining.filter(([, d]) => codeOf(d) === code).length;
    const cfg = () => vscode.workspace.getConfiguration("gopitfalls");
    await cfg().update("rules", { [code]: "error" }, vscode.ConfigurationTarget.Workspace);
    await waitFor(`${code} as errors`, () => ours().filter(([, d]) => codeOf(d) === code && d.severity === vscode.DiagnosticSeverity.Error).length === n, 60_000);
    await cfg().update("rules", { [code]: "off" }, vscode.ConfigurationTarget.Workspace);
    await waitFor(`${code} off`, () => ours().every(([, d]) => codeOf(d) !== code), 60_000);
    await cfg().update("rules", undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(`${code} back as warnings`, () => ours().filter(([, d]) => codeOf(d) === code && d.severity === vscode.DiagnosticSeverity.Warning).length === n, 60_000);
  });

  await step("Restart Server starts a new server that reports the same", async () => {
    const before = found();
    const [old] = serverPids();
    await vscode.commands.executeCommand("gopitfalls.restartServer");
    await waitFor("a new server process", () => serverPids().length === 1 && serverPids()[0] !== old, 60_000);
    await waitFor(`the same diagnostics: ${diff(found(), before)}`, () => sameSet(found(), before), 60_000);
  });

  await step("crash policy: silent restarts, then stopped until the user restarts", async () => {
    const before = found();
    // One crash: restarted without a word.
    let [pid] = serverPids();
    process.kill(pid, "SIGKILL");
    await waitFor("a restarted server", () => serverPids().length === 1 && serverPids()[0] !== pid, 60_000);
    await waitFor("diagnostics again", () => sameSet(found(), before), 60_000);
    // More crashes than the policy allows: the server stays down.
    for (let i = 0; i < 5 && serverPids().length > 0; i++) {
      [pid] = serverPids();
      process.kill(pid, "SIGKILL");
      await waitFor("the next server (or none)", async () => {
        await sleep(1500);
        const now = serverPids();
        return now.length === 0 || now[0] !== pid;
      }, 60_000);
    }
    await sleep(3000);
    assert(serverPids().length === 0, "the server was restarted past the crash limit");
    await vscode.commands.executeCommand("gopitfalls.restartServer");
    await waitFor("a server after Restart", () => serverPids().length === 1, 60_000);
    await waitFor("diagnostics after Restart", () => sameSet(found(), before), 60_000);
  });

  // Files whose findings have fixes: Fix All in File on one, a quick fix
  // on another.
  const fixable: string[] = [];
  for (const f of files) {
    if ((await codeActions(uriOf(f), new vscode.Range(0, 0, 100000, 0), "source.fixAll.gopitfalls")).length > 0) {
      fixable.push(f);
    }
  }

  await step("Fix All in File applies every fix of the file", async () => {
    assert(fixable.length >= 2, `the example needs fixable pitfalls in two files; found them in [${fixable.join(", ")}]`);
    const file = fixable[0];
    const doc = await open(file);
    await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const fixableHere = await Promise.all(ours(doc.uri).map(async ([, d]) => (await codeActions(doc.uri, d.range, "quickfix")).some((a) => a.isPreferred)));
    const expectLeft = fixableHere.filter((f) => !f).length;
    await vscode.commands.executeCommand("gopitfalls.fixAllInFile");
    await waitFor("the text to change", () => doc.getText() !== before, 30_000);
    await waitFor(`${expectLeft} unfixable finding(s) left in ${file}, have ${ours(doc.uri).length}`, () => ours(doc.uri).length === expectLeft, 60_000);
  });

  await step("a quick fix applies and its diagnostic goes away", async () => {
    const file = fixable[1];
    const doc = await open(file);
    await vscode.window.showTextDocument(doc);
    let target: [vscode.Diagnostic, vscode.CodeAction] | undefined;
    for (const [, d] of ours(doc.uri)) {
      const fix = (await codeActions(doc.uri, d.range, "quickfix")).find((a) => a.isPreferred && a.edit);
      if (fix) {
        target = [d, fix];
        break;
      }
    }
    assert(target, `no preferred quick fix in ${file}`);
    const [d, fix] = target;
    const code = codeOf(d);
    const count = ours(doc.uri).filter(([, x]) => codeOf(x) === code).length;
    const before = doc.getText();
    assert(fix.edit, "the fix has no edit");
    assert(await vscode.workspace.applyEdit(fix.edit), `applying "${fix.title}" failed`);
    assert(doc.getText() !== before, `"${fix.title}" changed nothing`);
    await waitFor(`${code} to go away from ${file}`, () => ours(doc.uri).filter(([, x]) => codeOf(x) === code).length === count - 1, 60_000);
    assert(await doc.save(), `saving ${file} failed`);
  });

  await step("Ignore <rule> on this line silences the finding", async () => {
    const left = ours();
    assert(left.length > 0, "no finding left to ignore");
    const [uri, d] = left[0];
    const code = codeOf(d);
    const actions = await codeActions(uri, d.range, "quickfix");
    const ignore = actions.find((a) => a.title.includes(code) && a.edit && !a.isPreferred && a.title.toLowerCase().includes("ignore"));
    assert(ignore?.edit, `no "Ignore ${code} on this line" among [${actions.map((a) => a.title).join(", ")}]`);
    const before = ours(uri).length;
    assert(await vscode.workspace.applyEdit(ignore.edit), "applying the ignore failed");
    const doc = await vscode.workspace.openTextDocument(uri);
    assert(doc.getText().includes(`//gopitfalls:ignore ${code}`), "no //gopitfalls:ignore comment was inserted");
    await waitFor("the ignored finding to go away", () => ours(uri).length === before - 1, 60_000);
  });

  await step("the Explain action opens the rule's note", async () => {
    const left = ours();
    assert(left.length > 0, "no finding left to explain");
    const [uri, d] = left[0];
    const code = codeOf(d);
    const actions = await codeActions(uri, d.range, "quickfix");
    const explain = actions.find((a) => a.command?.command === "gopitfalls.explain");
    assert(explain?.command, `no "Explain ${code}" among [${actions.map((a) => a.title).join(", ")}]`);
    const args: unknown[] = explain.command.arguments ?? [];
    await vscode.commands.executeCommand(explain.command.command, ...args);
    const title = en.get(code);
    assert(title, `no title for ${code}`);
    await waitFor(`the note of ${code}`, () =>
      vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === "gopitfalls-note" && doc.getText().includes(title)),
    );
  });

  await step("Show Notes opens the rendered note", async () => {
    const [id, title] = [...en.entries()][0];
    await vscode.commands.executeCommand("gopitfalls.showNotes", id);
    await waitFor(`a note document for ${id}`, () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === "gopitfalls-note" && d.getText().includes(title)),
    );
  });

  await walkthrough("package.nls.json");
}

async function untrusted(): Promise<void> {
  const want = markers();
  const zh = noteTitles("zh");

  await step("Restricted Mode with the zh-cn display language", async () => {
    assert(!vscode.workspace.isTrusted, "the workspace should not be trusted");
    assert(vscode.env.language === "zh-cn", `display language ${vscode.env.language}, want zh-cn`);
    await waitFor("activation", () => extension().isActive, 60_000);
    await waitFor("a gopitfalls serve -syntax-only process", () => {
      const pid = serverPids().at(0);
      return pid !== undefined && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes("-syntax-only");
    }, 60_000);
  });

  // The extension's own strings (vscode.l10n) are checked by the harness
  // in its log: this suite's vscode API is not the extension's.
  await step("the manifest is in Chinese", () => {
    const zhNls = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, "package.nls.zh-cn.json"), "utf8")) as Record<string, string>;
    // A localised title is {value, original}.
    const pkg = extension().packageJSON as { contributes: { commands: { command: string; title: string | { value: string } }[] } };
    const restart = pkg.contributes.commands.find((c) => c.command === "gopitfalls.restartServer");
    const title = typeof restart?.title === "object" ? restart.title.value : restart?.title;
    assert(title === zhNls["command.restartServer"], `Restart Server's title is ${JSON.stringify(restart?.title)}`);
  });

  await step("only the rules that need no types report, at their markers", async () => {
    for (const f of markerFiles(want)) {
      await vscode.window.showTextDocument(await open(f), { preview: false });
    }
    await waitFor("some diagnostics", () => found().length > 0, 60_000);
    await sleep(3000); // every opened file has been analysed by now
    const got = found();
    assert(
      got.every((g) => want.includes(g)),
      `findings without a marker: ${got.filter((g) => !want.includes(g)).join(", ")}`,
    );
    assert(got.length < want.length, `all ${want.length} markers reported: the type-checked rules ran in Restricted Mode`);
  });

  await step("hover shows the note in Chinese", async () => {
    const [uri, d] = ours()[0];
    const code = codeOf(d);
    const title = zh.get(code);
    assert(title && /[\u4e00-\u9fff]/.test(title), `no Chinese title for ${code}`);
    const text = await hoverText(uri, d.range.start);
    assert(text.includes(title), `hover lacks "${title}": ${text.slice(0, 300)}`);
    assert(typeof d.code === "object" && d.code.target.toString().includes("note.zh.md"), "the code links to the Chinese note");
  });

  await step("Show Notes shows the Chinese note", async () => {
    const [id, title] = [...zh.entries()][0];
    await vscode.commands.executeCommand("gopitfalls.showNotes", id);
    await waitFor(`the Chinese note of ${id}`, () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === "gopitfalls-note" && d.uri.path.endsWith(".zh.md") && d.getText().includes(title)),
    );
  });

  await walkthrough("package.nls.zh-cn.json");
}

/**
 * VS Code started with no go anywhere it looks (the harness hides
 * GOROOT and strips PATH): the server runs syntax-only; setting go.goroot
 * in the workspace's settings restarts it with every rule. The harness
 * checks the warning on the page and the status item in the log.
 */
async function noGo(): Promise<void> {
  const want = markers();
  const isSyntaxOnly = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes("-syntax-only");

  await step("without go the server runs syntax-only", async () => {
    assert(vscode.workspace.isTrusted, "the workspace should be trusted");
    await waitFor("activation", () => extension().isActive, 60_000);
    await waitFor("a gopitfalls serve -syntax-only process", () => {
      const pid = serverPids().at(0);
      return pid !== undefined && isSyntaxOnly(pid);
    }, 60_000);
  });

  await step("without go only the rules that need no types report", async () => {
    for (const f of markerFiles(want)) {
      await vscode.window.showTextDocument(await open(f), { preview: false });
    }
    await waitFor("some diagnostics", () => found().length > 0, 60_000);
    await sleep(3000);
    const got = found();
    assert(got.every((g) => want.includes(g)), `findings without a marker: ${got.filter((g) => !want.includes(g)).join(", ")}`);
    assert(got.length < want.length, `all ${want.length} markers reported without go`);
  });

  // The smoke-test driver the harness runs VS Code with shows no toasts:
  // the warning is looked for in the notification center, open now.
  await step("the notification center is open for the harness to read the warning", async () => {
    await vscode.commands.executeCommand("notifications.showList");
    await sleep(5000);
    await vscode.commands.executeCommand("notifications.hideList");
  });

  await step("go.goroot set: the server restarts with every rule, without a reload", async () => {
    const goroot = process.env.GOPITFALLS_E2E_GOROOT;
    assert(goroot, "GOPITFALLS_E2E_GOROOT is not set");
    const [old] = serverPids();
    fs.mkdirSync(path.join(folder(), ".vscode"), { recursive: true });
    fs.writeFileSync(path.join(folder(), ".vscode", "settings.json"), JSON.stringify({ "go.goroot": goroot }));
    await waitFor("a new server with every rule", () => {
      const pid = serverPids().at(0);
      return pid !== undefined && pid !== old && !isSyntaxOnly(pid);
    }, 60_000);
    await vscode.commands.executeCommand("gopitfalls.checkWorkspace");
    try {
      await waitFor("every marker", () => sameSet(found(), want), 240_000);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}: ${diff(found(), want)}`, { cause: e });
    }
  });
}

export async function run(): Promise<void> {
  report(`scenario ${scenario}: VS Code ${vscode.version}, display language ${vscode.env.language}`);
  if (scenario === "untrusted") {
    await untrusted();
  } else if (scenario === "nogo") {
    await noGo();
  } else if (scenario === "v2") {
    await v2();
  } else {
    await trusted();
  }
}
