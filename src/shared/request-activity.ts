import type { RequestHandler } from 'express';

// Requests in flight, for background work that gives way to them: planning waits between its
// transactions while a request is being answered, so that a request never queues behind more
// than the one transaction that was running when it came in (SQLite has one connection, and
// the event loop is shared either way).

export class RequestActivity {
  private inFlight = 0;
  private waiting: (() => void)[] = [];

  /** Requests being answered now. */
  get active(): number {
    return this.inFlight;
  }

  /** Express middleware, mounted first: counts a request from its arrival until its response is sent or its connection is gone. */
  readonly track: RequestHandler = (_req, res, next) => {
    this.inFlight++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (this.inFlight === 0) this.wake();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };

  /**
   * Resolves once no request is in flight, or after `maxMs` at the latest: steady traffic slows
   * background work down but never stops it. Always yields to the event loop first, so that a
   * request that has arrived but is not counted yet is.
   */
  async quiet(maxMs: number): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting = this.waiting.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      this.waiting.push(done);
    });
  }

  /** Lets every waiting quiet() go on now. */
  wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done();
  }
}
