import { appendFile, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { frameEntry, JournalFile, type JournalEntry } from '../../src/store/journal.js';
import { readManifest } from '../../src/store/manifest.js';
import { sha256, StoreFiles } from '../../src/store/partition.js';
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
 * What a crash leaves in the journal is written by hand here: a whole commit never folded, a commit
 * cut short, a commit whose bytes do not match its checksum. Each is what a process killed at that
 * point (or a disk that lost the tail) leaves for the next process to open the store.
 */
describe('LowdbStore commit journal', () => {
  let files: StoreFiles;
  let existing: School;
  let crashed: JournalEntry;
  const clock = new TestClock(at);
  const journalEntries = () => new JournalFile(files.journal, files.folder).readAll().then((j) => j.read);
  const warnings: object[] = [];
  const logger = { debug() {}, info() {}, error() {}, warn: (obj: object) => void warnings.push(obj) };

  beforeEach(async () => {
    warnings.length = 0;
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
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now, logger });
    const schools = (await store.find('schools', T)).map((s) => [s.name, s.version]);
    const audit = (await store.find('audit', T)).map((e) => e.recordId);
    await store.close();
    return { schools, audit };
  };

  it('when a process died after syncing a commit and before folding it, then the next open has it in every partition', async () => {
    await appendFile(files.journal, frameEntry(crashed));
    expect(await reopen()).toEqual({
      schools: [['Renamed in the crashed commit', 2], ['In the crashed commit', 1]],
      audit: [existing.id, 'crashed-school'],
    });
    expect((await readManifest(files.manifest)).generation).toBe(crashed.generation);
    expect((await journalEntries()).entries).toEqual([]);
  });

  it('when a process died after rewriting some partitions of a fold, then replaying the journal gives each record once', async () => {
    await appendFile(files.journal, frameEntry(crashed));
    const schools = crashed.partitions['schools/2026-11']!;
    await files.writePartition('schools/2026-11', { generation: crashed.generation, rows: 'put' in schools ? schools.put : [] });
    expect((await reopen()).schools).toEqual([['In the crashed commit', 1], ['Renamed in the crashed commit', 2]]);
  });

  it('when the last commit was cut short (a torn tail), then it is cut off on open, never believed, and the store is as before', async () => {
    const frame = frameEntry(crashed);
    const before = (await stat(files.journal)).size;
    await appendFile(files.journal, frame.subarray(0, Math.floor(frame.length * 0.6)));
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now, logger });
    expect(warnings).toEqual([expect.objectContaining({ code: 'store-journal-torn' })]);
    expect((await stat(files.journal)).size).toBe(before);
    expect((await store.find('schools', T)).map((s) => s.name)).toEqual(['Before the crash']);
    await store.transact((tx) => tx.insert('schools', T, newSchool('100003', 'After the crash')), { actor: 'p' });
    await store.close();
    expect((await reopen()).schools).toEqual([['Before the crash', 1], ['After the crash', 1]]);
    // Folded at closing: the partition's files hold the commit made after the crash, and the torn one nowhere.
    expect((await journalEntries()).entries).toEqual([]);
    const segments = (await readManifest(files.manifest)).segments['schools/2026-11'] ?? [];
    const written = await Promise.all([files.partition('schools/2026-11'), ...segments.map((g) => files.segment('schools/2026-11', g))].map((f) => readFile(f, 'utf8')));
    expect(written.join('')).toContain('After the crash');
    expect(written.join('')).not.toContain('In the crashed commit');
  });

  it('when the last commit is whole in length but its bytes fail the checksum, then it is cut, never believed', async () => {
    const frame = frameEntry(crashed);
    const forged = Buffer.from(frame.toString('utf8').replace('In the crashed commit', 'In the forged  commit'), 'utf8');
    expect(forged.length).toBe(frame.length);
    await appendFile(files.journal, forged);
    expect(await reopen()).toEqual({ schools: [['Before the crash', 1]], audit: [existing.id] });
    expect(warnings).toEqual([expect.objectContaining({ code: 'store-journal-torn' })]);
  });

  it('when a commit in the middle of the journal fails its checksum, then the store refuses to open, naming the journal', async () => {
    const bad = Buffer.from(frameEntry(crashed).toString('utf8').replace('In the crashed commit', 'In the damaged commit'), 'utf8');
    await appendFile(files.journal, Buffer.concat([bad, frameEntry({ ...crashed, generation: crashed.generation + 1 })]));
    await expect(LowdbStore.open({ dataFile: files.manifest })).rejects.toThrow(`The store file ${files.journal} is corrupt: the commit at byte`);
  });

  it('when a partial temporary file of a fold is left behind, then it is ignored', async () => {
    await writeFile(`${files.partition('schools/2026-11')}.tmp`, '{"generation": 99, "rows": [{"urn"');
    expect(await reopen()).toEqual({ schools: [['Before the crash', 1]], audit: [existing.id] });
  });

  it('when a fold died after writing its new journal and before putting it in place, then the next open deletes it and keeps every commit', async () => {
    await appendFile(files.journal, frameEntry(crashed));
    const staged = new JournalFile(files.journal, files.folder).stagedFile;
    await writeFile(staged, '{"format":"school-improvement-bot/journal","version":1,"base":1,"id":"never-promoted"}\n');
    expect(await reopen()).toEqual({
      schools: [['Renamed in the crashed commit', 2], ['In the crashed commit', 1]],
      audit: [existing.id, 'crashed-school'],
    });
    await expect(stat(staged)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('when the fold swapped the manifest but the journal was not started again, then its commits are not applied twice', async () => {
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now, onStep: (step) => {
      if (step === 'manifest-swapped') throw new Error('killed after the manifest swap');
    } });
    await store.transact((tx) => tx.update('schools', T, existing.id, 1, { name: 'Committed edit' }), { actor: 'p' });
    await expect(store.fold()).rejects.toThrow('killed after the manifest swap');
    expect((await journalEntries()).entries).toHaveLength(1);
    expect((await reopen()).schools).toEqual([['Committed edit', 2]]);
    const again = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    await again.transact((tx) => tx.update('schools', T, existing.id, 2, { name: 'Later edit' }), { actor: 'p' });
    await again.close();
    expect((await reopen()).schools).toEqual([['Later edit', 3]]);
  });

  it('when another process left a commit in the journal, then the next writer sees it before running its own unit', async () => {
    const store = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    await appendFile(files.journal, frameEntry(crashed));
    const { value } = await store.transact(async (tx) => (await tx.find('schools', T)).map((s) => s.name), { actor: 'p' });
    await store.close();
    expect(value).toEqual(['Renamed in the crashed commit', 'In the crashed commit']);
  });

  it('when a store of the earlier format left a whole commit in journal.json, then it is carried over; a torn one is dropped', async () => {
    await rm(files.journal);
    const body = JSON.stringify(crashed);
    await writeFile(files.legacyJournal, `${body}\n${sha256(body)}\n`);
    expect((await reopen()).schools).toEqual([['Renamed in the crashed commit', 2], ['In the crashed commit', 1]]);
    await expect(stat(files.legacyJournal)).rejects.toThrow(/ENOENT/);
    await rm(files.journal);
    await writeFile(files.legacyJournal, `${JSON.stringify({ ...crashed, generation: 99 })}\n${sha256(body)}\n`);
    expect((await reopen()).schools).toEqual([['Renamed in the crashed commit', 2], ['In the crashed commit', 1]]);
  });

  it('when one process folds while another reads and writes, then the other follows the new journal and loses nothing', async () => {
    const bot = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    const cli = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    expect((await cli.find('schools', T)).map((s) => s.name)).toEqual(['Before the crash']);
    await bot.transact((tx) => tx.insert('schools', T, newSchool('100002', 'Added by the bot')), { actor: 'p' });
    expect((await cli.find('schools', T)).map((s) => s.name)).toEqual(['Before the crash', 'Added by the bot']);
    await bot.fold();
    await bot.transact((tx) => tx.update('schools', T, existing.id, 1, { name: 'Renamed by the bot' }), { actor: 'p' });
    expect((await cli.get('schools', T, existing.id))).toMatchObject({ name: 'Renamed by the bot', version: 2 });
    await cli.transact((tx) => tx.update('schools', T, existing.id, 2, { name: 'Renamed by the CLI' }), { actor: 'p' });
    await cli.fold();
    expect((await bot.find('schools', T)).map((s) => [s.name, s.version])).toEqual([['Renamed by the CLI', 3], ['Added by the bot', 1]]);
    await Promise.all([bot.close(), cli.close()]);
    expect((await reopen()).schools).toEqual([['Renamed by the CLI', 3], ['Added by the bot', 1]]);
  });

  it('when another process folds between two commits of this one, then the second goes to the new journal: the other reads it, and so does the next open', async () => {
    const bot = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    const cli = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    await bot.transact((tx) => tx.insert('schools', T, newSchool('100002', 'Before the fold')), { actor: 'p' });
    await cli.fold();
    await bot.transact((tx) => tx.insert('schools', T, newSchool('100003', 'After the fold')), { actor: 'p' });
    expect((await cli.find('schools', T)).map((s) => s.name)).toEqual(['Before the crash', 'Before the fold', 'After the fold']);
    await Promise.all([bot.close(), cli.close()]);
    expect((await reopen()).schools).toEqual([['Before the crash', 1], ['Before the fold', 1], ['After the fold', 1]]);
  });

  it('when commits are made while a fold writes the partition files, then they are not held up, and the new journal carries them', async () => {
    const other = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    let during: Promise<unknown> | undefined;
    const store = await LowdbStore.open({
      dataFile: files.manifest,
      now: clock.now,
      onStep: async (step) => {
        if (step !== 'folded' || during) return;
        // The fold holds only its own lock here: both processes' commits go through and are answered.
        during = Promise.all([
          store.transact((tx) => tx.insert('schools', T, newSchool('100003', 'Committed here during the fold')), { actor: 'p' }),
          other.transact((tx) => tx.update('schools', T, existing.id, 'any', { name: 'Renamed elsewhere during the fold' }), { actor: 'p' }),
        ]);
        await during;
      },
    });
    await store.transact((tx) => tx.insert('schools', T, newSchool('100002', 'Before the fold')), { actor: 'p' });
    await store.fold();
    expect((await journalEntries()).entries).toHaveLength(2);
    expect((await other.find('schools', T)).map((s) => s.name)).toEqual(['Renamed elsewhere during the fold', 'Before the fold', 'Committed here during the fold']);
    await Promise.all([store.close(), other.close()]);
    expect((await reopen()).schools).toEqual([['Renamed elsewhere during the fold', 2], ['Before the fold', 1], ['Committed here during the fold', 1]]);
  });

  it('when commits are made after the manifest swap, before the new journal is in place, then it carries them and each counts once', async () => {
    const other = await LowdbStore.open({ dataFile: files.manifest, now: clock.now });
    const store = await LowdbStore.open({
      dataFile: files.manifest,
      now: clock.now,
      onStep: async (step) => {
        if (step !== 'manifest-swapped') return;
        // Only the fold lock is held: this process's commit is copied with the new journal, the other's (unseen
        // so far) when the new journal is put in place under the commit lock.
        await store.transact((tx) => tx.insert('schools', T, newSchool('100003', 'Committed here after the swap')), { actor: 'p' });
        await other.transact((tx) => tx.update('schools', T, existing.id, 'any', { name: 'Renamed elsewhere after the swap' }), { actor: 'p' });
      },
    });
    await store.transact((tx) => tx.insert('schools', T, newSchool('100002', 'Before the fold')), { actor: 'p' });
    await store.fold();
    expect((await journalEntries()).entries).toHaveLength(2);
    expect((await store.find('schools', T)).map((s) => s.name)).toEqual(['Renamed elsewhere after the swap', 'Before the fold', 'Committed here after the swap']);
    await store.transact((tx) => tx.insert('schools', T, newSchool('100004', 'After the fold')), { actor: 'p' });
    await Promise.all([store.close(), other.close()]);
    expect((await reopen()).schools).toEqual([
      ['Renamed elsewhere after the swap', 2],
      ['Before the fold', 1],
      ['Committed here after the swap', 1],
      ['After the fold', 1],
    ]);
  });
});
