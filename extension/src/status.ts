// The language status item shown for Go files: what the server is doing.

import * as vscode from "vscode";

export type ServerState =
  | { kind: "stopped" }
  | { kind: "starting" }
  | { kind: "running"; version: string; mode: AnalysisMode }
  | { kind: "failed"; reason: string };

/**
 * What the server analyses: everything, or only what needs no types
 * because the workspace is untrusted (Restricted Mode) or because no go
 * command was found.
 */
export type AnalysisMode = "full" | "restricted" | "noGo";

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
        item.severity = s.mode === "full" ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
        item.command = { title: vscode.l10n.t("Show Output"), command: "gopitfalls.showOutput" };
        if (s.mode === "full") {
          item.text = vscode.l10n.t("Go Pitfalls");
          item.detail = s.version;
        } else if (s.mode === "restricted") {
          item.text = vscode.l10n.t("Go Pitfalls: syntax only");
          item.detail = vscode.l10n.t("{0}; Restricted Mode: only the rules that need no type information run", s.version);
        } else {
          item.text = vscode.l10n.t("Go Pitfalls: syntax only: go not found");
          item.detail = vscode.l10n.t("{0}; no go command was found, so only the rules that need no type information run", s.version);
          item.command = { title: vscode.l10n.t("Open Settings"), command: "gopitfalls.openGoSettings" };
        }
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
