import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { readManifest } from '../../src/store/manifest.js';
import { newSchool, TestClock } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const T = 'tenant-a';
const actor = 'person-1';

/** What identifies a file's content on disk: a replaced file gets a new inode and mtime. */
async function fingerprint(file: string): Promise<string> {
  const s = await stat(file, { bigint: true });
  return `${s.ino}:${s.mtimeNs}:${s.size}`;
}

describe('LowdbStore partitions', () => {
  let dataFile: string;
  let clock: TestClock;
  let store: LowdbStore;
  const ids = new Map<string, string>();
  const partition = (key: string) => join(`${dataFile}.d`, `${key}.json`);
  const segment = (key: string, generation: number) => join(`${dataFile}.d`, `${key}+${generation}.json`);

  beforeEach(async () => {
    dataFile = join(await dirs.make(), 'db.json');
    clock = new TestClock();
    store = await LowdbStore.open({ dataFile, now: clock.now });
    for (const [month, urn] of [['2026-09', '100009'], ['2026-10', '100010'], ['2026-11', '100011']] as const) {
      clock.set(`${month}-15T10:00:00.000Z`);
      ids.set(month, (await store.transact(async (tx) => (await tx.insert('schools', T, newSchool(urn))).id, { actor })).value);
    }
    await store.fold();
  });
  afterEach(() => store.close());

  it('when records are created in different months, then each month of each collection is its own file, listed in the manifest', async () => {
    expect((await readdir(join(`${dataFile}.d`, 'schools'))).sort()).toEqual(['2026-09.json', '2026-10.json', '2026-11.json']);
    expect(Object.keys((await readManifest(dataFile)).partitions).sort()).toEqual([
      'audit/2026-09', 'audit/2026-10', 'audit/2026-11', 'schools/2026-09', 'schools/2026-10', 'schools/2026-11',
    ]);
    const september = JSON.parse(await readFile(partition('schools/2026-09'), 'utf8'));
    expect(september.rows.map((r: { urn: string }) => r.urn)).toEqual(['100009']);
  });

  it('when a record is updated, then its month is rewritten (no earlier version is left on disk), the audit event is added to its month in a segment, and other months are untouched', async () => {
    const untouched = ['schools/2026-10', 'schools/2026-11', 'audit/2026-09', 'audit/2026-10', 'audit/2026-11'];
    const before = await Promise.all(untouched.map((k) => fingerprint(partition(k))));
    const september = await fingerprint(partition('schools/2026-09'));
    clock.set('2026-11-20T10:00:00.000Z');
    await store.transact((tx) => tx.update('schools', T, ids.get('2026-09')!, 1, { name: 'Renamed in November' }), { actor });
    await store.fold();
    expect(await Promise.all(untouched.map((k) => fingerprint(partition(k))))).toEqual(before);
    expect(await fingerprint(partition('schools/2026-09'))).not.toEqual(september);
    const text = await readFile(partition('schools/2026-09'), 'utf8');
    expect(JSON.parse(text).rows.map((r: { name: string; version: number }) => [r.name, r.version])).toEqual([['Renamed in November', 2]]);
    expect(text).not.toContain('School 100009');
    const manifest = await readManifest(dataFile);
    expect(Object.keys(manifest.segments)).toEqual(['audit/2026-11']);
    const [generation] = manifest.segments['audit/2026-11']!;
    expect(JSON.parse(await readFile(segment('audit/2026-11', generation!), 'utf8')).rows.map((e: { action: string }) => e.action)).toEqual(['schools.update']);
    await store.close();
    store = await LowdbStore.open({ dataFile, now: clock.now });
    expect((await store.find('audit', T)).map((e) => e.action)).toEqual(['schools.insert', 'schools.insert', 'schools.insert', 'schools.update']);
  });

  it('when a new record is inserted, then older months are not rewritten', async () => {
    const older = ['schools/2026-09', 'schools/2026-10', 'audit/2026-09', 'audit/2026-10'];
    const before = await Promise.all(older.map((k) => fingerprint(partition(k))));
    clock.set('2026-11-21T10:00:00.000Z');
    await store.transact((tx) => tx.insert('schools', T, newSchool('100012')), { actor });
    await store.fold();
    expect(await Promise.all(older.map((k) => fingerprint(partition(k))))).toEqual(before);
    expect((await store.find('schools', T)).map((s) => s.urn)).toEqual(['100009', '100010', '100011', '100012']);
  });

  it('when a record is written, then the commit appends to the journal only; the partition files change at the fold', async () => {
    const all = ['schools/2026-09', 'schools/2026-10', 'schools/2026-11', 'audit/2026-11'];
    const before = await Promise.all(all.map((k) => fingerprint(partition(k))));
    const manifest = await readFile(dataFile, 'utf8');
    const journal = (await stat(join(`${dataFile}.d`, 'journal.log'))).size;
    await store.transact((tx) => tx.update('schools', T, ids.get('2026-11')!, 1, { name: 'Renamed' }), { actor });
    expect(await Promise.all(all.map((k) => fingerprint(partition(k))))).toEqual(before);
    expect(await readFile(dataFile, 'utf8')).toBe(manifest);
    expect((await stat(join(`${dataFile}.d`, 'journal.log'))).size).toBeGreaterThan(journal);
    expect((await store.get('schools', T, ids.get('2026-11')!))?.name).toBe('Renamed');
    await store.fold();
    expect(JSON.parse(await readFile(partition('schools/2026-11'), 'utf8')).rows[0].name).toBe('Renamed');
    expect((await readFile(join(`${dataFile}.d`, 'journal.log'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('when a partition file the store wrote is read, then its checksum is checked; a hand edit that keeps to the schema is read after validation', async () => {
    await store.close();
    const file = partition('schools/2026-10');
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^\{"generation":\d+,"sha256":"[0-9a-f]{64}","rows":\[$/);
    await writeFile(file, text.replace('School 100010', 'Renamed by hand'));
    store = await LowdbStore.open({ dataFile, now: clock.now });
    expect((await store.find('schools', T)).map((s) => s.name)).toEqual(['School 100009', 'Renamed by hand', 'School 100011']);
  });

  it('when a month holds more than one slice of rows, then its file is whole, checksummed, one row a line, and reads back the same', async () => {
    // Rows with characters outside ASCII, so that slices and the checksum are by bytes, not by characters.
    const names = Array.from({ length: 1500 }, (_, i) => `École Saint-Aubin ${i} — ${'é'.repeat(60)}`);
    clock.set('2026-12-01T10:00:00.000Z');
    for (let i = 0; i < names.length; i += 100) {
      await store.transact(async (tx) => {
        for (const name of names.slice(i, i + 100)) await tx.insert('schools', T, newSchool(String(200000 + names.indexOf(name)), name));
      }, { actor });
    }
    await store.fold();
    await store.close();
    const text = await readFile(partition('schools/2026-12'), 'utf8');
    const [first, ...rest] = text.split('\n');
    expect(text.length).toBeGreaterThan(200_000);
    expect(first).toBe(`{"generation":${(await readManifest(dataFile)).partitions['schools/2026-12']},"sha256":"${createHash('sha256').update(rest.join('\n')).digest('hex')}","rows":[`);
    expect(rest).toHaveLength(names.length + 2);
    store = await LowdbStore.open({ dataFile, now: clock.now });
    expect((await store.find('schools', T)).map((s) => s.name)).toEqual(['School 100009', 'School 100010', 'School 100011', ...names]);
  });

  it('when an older copy of a partition file is put back, then reading it fails naming the file, rather than lacking commits', async () => {
    const file = partition('schools/2026-11');
    const older = await readFile(file, 'utf8');
    await store.transact((tx) => tx.update('schools', T, ids.get('2026-11')!, 1, { name: 'Renamed' }), { actor });
    await store.close();
    await writeFile(file, older);
    store = await LowdbStore.open({ dataFile, now: clock.now });
    await expect(store.find('schools', T)).rejects.toThrow(new RegExp(`^The store file ${file} is corrupt: it holds commit \\d+, but the manifest says \\d+\\.$`));
  });

  it("when one collection's file is damaged, then the other collections are still read (each loads on first use)", async () => {
    await store.transact((tx) => tx.insert('people', T, { email: 'a@school.example', name: 'A', roles: [], schools: [], trainedFor: [] }), { actor });
    await store.close();
    await writeFile(partition('people/2026-11'), 'not json');
    store = await LowdbStore.open({ dataFile, now: clock.now });
    expect((await store.find('schools', T)).map((s) => s.urn)).toEqual(['100009', '100010', '100011']);
    await expect(store.find('people', T)).rejects.toThrow(`The store file ${partition('people/2026-11')} is corrupt: not valid JSON`);
  });
});
