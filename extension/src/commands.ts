// The commands of the palette. Each one is a thin call into Ctx or into
// what the server offers (code actions, diagnostics scope).

import * as vscode from "vscode";

import { Ctx, openGoSettings } from "./ctx";
import { NOTE_SCHEME, NoteProvider, showNotes } from "./notes";

/** The code action kind of the server's fix-all. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("gopitfalls");

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("gopitfalls.restartServer", () => ctx.restart()),
    vscode.commands.registerCommand("gopitfalls.showOutput", () => {
      ctx.log.show();
    }),
    vscode.commands.registerCommand("gopitfalls.showNotes", (ruleId?: unknown) =>
      showNotes(ctx.serverBinary?.path, typeof ruleId === "string" ? ruleId : undefined),
    ),
    vscode.workspace.registerTextDocumentContentProvider(NOTE_SCHEME, new NoteProvider(() => ctx.serverBinary?.path)),
    vscode.commands.registerCommand("gopitfalls.fixAllInFile", () => fixAllInFile()),
    vscode.commands.registerCommand("gopitfalls.checkWorkspace", () => checkWorkspace(ctx)),
    vscode.commands.registerCommand("gopitfalls.openGoSettings", () => openGoSettings()),
    vscode.commands.registerCommand("gopitfalls.showMe", (id?: unknown, file?: unknown, line?: unknown) =>
      showMe(ctx, String(id), typeof file === "string" ? file : undefined, typeof line === "number" ? line : undefined),
    ),
  ];
}

/**
 * The walkthrough's "Show me": the example workspace's file at the
 * pitfall planted for the rule, when a workspace folder is the example
 * (its line still carries the `// pitfall:` marker); else the note.
 */
async function showMe(ctx: Ctx, id: string, file: string | undefined, line: number | undefined): Promise<void> {
  if (file !== undefined && line !== undefined) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, ...file.split("/"));
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(uri);
      } catch {
        continue; // not the example
      }
      if (line > doc.lineCount || !isMarked(doc.lineAt(line - 1).text, id)) {
        continue;
      }
      const text = doc.lineAt(line - 1);
      const range = new vscode.Range(text.range.start.translate(0, text.firstNonWhitespaceCharacterIndex), text.range.end);
      await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.Beside });
      return;
    }
  }
  await showNotes(ctx.serverBinary?.path, id);
}

/** Reports whether a line carries the `// pitfall: <id>` marker of the example. */
export function isMarked(line: string, id: string): boolean {
  const m = /\/\/ pitfall: ([a-z-]+(?:, [a-z-]+)*)\s*$/.exec(line);
  return m !== null && m[1].split(", ").includes(id);
}

/** Applies the server's source.fixAll.gopitfalls action to the active file. */
async function fixAllInFile(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "go") {
    void vscode.window.showInformationMessage(vscode.l10n.t("Open a Go file to fix its pitfalls."));
    return false;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
    "vscode.executeCodeActionProvider",
    doc.uri,
    whole,
    FIX_ALL_KIND.value,
  );
  const fix = (actions ?? []).find((a) => a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
  if (!fix) {
    void vscode.window.showInformationMessage(vscode.l10n.t("No pitfall in this file can be fixed automatically."));
    return false;
  }
  let ok = true;
  if (fix.edit) {
    ok = await vscode.workspace.applyEdit(fix.edit);
  }
  if (ok && fix.command) {
    await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
  }
  return ok;
}

/**
 * Checks every package of the workspace: the server's diagnostics scope
 * becomes "workspace" for this session (the setting is left alone), and
 * the Problems panel shows what it finds.
 */
async function checkWorkspace(ctx: Ctx): Promise<void> {
  if (ctx.syntaxOnly) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Checking the whole workspace loads its packages with the go command, which Restricted Mode does not allow. Trust the workspace to check it."),
    );
    return;
  }
  if (!ctx.languageClient?.isRunning()) {
    await ctx.start();
  }
  await ctx.override({ diagnosticsScope: "workspace" });
  await vscode.commands.executeCommand("workbench.actions.view.problems");
}
