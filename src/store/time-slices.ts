/**
 * Long work on the event loop (reading or writing a large month's partition) cut into slices of a few
 * milliseconds, with a turn of the loop between them: requests that arrive meanwhile are answered in
 * between instead of after the whole.
 *
 * Background work (the fold) also takes a `share` of the loop at most while anything else is waiting: after
 * a slice it lets the others run for the rest of their part before its next one. With nothing waiting it runs
 * at full speed, so a fold at shutdown is not slowed down.
 */
export class TimeSlices {
  private since = performance.now();

  constructor(
    private readonly share = 1,
    private readonly sliceMs = 4,
  ) {}

  /** For the fold: a quarter of the loop while requests are waiting. */
  static background(): TimeSlices {
    return new TimeSlices(0.25);
  }

  /** Whether the current slice has run its time (cheap: call it every few rows). */
  due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  /** Starts the slice's clock again after waiting on I/O, which is not the slice's own time. */
  resume(): void {
    this.since = performance.now();
  }

  /** Lets the event loop run what waits (I/O first), then starts a new slice. */
  async next(): Promise<void> {
    const ran = performance.now() - this.since;
    const yielded = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const others = performance.now() - yielded;
    // Under a millisecond: nothing was waiting, the loop is ours.
    const owed = others >= 1 ? ran * (1 / this.share - 1) - others : 0;
    if (owed >= 1) await new Promise<void>((resolve) => setTimeout(resolve, owed));
    this.since = performance.now();
  }
}
