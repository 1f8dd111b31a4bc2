// The crash policy, as vscode-go has it for gopls: when the server exits
// unexpectedly it is restarted silently a few times; past that, within a
// time window, it stays stopped and the user gets one message (with a
// link to the log). A restart the user asks for starts afresh.

export interface CrashPolicyOptions {
  /** Silent restarts allowed within the window. */
  maxRestarts: number;
  /** The window, in milliseconds. */
  windowMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyOptions = { maxRestarts: 3, windowMs: 3 * 60 * 1000 };

export class CrashPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly opts: CrashPolicyOptions = DEFAULT_CRASH_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a crash and says what to do: "restart" silently, or "stop"
   * and tell the user (once: later crashes cannot happen while stopped).
   */
  crashed(): "restart" | "stop" {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.opts.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.opts.maxRestarts ? "restart" : "stop";
  }

  /** How many crashes are in the current window. */
  get count(): number {
    return this.crashes.length;
  }

  /** Forgets the crashes: the user restarted the server. */
  reset(): void {
    this.crashes = [];
  }
}
