// The server logs with log/slog's text handler to stderr. Its lines reach
// the Go Pitfalls output at their own level (the client's default would
// log every stderr line as an error), without slog's timestamp: the
// output channel has its own.

export type Level = "debug" | "info" | "warn" | "error";

const SLOG = /^time=\S+ level=(DEBUG|INFO|WARN|ERROR)(?:[+-]\d+)? (.*)$/;

/**
 * The level and text of one stderr line. `msg="x y" k=v` becomes
 * `x y k=v`. Anything that is not an slog line (a panic's stack trace)
 * is an error.
 */
export function parseServerLine(line: string): { level: Level; text: string } {
  const m = SLOG.exec(line);
  if (!m) {
    return { level: "error", text: line };
  }
  const level = m[1].toLowerCase() as Level;
  let rest = m[2];
  const msg = /^msg=("(?:[^"\\]|\\.)*"|\S+) ?/.exec(rest);
  if (msg) {
    const text = msg[1].startsWith('"') ? (JSON.parse(msg[1]) as string) : msg[1];
    rest = rest.slice(msg[0].length);
    return { level, text: rest === "" ? text : `${text} ${rest}` };
  }
  return { level, text: rest };
}
