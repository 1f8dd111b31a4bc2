// The extension's entry points: activation makes the context that owns
// the language client and registers the commands; deactivation stops the
// server.

import * as vscode from "vscode";

import { registerCommands } from "./commands";
import { Ctx } from "./ctx";

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  ctx = new Ctx(context);
  context.subscriptions.push(...registerCommands(ctx));
  void ctx.start(); // not awaited: finding the binary may wait on the user
}

export async function deactivate(): Promise<void> {
  await ctx?.disposeAsync();
  ctx = undefined;
}
