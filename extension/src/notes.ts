// Show Notes: a quick pick of the rules `gopitfalls notes -list` prints,
// then the chosen rule's note (`gopitfalls notes <rule>`) in a Markdown
// preview. The notes live in the binary; nothing here knows a rule.

import * as vscode from "vscode";

import { run } from "./bootstrap";
import { noteLanguage, SECTION } from "./config";

export const NOTE_SCHEME = "gopitfalls-note";

/** One line of `gopitfalls notes -list`: ID, default severity, title. */
export interface ListedRule {
  id: string;
  severity: string;
  title: string;
}

/** Parses `gopitfalls notes -list` output. */
export function parseNoteList(out: string): ListedRule[] {
  const rules: ListedRule[] = [];
  for (const line of out.split(/\r?\n/)) {
    const m = /^(\S+)\s+(\S+)\s+(.*\S)\s*$/.exec(line);
    if (m) {
      rules.push({ id: m[1], severity: m[2], title: m[3] });
    }
  }
  return rules;
}

/** Serves gopitfalls-note:/<rule>.<lang>.md documents from the binary. */
export class NoteProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly binary: () => string | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const m = /^\/?([a-z0-9-]+)\.(en|zh)\.md$/.exec(uri.path);
    const bin = this.binary();
    if (!m || !bin) {
      return "";
    }
    return run(bin, ["notes", "-lang", m[2], m[1]], { timeout: 10_000 });
  }
}

/** Runs Show Notes; ruleId skips the quick pick. */
export async function showNotes(binary: string | undefined, ruleId?: string): Promise<void> {
  if (!binary) {
    void vscode.window.showErrorMessage(vscode.l10n.t("The gopitfalls binary was not found, so there are no notes to show."));
    return;
  }
  const lang = noteLanguage(vscode.workspace.getConfiguration(SECTION).get("language"), vscode.env.language);
  let id = ruleId;
  if (id === undefined) {
    const rules = parseNoteList(await run(binary, ["notes", "-list", "-lang", lang], { timeout: 10_000 }));
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.severity, detail: r.title })),
      { placeHolder: vscode.l10n.t("Which rule's note?"), matchOnDetail: true },
    );
    if (!pick) {
      return;
    }
    id = pick.label;
  }
  const uri = vscode.Uri.from({ scheme: NOTE_SCHEME, path: `/${id}.${lang}.md` });
  const doc = await vscode.workspace.openTextDocument(uri);
  try {
    await vscode.commands.executeCommand("markdown.showPreview", doc.uri);
  } catch {
    await vscode.window.showTextDocument(doc, { preview: true }); // no Markdown extension
  }
}
