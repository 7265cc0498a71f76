import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore, type CommitStep } from '../../src/store/lowdb.store.js';
import { readManifest } from '../../src/store/manifest.js';
import { MAX_SEGMENTS } from '../../src/store/segments.js';
import { newSchool, TestClock } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const T = 'tenant-a';
const actor = 'person-1';
const MONTH = 'schools/2026-11';

/**
 * A fold that only adds rows to a month already on disk writes them to a segment beside it; the month's file is
 * rewritten (and its segments deleted) when rows are removed, or once its segments have grown as large as it, or
 * numerous. Every test reads the store back through a fresh open, as the next process would.
 */
describe('LowdbStore segments', () => {
  let dataFile: string;
  let clock: TestClock;
  let store: LowdbStore;
  let urn = 300000;
  const folder = () => join(`${dataFile}.d`, 'schools');
  const inode = async (file: string) => (await stat(file)).ino;
  const monthFile = () => join(folder(), '2026-11.json');
  const segmentFiles = async () => (await readdir(folder())).filter((f) => f.includes('+')).sort();
  const insert = (count: number, name = (u: string) => `School ${u}`) =>
    store.transact(async (tx) => {
      for (let i = 0; i < count; i++) {
        const u = String(urn++);
        await tx.insert('schools', T, newSchool(u, name(u)));
      }
    }, { actor });
  const reopened = async () => {
    await store.close();
    store = await LowdbStore.open({ dataFile, now: clock.now });
    return (await store.find('schools', T)).map((s) => s.name);
  };

  beforeEach(async () => {
    dataFile = join(await dirs.make(), 'db.json');
    clock = new TestClock('2026-11-10T10:00:00.000Z');
    store = await LowdbStore.open({ dataFile, now: clock.now });
    // A month file of 20 schools, then commits that add to it.
    await insert(20);
    await store.fold();
  });
  afterEach(() => store.close());

  it('when a fold only adds rows, then they go to a segment and the month file is kept; once the segments are as large as the file, it is rewritten whole and they are deleted', async () => {
    const first = await inode(monthFile());
    const names: string[] = (await store.find('schools', T)).map((s) => s.name);
    for (let fold = 0; fold < 3; fold++) {
      await insert(3);
      await store.fold();
    }
    expect(await inode(monthFile())).toBe(first);
    expect(await segmentFiles()).toHaveLength(3);
    expect((await readManifest(dataFile)).segments[MONTH]).toHaveLength(3);
    // 9 rows in segments against 20 in the file: still smaller. Twelve more make them larger, and the fold after that rewrites.
    await insert(12);
    await store.fold();
    await insert(1);
    await store.fold();
    expect(await inode(monthFile())).not.toBe(first);
    expect(await segmentFiles()).toEqual([]);
    const manifest = await readManifest(dataFile);
    expect(manifest.segments).toEqual({});
    expect(JSON.parse(await readFile(dataFile, 'utf8')).version).toBe(1);
    expect(JSON.parse(await readFile(monthFile(), 'utf8')).rows).toHaveLength(20 + 9 + 12 + 1);
    for (let u = 300020; u < urn; u++) names.push(`School ${u}`);
    expect(await reopened()).toEqual(names);
  });

  it(`when a month has ${MAX_SEGMENTS} segments, then the next fold rewrites it however small they are`, async () => {
    // 200 rows in a segment ten times the file's size: the next fold rewrites the month with them.
    await insert(200);
    await store.fold();
    await insert(1);
    await store.fold();
    expect(await segmentFiles()).toEqual([]);
    const first = await inode(monthFile());
    for (let fold = 0; fold < MAX_SEGMENTS; fold++) {
      await insert(1);
      await store.fold();
    }
    expect(await segmentFiles()).toHaveLength(MAX_SEGMENTS);
    expect(await inode(monthFile())).toBe(first);
    await insert(1);
    await store.fold();
    expect(await segmentFiles()).toEqual([]);
    expect(await inode(monthFile())).not.toBe(first);
    expect(await reopened()).toHaveLength(20 + 201 + MAX_SEGMENTS + 1);
  });

  it('when a record is changed after its month has segments, then the month is rewritten whole: the earlier version (a name since erased) is in no file, and the segments go', async () => {
    const [, changed] = await store.find('schools', T);
    await store.transact((tx) => tx.update('schools', T, changed!.id, 1, { name: 'Secret Name' }), { actor });
    await store.fold();
    await insert(2);
    await store.fold();
    expect(await segmentFiles()).toHaveLength(1);
    await store.transact((tx) => tx.update('schools', T, changed!.id, 2, { name: '[erased]' }), { actor });
    await store.fold();
    expect(await segmentFiles()).toEqual([]);
    for (const file of await readdir(folder())) expect(await readFile(join(folder(), file), 'utf8')).not.toContain('Secret Name');
    const names = await reopened();
    expect(names).toHaveLength(22);
    expect(names[1]).toBe('[erased]');
  });

  it('when commits come while a fold writes, then the next segment holds only what they added, not again what the fold wrote', async () => {
    await store.close();
    let during: (() => Promise<unknown>) | undefined;
    store = await LowdbStore.open({ dataFile, now: clock.now, onStep: async (step: CommitStep) => {
      if (step !== 'folded' || !during) return;
      const commit = during;
      during = undefined;
      await commit();
    } });
    await insert(2, (u) => `Before ${u}`);
    during = () => insert(1, (u) => `During ${u}`);
    await store.fold();
    await insert(1, (u) => `After ${u}`);
    await store.fold();
    const segments = (await readManifest(dataFile)).segments[MONTH]!;
    expect(segments).toHaveLength(2);
    const rows = async (g: number) => JSON.parse(await readFile(join(folder(), `2026-11+${g}.json`), 'utf8')).rows.map((r: { name: string }) => r.name.split(' ')[0]);
    expect(await rows(segments[0]!)).toEqual(['Before', 'Before']);
    expect(await rows(segments[1]!)).toEqual(['During', 'After']);
    expect(await reopened()).toHaveLength(24);
  });

  it('when a segment the manifest lists is missing, then reading the month fails naming it, rather than lacking its rows', async () => {
    await insert(2);
    await store.close();
    const [segment] = await segmentFiles();
    await rm(join(folder(), segment!));
    store = await LowdbStore.open({ dataFile, now: clock.now });
    await expect(store.find('schools', T)).rejects.toThrow(`The store file ${join(folder(), segment!)} is corrupt: the manifest lists it but the file is missing.`);
  });

  it('when a segment is damaged, then reading the month fails naming it', async () => {
    await insert(2);
    await store.close();
    const [segment] = await segmentFiles();
    const file = join(folder(), segment!);
    // The checksum no longer matches, so the rows are checked one by one against the schema: the first fails.
    await writeFile(file, (await readFile(file, 'utf8')).replace('"urn":"', '"urn":"not a URN '));
    store = await LowdbStore.open({ dataFile, now: clock.now });
    await expect(store.find('schools', T)).rejects.toThrow(`The store file ${file} is corrupt: row 1: urn:`);
  });

  it('when a fold died after writing its segment and before the manifest swap, then the segment is not read, the journal gives each row once, and the next rewrite deletes it', async () => {
    await store.close();
    const dying = await LowdbStore.open({ dataFile, now: clock.now, onStep: (step: CommitStep) => {
      if (step === 'folded') throw new Error('killed after writing the partition files');
    } });
    await dying.transact((tx) => tx.insert('schools', T, newSchool('399999', 'In the dead fold')), { actor });
    await expect(dying.fold()).rejects.toThrow('killed after writing the partition files');
    expect(await segmentFiles()).toHaveLength(1);
    expect((await readManifest(dataFile)).segments).toEqual({});
    store = await LowdbStore.open({ dataFile, now: clock.now });
    const names = (await store.find('schools', T)).map((s) => s.name);
    expect(names.filter((n) => n === 'In the dead fold')).toHaveLength(1);
    expect(names).toHaveLength(21);
    // A deletion rewrites the month: the leftover goes with the segments the manifest lists.
    const [first] = await store.find('schools', T);
    await store.transact((tx) => tx.delete('schools', T, first!.id, 1), { actor });
    await store.fold();
    expect(await segmentFiles()).toEqual([]);
    expect(await reopened()).toContain('In the dead fold');
  });

  it('when a month file was rewritten by a fold that died before its manifest swap, then the segments it already holds are not read over it', async () => {
    await insert(1, () => 'In a segment');
    await store.fold();
    await store.close();
    const dying = await LowdbStore.open({ dataFile, now: clock.now, onStep: (step: CommitStep) => {
      if (step === 'folded') throw new Error('killed after writing the partition files');
    } });
    // Deleting the record that segment holds makes the fold rewrite the month without it; the manifest still lists the segment.
    const added = (await dying.find('schools', T)).find((s) => s.name === 'In a segment')!;
    await dying.transact((tx) => tx.delete('schools', T, added.id, 1), { actor });
    await expect(dying.fold()).rejects.toThrow('killed after writing the partition files');
    expect((await readManifest(dataFile)).segments[MONTH]).toHaveLength(1);
    store = await LowdbStore.open({ dataFile, now: clock.now });
    const names = (await store.find('schools', T)).map((s) => s.name);
    expect(names).toHaveLength(20);
    expect(names).not.toContain('In a segment');
  });

  it('when the manifest lists a month\'s segments out of order, or segments of a month it does not list, then opening the store fails naming the manifest', async () => {
    await insert(1);
    await store.fold();
    await insert(1);
    await store.close();
    const manifest = JSON.parse(await readFile(dataFile, 'utf8'));
    manifest.segments[MONTH] = [...manifest.segments[MONTH]].reverse();
    await writeFile(dataFile, JSON.stringify(manifest));
    await expect(LowdbStore.open({ dataFile, now: clock.now }).then((s) => s.find('schools', T))).rejects.toThrow(`The store file ${dataFile} is corrupt: its segments of ${MONTH} are out of order.`);
    // Segments of a month the manifest does not list: the month's file would never be read with them.
    manifest.segments['schools/2026-08'] = [1];
    manifest.segments[MONTH] = [...manifest.segments[MONTH]].reverse();
    await writeFile(dataFile, JSON.stringify(manifest));
    await expect(LowdbStore.open({ dataFile, now: clock.now }).then((s) => s.find('schools', T))).rejects.toThrow(`The store file ${dataFile} is corrupt: it lists segments of schools/2026-08, which it does not list.`);
    // Another store, for afterEach to close.
    store = await LowdbStore.open({ dataFile: join(await dirs.make(), 'db.json'), now: clock.now });
  });
});
