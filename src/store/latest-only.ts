/**
 * Coalesces calls to an async read so that at most one runs and one waits: a caller arriving while a
 * read is under way shares the next read (which starts after the current one), never the current one,
 * so it still sees every change made before it called.
 */
export function latestOnly<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    running = read().finally(() => {
      running = undefined;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
