// The language status item shown for Go files: what the server is doing.

import * as vscode from "vscode";

export type ServerState =
  | { kind: "stopped" }
  | { kind: "starting" }
  | { kind: "running"; version: string; syntaxOnly: boolean }
  | { kind: "failed"; reason: string };

export class Status implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  private last = "";

  /** log gets the item's text whenever it changes. */
  constructor(private readonly log?: (line: string) => void) {
    this.item = vscode.languages.createLanguageStatusItem("gopitfalls.status", { language: "go" });
    this.item.name = "Go Pitfalls";
    this.set({ kind: "stopped" });
  }

  set(s: ServerState): void {
    const item = this.item;
    item.busy = s.kind === "starting";
    item.severity = vscode.LanguageStatusSeverity.Information;
    switch (s.kind) {
      case "stopped":
        item.text = vscode.l10n.t("Go Pitfalls: stopped");
        item.detail = undefined;
        item.command = { title: vscode.l10n.t("Restart"), command: "gopitfalls.restartServer" };
        break;
      case "starting":
        item.text = vscode.l10n.t("Go Pitfalls: starting");
        item.detail = undefined;
        item.command = { title: vscode.l10n.t("Show Output"), command: "gopitfalls.showOutput" };
        break;
      case "running":
        item.text = s.syntaxOnly ? vscode.l10n.t("Go Pitfalls: syntax only") : vscode.l10n.t("Go Pitfalls");
        item.detail = s.syntaxOnly
          ? vscode.l10n.t("{0}; Restricted Mode: only the rules that need no type information run", s.version)
          : s.version;
        item.severity = s.syntaxOnly ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
        item.command = { title: vscode.l10n.t("Show Output"), command: "gopitfalls.showOutput" };
        break;
      case "failed":
        item.text = vscode.l10n.t("Go Pitfalls: not running");
        item.detail = s.reason;
        item.severity = vscode.LanguageStatusSeverity.Error;
        item.command = { title: vscode.l10n.t("Show Output"), command: "gopitfalls.showOutput" };
        break;
    }
    const line = item.detail ? `${item.text} (${item.detail})` : item.text;
    if (line !== this.last) {
      this.last = line;
      this.log?.(`status: ${line}`);
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
