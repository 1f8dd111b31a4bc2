// A queue that runs asynchronous operations one at a time, in the order
// they were asked for: the language client's start, stop and restart
// never overlap. A failed operation does not stop the ones after it.

export class Serial {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (e: unknown) => void = () => undefined) {}

  /** Runs op after every operation queued before it; resolves or rejects with op. */
  run(op: () => Promise<void>): Promise<void> {
    const next = this.tail.then(op);
    this.tail = next.catch((e: unknown) => {
      this.onError(e);
    });
    return next;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }
}
