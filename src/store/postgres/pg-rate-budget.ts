import type { Pool } from 'pg';
import type { RateWindow, SharedRateBudget } from '../../app/ports/rate-budget.port.js';

/**
 * The Teams rate budget on PostgreSQL: a sliding-window log per key (`rate_spends`, one row per request spent),
 * read and written under a transaction-scoped advisory lock on the key, so instances asking about one conversation
 * at once are answered one after another. Times are the database's clock, the one clock every instance shares.
 * A key's rows older than its longest window are deleted as it goes.
 */
export class PgRateBudget implements SharedRateBudget {
  constructor(private readonly pool: Pool) {}

  async tryTake(key: string, windows: readonly RateWindow[], marginMs: number): Promise<number> {
    const spans = windows.map((w) => w.perMs + marginMs);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ now: number }>('SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), extract(epoch FROM clock_timestamp()) * 1000 AS now', [key]);
      const now = Number(rows[0]!.now);
      await client.query('DELETE FROM rate_spends WHERE key = $1 AND at_ms <= $2', [key, now - Math.max(...spans)]);
      // For each window, the request `limit` places back within it: while there is one, the window is full until it leaves.
      const full = await client.query<{ span: number; nth: number | null }>(
        `SELECT w.span, (SELECT at_ms FROM rate_spends WHERE key = $1 AND at_ms > $2 - w.span ORDER BY at_ms DESC OFFSET w.lim - 1 LIMIT 1) AS nth
           FROM unnest($3::float8[], $4::int[]) AS w(span, lim)`,
        [key, now, spans, windows.map((w) => w.limit)],
      );
      const wait = Math.max(0, ...full.rows.filter((r) => r.nth !== null).map((r) => Math.ceil(Number(r.nth) + Number(r.span) - now + 1)));
      if (wait === 0) await client.query('INSERT INTO rate_spends (key, at_ms) VALUES ($1, $2)', [key, now]);
      await client.query('COMMIT');
      return wait;
    } catch (e) {
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      throw e;
    } finally {
      client.release(broken);
    }
  }
}
