/** What a `TimeSlices` reads the time from and waits with: the real clock and event loop, or a test's. */
export interface SliceClock {
  now(): number;
  /** One turn of the event loop: what waits (I/O first) runs. */
  turn(): Promise<void>;
  sleep(ms: number): Promise<void>;
}

const eventLoop: SliceClock = {
  now: () => performance.now(),
  turn: () => new Promise<void>((resolve) => setImmediate(resolve)),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * Long work on the event loop (reading or writing a large month's partition) cut into slices of a few
 * milliseconds, with a turn of the loop between them: requests that arrive meanwhile are answered in
 * between instead of after the whole.
 *
 * Background work (the fold) also takes a `share` of the loop at most while anything else is waiting: after
 * a slice it lets the others run for the rest of their part before its next one. With nothing waiting it runs
 * at full speed, so a fold at shutdown is not slowed down. A slice's time is the work's own: waits on I/O
 * within it (`waitFor`) are not counted.
 */
export class TimeSlices {
  private since: number;

  constructor(
    private readonly share = 1,
    private readonly sliceMs = 4,
    private readonly clock: SliceClock = eventLoop,
  ) {
    this.since = clock.now();
  }

  /** For the fold: a quarter of the loop while requests are waiting. */
  static background(clock?: SliceClock): TimeSlices {
    return new TimeSlices(0.25, undefined, clock);
  }

  /** Whether the current slice has run its time (cheap: call it every few rows). */
  due(): boolean {
    return this.clock.now() - this.since >= this.sliceMs;
  }

  /** Starts the slice's clock again after waiting on I/O, which is not the slice's own time. */
  resume(): void {
    this.since = this.clock.now();
  }

  /** Waits for I/O in the middle of a slice: the wait is left out of the slice's time, the work before it is not. */
  async waitFor<T>(io: Promise<T>): Promise<T> {
    const from = this.clock.now();
    try {
      return await io;
    } finally {
      this.since += this.clock.now() - from;
    }
  }

  /** Lets the event loop run what waits (I/O first), then starts a new slice. */
  async next(): Promise<void> {
    const ran = this.clock.now() - this.since;
    const yielded = this.clock.now();
    await this.clock.turn();
    const others = this.clock.now() - yielded;
    // Under a millisecond: nothing was waiting, the loop is ours.
    const owed = others >= 1 ? ran * (1 / this.share - 1) - others : 0;
    if (owed >= 1) await this.clock.sleep(owed);
    this.since = this.clock.now();
  }
}
