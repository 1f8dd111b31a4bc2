// The UI smoke test: a person's path through the workbench, clicked and
// typed by Playwright, with a screenshot at each step (they are the
// README's pictures). Kept to a few scenarios: the workbench's CSS class
// names change between VS Code versions.
//
//   open a file with a planted pitfall → squiggle → hover with the note →
//   Check Workspace → Problems panel → quick fix menu → fix applied

import * as fs from "node:fs";
import * as path from "node:path";

const MARKER = /\/\/ pitfall: ([a-z-]+)/;

/** The first file (by name) with a planted pitfall that has a quick fix. */
function pickFile(folder) {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (p.endsWith(".go") && MARKER.test(fs.readFileSync(p, "utf8"))) {
        files.push(p);
      }
    }
  };
  walk(folder);
  return files.sort();
}

/** The number of planted pitfalls (`// pitfall:` markers) in files. */
function countMarkers(files) {
  let n = 0;
  for (const f of files) {
    for (const line of fs.readFileSync(f, "utf8").split("\n")) {
      if (MARKER.test(line)) {
        n++;
      }
    }
  }
  return n;
}

/**
 * Hovers at (x, y) until a hover with text shows: a hover shown earlier
 * (before a settings change reached the server) is not asked for again
 * until the mouse leaves.
 */
async function hoverUntil(page, x, y, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.mouse.move(10, 10);
    await page.mouse.move(x, y);
    try {
      await page.locator(".monaco-hover:visible", { hasText: text }).first().waitFor({ timeout: 3000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        throw e;
      }
    }
  }
}

export async function runUi({ sc, tmp, folder, startCodeServer, freePort, launchBrowser, shots, log }) {
  const port = await freePort();
  const cs = await startCodeServer(tmp, sc, port, {});
  const browser = await launchBrowser();
  const shot = async (page, name, clip) => {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, clip });
    log(`screenshot ${path.relative(process.cwd(), file)}`);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".explorer-folders-view").waitFor({ timeout: 30_000 });

    // Open a marked file from the Explorer: expand the folders on its path.
    const files = pickFile(folder);
    if (files.length === 0) {
      throw new Error("no file with a // pitfall: marker in the example");
    }
    // The one the README shows: a file with a single, fixable finding.
    const file = files.find((f) => path.basename(f) === "profile.go") ?? files[0];
    const rule = MARKER.exec(fs.readFileSync(file, "utf8"))[1];
    const parts = path.relative(folder, file).split(path.sep);
    for (const [i, name] of parts.entries()) {
      const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"]`, { hasText: name }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.click();
    }
    await page.locator(`.tab.active`, { hasText: parts.at(-1) }).waitFor({ timeout: 20_000 });

    // The squiggle.
    const squiggle = page.locator(".monaco-editor .squiggly-warning, .monaco-editor .squiggly-error").first();
    await squiggle.waitFor({ state: "attached", timeout: 90_000 });
    const box = await squiggle.boundingBox();
    if (!box) {
      throw new Error("the squiggle has no box");
    }
    const editorBox = await page.locator(".editor-group-container .monaco-editor").first().boundingBox();
    await page.mouse.move(10, 10);
    await shot(page, "squiggle");

    // The hover, with the rule's note.
    await hoverUntil(page, box.x + box.width / 2, box.y + box.height / 2, rule, 30_000);
    await page.waitForTimeout(500);
    await shot(page, "hover");
    if (editorBox) {
      await shot(page, "hover-editor", editorBox);
    }
    await page.keyboard.press("Escape");
    await page.mouse.move(10, 10);

    // The same hover in Chinese: gopitfalls.language set in the
    // workspace's settings, as a user would; removed again afterwards.
    const settings = path.join(folder, ".vscode", "settings.json");
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ "gopitfalls.language": "zh" }));
    await hoverUntil(page, box.x + box.width / 2, box.y + box.height / 2, /[\u4e00-\u9fff]/, 30_000);
    await page.waitForTimeout(500);
    if (editorBox) {
      await shot(page, "hover-zh", editorBox);
    }
    await page.keyboard.press("Escape");
    await page.mouse.move(10, 10);
    fs.rmSync(path.dirname(settings), { recursive: true });
    await page.waitForTimeout(1000);

    // Check Workspace from the command palette, then the Problems panel.
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").waitFor({ timeout: 10_000 });
    await page.keyboard.type("Go Pitfalls: Check Workspace");
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "Check Workspace" }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    const markers = page.locator(".markers-panel");
    await markers.waitFor({ timeout: 20_000 });
    // Every planted pitfall reaches the Problems panel: its badge counts
    // them (the list itself is virtual and renders only the rows that
    // fit).
    const want = countMarkers(files);
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll(".part.panel .composite-bar .badge-content")].some(
          (b) => Number.parseInt(b.textContent ?? "", 10) >= n,
        ),
      want,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(500);
    await shot(page, "problems");

    // The quick fix menu on the squiggle.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press("Control+.");
    const menu = page.locator(".action-widget:visible").first();
    await menu.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    await shot(page, "quickfix-menu");

    // Apply the first (preferred) fix: the squiggle goes away.
    const count = await page.locator(".monaco-editor .squiggly-warning").count();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (n) => document.querySelectorAll(".editor-group-container .monaco-editor .squiggly-warning").length < n,
      count,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(500);
    await shot(page, "fixed");
  } catch (e) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) {
      await pages[0].screenshot({ path: path.join(shots, "..", `failure-${sc.name}.png`) }).catch(() => undefined);
    }
    throw e;
  } finally {
    await browser.close();
    cs.stop();
  }
}
