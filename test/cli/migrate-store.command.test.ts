import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { TempDirs } from '../store/fixtures/temp-dir.js';
import { newSchool } from '../store/fixtures/records.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';

const dirs = new TempDirs();
const databases = new TestDatabases();
afterAll(() => Promise.all([dirs.removeAll(), databases.dropAll()]));

const T = 'tenant-a';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    clock: fixedClock('2026-11-23T09:00:00Z'),
    env: { LOG_LEVEL: 'silent', DATA_FILE: join(await dirs.make(), 'unused.json') },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

/** A lowdb store with two schools in two tenants, a confidential concern and their audit events, closed again. */
async function lowdbWithRecords(): Promise<string> {
  const dataFile = join(await dirs.make(), 'db.json');
  const store = await LowdbStore.open({ dataFile });
  await store.transact(async (tx) => {
    await tx.insert('schools', T, newSchool('100001', 'Oakwood'));
    await tx.insert('schools', 'tenant-b', newSchool('200001', 'Elm'));
  }, { actor: 'cli:admin' });
  await store.transact(
    (tx) => tx.insert('concerns', T, { schoolUrn: '100001', raisedBy: 'person-1', raisedAt: '2026-11-23T09:00:00Z', text: 'Confidential worry about a pupil' }).then(() => undefined),
    { actor: 'person-1' },
  );
  await store.close();
  return dataFile;
}

describe('migrate-store', () => {
  it('when the lowdb store named does not exist, then it is refused with one line and nothing is created', async () => {
    const { code, err } = await cli('migrate-store', '--from', join(await dirs.make(), 'missing.json'), '--to', 'postgres://x@127.0.0.1:1/db');
    expect(code).toBe(1);
    expect(err).toMatch(/^error: --from: there is no lowdb store at .*missing\.json\.\n$/);
  });

  it('when DATABASE_URL is unset, then migrate says it is for PostgreSQL only', async () => {
    const { code, err } = await cli('migrate');
    expect(code).toBe(1);
    expect(err).toMatch(/^error: DATABASE_URL is not set/);
  });
});

describeWithPostgres('migrate-store to PostgreSQL', () => {
  it('when a lowdb store is moved, then every collection arrives with equal counts, every tenant; a second move is refused unless --replace', async () => {
    const dataFile = await lowdbWithRecords();
    const url = await databases.make();
    const source = await LowdbStore.open({ dataFile });
    const before = await source.dump();
    await source.close();

    const moved = await cli('migrate-store', '--from', dataFile, '--to', url);

    expect(moved.err).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.out).toContain('schools: 2 in lowdb, 2 in PostgreSQL\n');
    expect(moved.out).toContain('concerns: 1 in lowdb, 1 in PostgreSQL\n');
    expect(moved.out).toMatch(/audit: \d+ in lowdb, \d+ in PostgreSQL\n/);
    expect(moved.out).toMatch(/every count matches/);
    expect(moved.out).not.toContain('Confidential worry');
    const target = await PostgresStore.open({ url });
    try {
      const after = await target.dump();
      for (const [collection, rows] of Object.entries(before.collections)) expect([collection, after.collections[collection]]).toEqual([collection, rows]);
    } finally {
      await target.close();
    }

    const again = await cli('migrate-store', '--from', dataFile, '--to', url);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^error: --to: the database already holds \d+ records; pass --replace/);
    const replaced = await cli('migrate-store', '--from', dataFile, '--to', url, '--replace');
    expect(replaced.code).toBe(0);
  });

  it('when migrate is run, then it applies the schema once and says so', async () => {
    const url = await databases.make();
    const first = await runCli(['migrate'], { env: { LOG_LEVEL: 'silent', DATABASE_URL: url }, stdout: { write: () => true }, stderr: { write: () => true } });
    let out = '';
    const second = await runCli(['migrate'], { env: { LOG_LEVEL: 'silent', DATABASE_URL: url }, stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
    expect([first, second]).toEqual([0, 0]);
    expect(out).toBe('The schema is up to date (version 4).\n');
  });
});
