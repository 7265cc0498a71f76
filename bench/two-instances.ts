/**
 * `--only pg2`: submission throughput with two bot instances (`node dist/server.js`, each its own process) on one
 * PostgreSQL database, the load split evenly between them as a load balancer would. The database is
 * BENCH_DATABASE_URL (a schema of its own is made there and dropped after), or a throwaway cluster that
 * `.ci/start-postgres` starts and `.ci/stop-postgres` removes.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import type { BenchConnector } from './connector.js';
import { writeBenchStore } from './fixtures.js';
import { ROOT, pause, type LoadResult } from './harness.js';
import { startBot, submit } from './scenarios.js';

const run = promisify(execFile);

export interface TwoInstanceFigures {
  /** Both instances together: answered 2xx per second over the longer of the two runs. */
  rps: number;
  ok: number;
  failed: number;
  perInstance: [LoadResult, LoadResult];
  database: 'BENCH_DATABASE_URL' | 'throwaway cluster';
}

const AMOUNTS = { warmUp: 100, each: 2_000, connectionsEach: 25 };

/** A database for the run: a fresh schema in BENCH_DATABASE_URL, or a cluster of its own. */
async function database(): Promise<{ url: string; kind: TwoInstanceFigures['database']; drop(): Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  if (!given) {
    const { stdout } = await run('.ci/start-postgres', [], { cwd: ROOT, encoding: 'utf8' });
    const url = /TEST_DATABASE_URL=(\S+)/.exec(stdout)![1]!;
    const dir = /PG_TEST_DIR=(\S+)/.exec(stdout)![1]!;
    return { url, kind: 'throwaway cluster', drop: async () => void (await run('.ci/stop-postgres', [], { cwd: ROOT, env: { ...process.env, PG_TEST_DIR: dir } })) };
  }
  const schema = `sib_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: given });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(given);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), kind: 'BENCH_DATABASE_URL', drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

export async function twoInstancesOnPostgres(connector: BenchConnector): Promise<TwoInstanceFigures> {
  const db = await database();
  try {
    const perBot = 1 + AMOUNTS.warmUp + AMOUNTS.each;
    const store = await writeBenchStore({ drafts: 2 * perBot, fillMb: 0, layout: 'current', databaseUrl: db.url });
    // Each instance submits its own half of the drafts.
    const halves = [store.drafts.slice(0, perBot), store.drafts.slice(perBot)].map((drafts) => ({ ...store, drafts }));
    const bots = [await startBot(halves[0]!, connector), await startBot(halves[1]!, connector)] as const;
    try {
      await Promise.all(bots.map((b) => submit(b, 10, AMOUNTS.warmUp, 15)));
      await pause(500);
      const perInstance = (await Promise.all(bots.map((b) => submit(b, AMOUNTS.connectionsEach, AMOUNTS.each, 40)))) as [LoadResult, LoadResult];
      const ok = perInstance[0].ok + perInstance[1].ok;
      const seconds = Math.max(perInstance[0].seconds, perInstance[1].seconds);
      return { rps: ok / seconds, ok, failed: perInstance[0].failed + perInstance[1].failed, perInstance, database: db.kind };
    } finally {
      await Promise.all(bots.map((b) => b.child.stop()));
    }
  } finally {
    await db.drop();
  }
}
