import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { LockLostError } from '../../src/store/lowdb-lock.js';
import { newSchool } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const T = 'tenant-a';
const STALE_MS = 3000;

/** Two holders of one data file's lock (as two processes would be), with a short stale time so that the tests need not wait 10 s. */
describe('LowdbStore lock between processes', () => {
  const logged: object[] = [];
  const logger = { debug() {}, info() {}, warn() {}, error: (obj: object) => void logged.push(obj) };
  beforeEach(() => {
    logged.length = 0;
  });

  it('when a unit holds the lock for longer than the stale time, then the lock stays its own: the other writer waits and sees its write', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    const slow = await LowdbStore.open({ dataFile, logger, lockStaleMs: STALE_MS });
    const other = await LowdbStore.open({ dataFile, logger, lockStaleMs: STALE_MS });
    let slowStarted!: () => void;
    const started = new Promise<void>((r) => (slowStarted = r));
    const long = slow.transact(
      async (tx) => {
        slowStarted();
        await sleep(STALE_MS * 2);
        await tx.insert('schools', T, newSchool('100001', 'Written by the slow holder'));
      },
      { actor: 'slow' },
    );
    await started;
    const seen = other.transact(async (tx) => {
      await tx.insert('schools', T, newSchool('100002', 'Written after it'));
      return (await tx.find('schools', T)).map((s) => s.name);
    }, { actor: 'other' });
    await long;
    expect((await seen).value).toEqual(['Written by the slow holder', 'Written after it']);
    expect(logged).toEqual([]);
    await Promise.all([slow.close(), other.close()]);
  }, 30_000);

  it('when a commit has held the lock for half the stale time, then reads no longer take memory for the last commit: they wait for it and see it', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    let watching = false;
    let acknowledged = false;
    let early: string[] = [];
    let late: Promise<{ names: string[]; acknowledged: boolean }> | undefined;
    const names = async () => (await store.find('schools', T)).map((s) => s.name);
    const store: LowdbStore = await LowdbStore.open({
      dataFile,
      logger,
      lockStaleMs: STALE_MS,
      onStep: async (step) => {
        if (step !== 'appended' || !watching) return;
        watching = false;
        // The commit holds the lock, its entry written but not synced: a read now is answered from memory, without it.
        early = await names();
        // Past half the stale time, another process could take over a lock whose holder stalled: the read waits its turn.
        await sleep(STALE_MS / 2 + 200);
        late = names().then((n) => ({ names: n, acknowledged }));
      },
    });
    expect(await names()).toEqual([]);
    watching = true;
    await store.transact((tx) => tx.insert('schools', T, newSchool('100001', 'Written slowly')), { actor: 'slow' });
    acknowledged = true;
    expect(early).toEqual([]);
    expect(await late).toEqual({ names: ['Written slowly'], acknowledged: true });
    await store.close();
  }, 30_000);

  it('when a holder loses its lock mid-unit, then it writes nothing: its unit is refused and the store is as before', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    const store = await LowdbStore.open({ dataFile, logger, lockStaleMs: STALE_MS });
    const lost = store.transact(
      async (tx) => {
        // Another process took the lock over (here: removed it), as it would from a holder that stalled past the stale time.
        await rm(`${dataFile}.lock`, { recursive: true });
        await sleep(STALE_MS);
        await tx.insert('schools', T, newSchool('100001', 'Written without the lock'));
      },
      { actor: 'stalled' },
    );
    await expect(lost).rejects.toThrow(LockLostError);
    expect(logged).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'store-lock-compromised' })]));
    await store.close();
    const again = await LowdbStore.open({ dataFile });
    expect(await again.find('schools', T)).toEqual([]);
    await again.close();
  }, 30_000);
  it('when a fold loses its fold lock after staging its new journal, then it does not put that journal in place, and every commit is kept', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    let takeOver = false;
    const store = await LowdbStore.open({
      dataFile,
      logger,
      lockStaleMs: STALE_MS,
      onStep: async (step) => {
        if (step !== 'manifest-swapped' || !takeOver) return;
        // Another process's fold took the fold lock over (here: removed it), and may stage a journal of its own.
        await rm(`${dataFile}.fold.lock`, { recursive: true });
        await sleep(STALE_MS);
      },
    });
    await store.transact((tx) => tx.insert('schools', T, newSchool('100001', 'Before the fold')).then(() => undefined), { actor: 'a' });
    takeOver = true;
    await expect(store.fold()).rejects.toThrow(LockLostError);
    takeOver = false;
    await store.transact((tx) => tx.insert('schools', T, newSchool('100002', 'After the fold')).then(() => undefined), { actor: 'a' });
    await store.close();
    const again = await LowdbStore.open({ dataFile });
    expect((await again.find('schools', T)).map((s) => s.name).sort()).toEqual(['After the fold', 'Before the fold']);
    await again.close();
  }, 30_000);
});
