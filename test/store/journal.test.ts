import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { journalText, writeJournal, type Journal } from '../../src/store/journal.js';
import { readManifest } from '../../src/store/manifest.js';
import { StoreFiles, stringifyPartition } from '../../src/store/partition.js';
import type { School } from '../../src/domain/school.js';
import type { AuditEvent } from '../../src/domain/audit.js';
import { newSchool, TestClock } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const T = 'tenant-a';
const at = '2026-11-23T09:00:00.000Z';
const meta = (id: string) => ({ id, tenantId: T, version: 1, createdAt: at, updatedAt: at });

/**
 * A crash is simulated by writing what a commit writes first (its journal) and stopping there,
 * as a process killed between syncing the journal and replacing the partition files would.
 */
describe('LowdbStore commit journal', () => {
  let files: StoreFiles;
  let existing: School;
  let crashed: Journal;
  const clock = new TestClock(at);
  /** A journal still waiting to be applied: the file is emptied once its commit is done. */
  const journalPending = () => readFile(files.journal, 'utf8').then((text) => text.length > 0, () => false);

  beforeEach(async () => {
    files = new StoreFiles(join(await dirs.make(), 'db.json'));
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    existing = (await store.transact((tx) => tx.insert('schools', T, newSchool('100001', 'Before the crash')), { actor: 'p' })).value;
    await store.close();
    const school: School = { ...newSchool('100002', 'In the crashed commit'), ...meta('crashed-school') };
    const audit: AuditEvent = { ...meta('crashed-audit'), at, actor: 'p', action: 'schools.insert', collection: 'schools', recordId: school.id };
    crashed = {
      generation: (await readManifest(files.manifest)).generation + 1,
      partitions: {
        'schools/2026-11': { put: [school, { ...existing, name: 'Renamed in the crashed commit', version: 2 }], remove: [] },
        'audit/2026-11': { put: [audit], remove: [] },
      },
      drop: [],
      replaceAll: false,
    };
  });

  const reopen = async () => {
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    const schools = (await store.find('schools', T)).map((s) => [s.name, s.version]);
    const audit = (await store.find('audit', T)).map((e) => e.recordId);
    await store.close();
    return { schools, audit };
  };

  it('when a process died after writing the journal and before the partitions, then the next open completes the commit in every partition', async () => {
    await writeJournal(files, crashed);
    expect(await reopen()).toEqual({
      schools: [['Renamed in the crashed commit', 2], ['In the crashed commit', 1]],
      audit: [existing.id, 'crashed-school'],
    });
    expect(await journalPending()).toBe(false);
    expect((await readManifest(files.manifest)).generation).toBe(crashed.generation);
  });

  it('when a process died after replacing some partitions, then replaying the journal gives each record once', async () => {
    await writeJournal(files, crashed);
    const schools = crashed.partitions['schools/2026-11']!;
    await writeFile(files.partition('schools/2026-11'), stringifyPartition({ generation: crashed.generation, rows: 'put' in schools ? schools.put : [] }));
    expect((await reopen()).schools).toEqual([['In the crashed commit', 1], ['Renamed in the crashed commit', 2]]);
  });

  it('when a process died while writing the journal, then the torn journal is discarded and the store is as before', async () => {
    const text = journalText(crashed);
    await writeFile(files.journal, text.slice(0, Math.floor(text.length * 0.6)));
    const partitionBefore = await readFile(files.partition('schools/2026-11'), 'utf8');
    expect(await reopen()).toEqual({ schools: [['Before the crash', 1]], audit: [existing.id] });
    expect(await journalPending()).toBe(false);
    expect(await readFile(files.partition('schools/2026-11'), 'utf8')).toBe(partitionBefore);
  });

  it('when a process died while writing a partition file, then its half-written temporary file is ignored', async () => {
    await writeFile(`${files.partition('schools/2026-11')}.tmp`, '{"generation": 99, "rows": [{"urn"');
    expect(await reopen()).toEqual({ schools: [['Before the crash', 1]], audit: [existing.id] });
  });

  it('when a journal whose body is whole but whose checksum line is missing is found, then it counts as torn', async () => {
    await writeFile(files.journal, journalText(crashed).split('\n')[0]!);
    expect((await reopen()).schools).toEqual([['Before the crash', 1]]);
  });

  it('when a journal left behind was already applied, then it is removed without undoing later commits', async () => {
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    await store.transact((tx) => tx.update('schools', T, existing.id, 1, { name: 'Later edit' }), { actor: 'p' });
    await store.transact((tx) => tx.update('schools', T, existing.id, 2, { name: 'Latest edit' }), { actor: 'p' });
    await store.close();
    await writeJournal(files, { ...crashed, generation: crashed.generation - 1 });
    expect((await reopen()).schools).toEqual([['Latest edit', 3]]);
    expect(await journalPending()).toBe(false);
  });

  it("when the last commit's emptied journal comes back after a crash, then replaying it leaves the newer files alone", async () => {
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    await store.transact((tx) => tx.update('schools', T, existing.id, 1, { name: 'Committed edit' }), { actor: 'p' });
    await store.close();
    const stale = { ...existing, name: 'Stale copy', version: 1 };
    await writeJournal(files, { ...crashed, generation: (await readManifest(files.manifest)).generation, partitions: { 'schools/2026-11': { put: [stale], remove: [] } } });
    expect((await reopen()).schools).toEqual([['Committed edit', 2]]);
  });

  it('when another process crashed mid-commit, then the next writer finishes it before its own unit', async () => {
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    await writeJournal(files, crashed);
    const { value } = await store.transact(async (tx) => (await tx.find('schools', T)).map((s) => s.name), { actor: 'p' });
    await store.close();
    expect(value).toEqual(['Renamed in the crashed commit', 'In the crashed commit']);
  });
});
