// The language client: how the server is run (its command, environment
// and working directory), what it is told at initialize, how its output
// reaches the log, and the middleware that answers for the extension
// (the "Explain <rule>" command, the settings the server pulls). Ctx
// decides when a client starts and stops; this file only builds one.

import * as readline from "node:readline";
import * as vscode from "vscode";
import {
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { SECTION, ServerSettings } from "./config";
import { showNotes } from "./notes";
import { parseServerLine } from "./serverlog";

/** What the client needs to run and talk to one server. */
export interface ClientParams {
  /** The gopitfalls binary. */
  command: string;
  /** The arguments of `serve`; the client appends --stdio. */
  args: string[];
  /** The server's working directory: the first workspace folder. */
  cwd: string | undefined;
  /** The server's environment: the go command is handed over, not left to the server's PATH. */
  env: NodeJS.ProcessEnv;
  /** The output channel the server's log and the client's messages go to. */
  log: vscode.LogOutputChannel;
  /** Whether the server analyses syntax only (Restricted Mode, no go command). */
  syntaxOnly: boolean;
  /** The go command the server runs, if any. */
  goCommand: string | undefined;
  /** The server's settings for a scope (undefined: the workspace), session overrides included. */
  settings: (scope: vscode.Uri | undefined) => ServerSettings;
  /** The crash policy. */
  errorHandler: ErrorHandler;
}

/** The server's command behind the "Explain <rule>" code action. */
const EXPLAIN_COMMAND = "gopitfalls.explain";

/** Builds the language client of a server; the caller starts it. */
export function createClient(p: ClientParams): LanguageClient {
  const serverOptions: ServerOptions = {
    command: p.command,
    args: p.args,
    transport: TransportKind.stdio,
    options: { cwd: p.cwd, env: p.env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "go" }],
    diagnosticCollectionName: "gopitfalls",
    outputChannel: p.log,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    stdioOptions: {
      stdout: (input, out) => {
        lines(input, (l) => {
          out.info(l);
        });
      },
      stderr: (input, out) => {
        lines(input, (l) => {
          const { level, text } = parseServerLine(l);
          out[level](text);
        });
      },
    },
    initializationOptions: {
      syntaxOnly: p.syntaxOnly,
      goCommand: p.goCommand,
      locale: vscode.env.language,
      ...p.settings(undefined),
    },
    errorHandler: p.errorHandler,
    initializationFailedHandler: (e) => {
      p.log.error("the server failed to initialize", e instanceof Error ? e : String(e));
      return false;
    },
    middleware: {
      // "Explain <rule>" runs the server's gopitfalls.explain, which would
      // open the note's web address; show the note from the binary
      // instead, rendered, in the user's language.
      executeCommand: async (command, args, next): Promise<unknown> => {
        if (command === EXPLAIN_COMMAND && typeof args[0] === "string") {
          await showNotes(p.command, args[0]);
          return undefined;
        }
        const res: unknown = await next(command, args);
        return res;
      },
      workspace: {
        configuration: async (params, token, next) => {
          const res = await next(params, token);
          if (res instanceof ResponseError) {
            return res;
          }
          const answers: unknown[] = res;
          return params.items.map((item, i): unknown =>
            item.section === SECTION ? p.settings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answers[i],
          );
        },
      },
    },
  };
  return new LanguageClient("gopitfalls", "Go Pitfalls", serverOptions, clientOptions);
}

function lines(input: NodeJS.ReadableStream, each: (line: string) => void): void {
  readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", each);
}
