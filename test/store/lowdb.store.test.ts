import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StaleWriteError } from '../../src/domain/errors.js';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { readManifest } from '../../src/store/manifest.js';
import { JournalFile } from '../../src/store/journal.js';
import { describeStoreContract } from './store-contract.js';
import { newSchool } from './fixtures/records.js';
import { storesOnDisk } from './fixtures/disk-stores.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

describeStoreContract('LowdbStore', async (now) => LowdbStore.open({ dataFile: join(await dirs.make(), 'db.json'), now }));

describe('LowdbStore on disk', () => {
  const T = 'tenant-a';
  const actor = 'person-1';
  const disk = storesOnDisk(dirs);
  const open = () => disk.open();
  const addSchool = (s: LowdbStore, urn: string, idempotencyKey?: string) =>
    s.transact(async (tx) => (await tx.insert('schools', T, newSchool(urn))).id, { actor, idempotencyKey });

  it('when the store is reopened, then records, versions and audit are still there', async () => {
    const first = await open();
    const { value: id } = await addSchool(first, '100001');
    await first.transact((tx) => tx.update('schools', T, id, 1, { name: 'Renamed' }), { actor });
    await first.close();
    const again = await open();
    expect(await again.get('schools', T, id)).toMatchObject({ name: 'Renamed', version: 2 });
    expect(await again.find('audit', T)).toHaveLength(2);
  });

  it('when a submit is retried after a restart, then it is still a no-op returning the first value', async () => {
    const first = await open();
    const { value } = await addSchool(first, '100001', 'submit-1');
    await first.close();
    const again = await open();
    expect(await addSchool(again, '100002', 'submit-1')).toEqual({ value, replayed: true });
    expect(await again.find('schools', T)).toHaveLength(1);
  });

  it('when idempotency keys are seven days old, then they still hold; after nine days their file is dropped and they run again', async () => {
    const store = await open();
    await addSchool(store, '100001', 'old-key');
    await store.fold();
    expect(Object.keys((await readManifest(disk.dataFile)).partitions)).toContain('idempotency/2026-11-23');
    disk.clock.advance(7 * 24 * 3600_000);
    expect((await addSchool(store, '100002', 'old-key')).replayed).toBe(true);
    disk.clock.advance(2 * 24 * 3600_000);
    await addSchool(store, '100003');
    await store.fold();
    expect(Object.keys((await readManifest(disk.dataFile)).partitions)).not.toContain('idempotency/2026-11-23');
    await expect(readFile(join(`${disk.dataFile}.d`, 'idempotency', '2026-11-23.json'))).rejects.toThrow(/ENOENT/);
    expect((await addSchool(store, '100004', 'old-key')).replayed).toBe(false);
  });

  it('when many units are queued together, then they are committed in one pass (one journal entry, one sync)', async () => {
    const steps: string[] = [];
    const store = await disk.open({ onStep: (step) => void steps.push(step) });
    await addSchool(store, '100000');
    steps.length = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => addSchool(store, String(100001 + i))));
    expect(steps).toEqual(['appended', 'synced', 'acknowledged']);
    const journal = await new JournalFile(join(`${disk.dataFile}.d`, 'journal.log'), `${disk.dataFile}.d`).readAll();
    expect(journal.read.entries).toHaveLength(2);
    expect(await store.find('schools', T)).toHaveLength(21);
  });

  it('when units queued together change records another unit of the group then finds, then it sees them as the units before it left them, oldest first', async () => {
    const store = await open();
    const ids: Record<string, string> = {};
    for (const [urn, cluster] of [['100001', 'South'], ['100002', 'North'], ['100003', 'South']] as const) {
      ids[urn] = (await store.transact((tx) => tx.insert('schools', T, newSchool(urn, `School ${urn}`, { cluster })), { actor })).value.id;
    }
    const north = (s: LowdbStore) => s.transact(async (tx) => (await tx.find('schools', T, { cluster: 'North' })).map((r) => `${r.urn} ${r.name}`), { actor });
    const change = (urn: string, version: number, patch: Partial<Record<'name' | 'cluster', string>>) =>
      store.transact((tx) => tx.update('schools', T, ids[urn]!, version, patch), { actor });
    const group = await Promise.all([
      store.transact((tx) => tx.insert('schools', T, newSchool('100004', 'School 100004', { cluster: 'North' })), { actor }),
      north(store),
      change('100003', 1, { cluster: 'North' }),
      north(store),
      change('100002', 1, { name: 'Renamed' }),
      change('100003', 2, { cluster: 'East' }),
      north(store),
      store.transact(async (tx) => tx.delete('schools', T, (await tx.find('schools', T, { urn: '100004' }))[0]!.id, 1), { actor }),
      north(store),
    ]);
    expect([group[1], group[3], group[6], group[8]].map((r) => r.value)).toEqual([
      ['100002 School 100002', '100004 School 100004'],
      ['100002 School 100002', '100003 School 100003', '100004 School 100004'],
      ['100002 Renamed', '100004 School 100004'],
      ['100002 Renamed'],
    ]);
    expect((await north(store)).value).toEqual(['100002 Renamed']);
  });

  it('when one unit of a group commit fails, then the others are stored and only it is refused', async () => {
    const store = await open();
    const results = await Promise.allSettled([addSchool(store, '100001'), addSchool(store, 'bad'), addSchool(store, '100002')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.find('schools', T)).map((s) => s.urn)).toEqual(['100001', '100002']);
  });

  it("when two stores share a data file, then each sees the other's commits and a stale edit is refused", async () => {
    const bot = await open();
    const cli = await open();
    const { value: id } = await addSchool(bot, '100001');
    const seenByCli = (await cli.get('schools', T, id))!;
    await bot.transact((tx) => tx.update('schools', T, id, 1, { riskLevel: 'high' }), { actor });
    await expect(cli.transact((tx) => tx.update('schools', T, id, seenByCli.version, { riskLevel: 'low' }), { actor })).rejects.toThrow(StaleWriteError);
    expect(await cli.get('schools', T, id)).toMatchObject({ riskLevel: 'high', version: 2 });
    await addSchool(cli, '100002', 'shared-key');
    expect((await addSchool(bot, '100003', 'shared-key')).replayed).toBe(true);
    expect((await bot.find('schools', T)).map((s) => s.urn)).toEqual(['100001', '100002']);
  });

  it("when this store commits and then another one does, then a read here sees the other's commit too", async () => {
    const bot = await open();
    const cli = await open();
    await addSchool(bot, '100001');
    expect((await bot.find('schools', T)).map((s) => s.urn)).toEqual(['100001']);
    await addSchool(cli, '100002');
    expect((await bot.find('schools', T)).map((s) => s.urn)).toEqual(['100001', '100002']);
    await addSchool(bot, '100003');
    await addSchool(cli, '100004');
    expect((await bot.find('schools', T)).map((s) => s.urn)).toEqual(['100001', '100002', '100003', '100004']);
  });

  it('when the audit trail is only written across folds and months, then a later read, a backup and another process see every event in order', async () => {
    const bot = await open();
    const urns = ['100001', '100002', '100003', '100004', '100005'];
    await addSchool(bot, urns[0]!);
    await bot.fold();
    await addSchool(bot, urns[1]!);
    await bot.fold();
    disk.clock.set('2026-12-01T09:00:00.000Z');
    await addSchool(bot, urns[2]!);
    await bot.fold();
    await addSchool(bot, urns[3]!);
    const cli = await open();
    await addSchool(cli, urns[4]!);
    const auditedUrns = async (s: LowdbStore) => {
      const schools = new Map((await s.find('schools', T)).map((school) => [school.id, school.urn]));
      return (await s.find('audit', T)).map((e) => schools.get(e.recordId));
    };
    expect(await auditedUrns(bot)).toEqual(urns);
    expect(await auditedUrns(cli)).toEqual(urns);
    expect((await bot.dump()).collections.audit).toHaveLength(5);
    await bot.fold();
    await bot.close();
    expect(await auditedUrns(await open())).toEqual(urns);
  });

  it('when another store restores a backup, then this one reads the restored content', async () => {
    const bot = await open();
    const admin = await open();
    await addSchool(bot, '100001');
    const backup = await admin.dump();
    disk.clock.set('2026-12-01T09:00:00.000Z');
    await addSchool(bot, '100002');
    expect(await bot.find('schools', T)).toHaveLength(2);
    await admin.restore(backup);
    expect((await bot.find('schools', T)).map((s) => s.urn)).toEqual(['100001']);
  });

  it('when a commit fails, then the log line names the error by name and code, never its message', async () => {
    const logged: object[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (obj: object) => void logged.push(obj) };
    const store = await disk.open({ logger });
    await addSchool(store, '100001');
    // The journal's path taken by a folder: the next commit cannot write it (EISDIR, whose message quotes the path).
    const journal = join(`${disk.dataFile}.d`, 'journal.log');
    await rm(journal, { force: true });
    await mkdir(journal);

    await expect(addSchool(store, '100002')).rejects.toThrow();

    expect(logged).toEqual([expect.objectContaining({ code: 'store-commit-failed', err: expect.objectContaining({ code: 'EISDIR' }) })]);
    expect(JSON.stringify(logged)).not.toContain('illegal operation');
  });

  it('when the store is closed, then reads are refused too, with a clear error', async () => {
    const store = await open();
    await store.close();
    await expect(store.find('schools', T)).rejects.toThrow(/store is closed/);
    await expect(store.dump()).rejects.toThrow(/store is closed/);
  });

  it('when a partition file was edited into an invalid record, then reading fails with one line naming the file', async () => {
    const store = await open();
    await addSchool(store, '100001');
    await store.close();
    const file = join(`${disk.dataFile}.d`, 'schools', '2026-11.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"100001"', '"1"'));
    const again = await open();
    const failure = again.find('schools', T);
    await expect(failure).rejects.toThrow(`The store file ${file} is corrupt: row 1: urn: a URN is six digits.`);
    await expect(again.find('schools', T)).rejects.not.toThrow(/\n/);
  });

  it('when the data file is not a store manifest, then opening fails naming it', async () => {
    await writeFile(disk.dataFile, '{"schools": []}');
    await expect(LowdbStore.open({ dataFile: disk.dataFile })).rejects.toThrow(`The store file ${disk.dataFile} is corrupt: it is not a school-improvement-bot/lowdb manifest of version 1 or 2.`);
    await writeFile(disk.dataFile, '{"schools": [');
    await expect(LowdbStore.open({ dataFile: disk.dataFile })).rejects.toThrow(/is corrupt: not valid JSON/);
  });
});
