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
  ];
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
