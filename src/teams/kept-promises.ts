/**
 * Promises kept by key: the first ask for a key makes one, later asks get that same one. A promise that fails is
 * forgotten (unless another has taken its place meanwhile), so the next ask makes a new one. At most `max` are kept:
 * making one more forgets the one asked for least recently, so one in steady use is never the one dropped.
 * Its owner holds it; nothing is shared between instances.
 */
export class KeptPromises<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  /** The promise kept for `key`, or `make`'s, kept from now on. */
  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.kept.get(key);
    if (kept) {
      // Map keeps insertion order: moving the key to the end makes the first key the least recently used.
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const made = make();
    this.kept.set(key, made);
    made.catch(() => {
      if (this.kept.get(key) === made) this.kept.delete(key);
    });
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    return made;
  }
}
