/** At most `limit` requests in any `perMs` milliseconds. */
export interface RateWindow {
  limit: number;
  perMs: number;
}

/**
 * A rate budget kept where every instance of the bot sees it (the database), so that Teams' limits per
 * conversation and per app hold for all instances together, not for each one.
 */
export interface SharedRateBudget {
  /**
   * Spends one request under `key` if each window (widened by `marginMs`) has room now, and returns 0; otherwise
   * spends nothing and returns how many milliseconds to wait before asking again.
   */
  tryTake(key: string, windows: readonly RateWindow[], marginMs: number): Promise<number>;
}
