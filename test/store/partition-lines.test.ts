import { jest } from '@jest/globals';
import { readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { copyableLines, headerLine, type FileLines } from '../../src/store/partition-lines.js';
import { sha256, StoreFiles, type Row } from '../../src/store/partition.js';
import { TimeSlices } from '../../src/store/time-slices.js';
import type { School } from '../../src/domain/school.js';
import { newSchool, TestClock } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const T = 'tenant-a';
const MONTH = 'schools/2026-11';
const at = '2026-11-10T10:00:00.000Z';
const school = (urn: number, name = `School ${urn}`): Row => Object.freeze({ ...newSchool(String(urn), name), id: `s-${urn}`, tenantId: T, version: 1, createdAt: at, updatedAt: at }) as Row;

/**
 * A fold that rewrites a month copies the lines of the rows that did not change from the file as it is, instead of
 * serialising every row again; it copies only from a file that is exactly what this process read or wrote (its
 * generation, its checksum, one line of the known length per row), so damage on disk is never carried over.
 */
describe('copyableLines', () => {
  async function written(rows: Row[], generation = 7): Promise<{ files: StoreFiles; lines: FileLines<Row>; file: string }> {
    const files = new StoreFiles(join(await dirs.make(), 'db.json'));
    const lines = await files.writePartition(MONTH, { generation, rows }, undefined);
    return { files, lines, file: files.partition(MONTH) };
  }

  it('when the file is as written, then each row maps to its own JSON, byte for byte', async () => {
    const rows = [school(1), school(2, 'Ysgol Gymraeg Bro Dinefwr – “Ŵyn”'), school(3)];
    const { lines, file } = await written(rows);

    const copy = await copyableLines(file, lines, new TimeSlices());

    expect(copy?.size).toBe(3);
    for (const row of rows) expect(copy!.get(row)!.toString('utf8')).toBe(JSON.stringify(row));
  });

  it('when the file read back is the one written, then its lines are known too, and a rewrite with one row changed reads back exactly', async () => {
    const rows = [school(1), school(2), school(3)];
    const { files } = await written(rows);
    const read = await files.readPartition(MONTH);
    const changed = [read!.rows[0]!, school(2, 'Renamed'), read!.rows[2]!];

    await files.writePartition(MONTH, { generation: 8, rows: changed }, read!.lines);

    expect((await files.readPartition(MONTH))!.rows).toEqual(changed);
  });

  it('when the file is damaged, at another generation, or laid out otherwise, then nothing is copied from it', async () => {
    const rows = [school(1), school(2), school(3)];
    const { lines, file } = await written(rows);
    const text = await readFile(file, 'utf8');

    // One letter of a name, the length kept: the checksum no longer matches.
    await writeFile(file, text.replace('School 2', 'School X'));
    expect(await copyableLines(file, lines, new TimeSlices())).toBeUndefined();
    // Another generation's file, intact.
    await writeFile(file, text);
    expect(await copyableLines(file, { ...lines, generation: 8 }, new TimeSlices())).toBeUndefined();
    // A line of another length than the one known.
    expect(await copyableLines(file, { ...lines, bytes: Uint32Array.from([1, 2, 3]) }, new TimeSlices())).toBeUndefined();
    // Rows this process does not know the lines of.
    expect(await copyableLines(file, { ...lines, rows: rows.slice(0, 2) }, new TimeSlices())).toBeUndefined();
    // No file at all.
    expect(await copyableLines(`${file}.gone`, lines, new TimeSlices())).toBeUndefined();
  });

  it('when another intact file of the same generation, with lines of the same lengths, stands there, then nothing is copied from it', async () => {
    const alpha = school(100001, 'Alpha');
    const bravo = school(100002, 'Bravo');
    const { files, lines } = await written([alpha, bravo]);
    // The same two rows the other way round: same generation, same line lengths, a valid checksum of its own.
    await files.writePartition(MONTH, { generation: 7, rows: [bravo, alpha] }, undefined);

    await files.writePartition(MONTH, { generation: 8, rows: [alpha, school(100003, 'Charlie')] }, lines);

    expect((await files.readPartition(MONTH))!.rows.map((r) => (r as School).name)).toEqual(['Alpha', 'Charlie']);
  });

  it('when the body goes on after its last row, then nothing is copied from it', async () => {
    const rows = [school(1), school(2)];
    const { lines, file } = await written(rows);
    const body = `${rows.map((r) => JSON.stringify(r)).join(',\n')}\n{"stray":true}\n]}\n`;
    await writeFile(file, `${headerLine(7, sha256(body))}${body}`);

    expect(await copyableLines(file, { ...lines, sha256: sha256(body) }, new TimeSlices())).toBeUndefined();
  });

  it('when the file cannot be read, then the rewrite serialises every row and replaces it', async () => {
    const rows = [school(1), school(2)];
    const { files, lines, file } = await written(rows);
    await unlink(file);
    // A link to itself: ELOOP on every read.
    await symlink(file, file);

    await files.writePartition(MONTH, { generation: 8, rows }, lines);

    expect((await files.readPartition(MONTH))!.rows).toEqual(rows);
  });
});

describe('LowdbStore: a month rewritten after a change', () => {
  let dataFile: string;
  let store: LowdbStore;
  const monthFile = () => join(`${dataFile}.d`, 'schools', '2026-11.json');

  beforeEach(async () => {
    dataFile = join(await dirs.make(), 'db.json');
    store = await LowdbStore.open({ dataFile, now: new TestClock(at).now });
    await store.transact(async (tx) => {
      for (let urn = 100100; urn < 100300; urn++) await tx.insert('schools', T, newSchool(String(urn)));
    }, { actor: 'p' });
    await store.fold();
  });
  afterEach(() => store.close());

  const rename = async (urn: string, name: string) => {
    const [found] = await store.find('schools', T, { urn });
    await store.transact((tx) => tx.update('schools', T, found!.id, found!.version, { name }), { actor: 'p' });
  };

  it('when one school of 200 is renamed, then the fold serialises that one only, and the month reads back whole', async () => {
    const others = (await store.find('schools', T)).filter((s) => s.urn !== '100150');
    await rename('100150', 'Renamed once');
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      await store.fold();
      const serialised = new Set(stringify.mock.calls.map(([value]) => value));
      expect(others.filter((s) => serialised.has(s))).toEqual([]);
      // The file the fold wrote is known line for line too: the next rewrite copies from it.
      await rename('100151', 'Renamed twice');
      stringify.mockClear();
      await store.fold();
      const again = new Set(stringify.mock.calls.map(([value]) => value));
      expect(others.filter((s) => s.urn !== '100151' && again.has(s))).toEqual([]);
    } finally {
      stringify.mockRestore();
    }
    await store.close();
    store = await LowdbStore.open({ dataFile });
    const names = (await store.find('schools', T)).map((s: School) => s.name);
    expect(names).toHaveLength(200);
    expect(names.filter((n) => n.startsWith('Renamed'))).toEqual(['Renamed once', 'Renamed twice']);
  });

  it('when the month file is damaged on disk after it was read, then the rewrite carries none of the damage: it holds what was committed', async () => {
    await store.find('schools', T);
    const text = await readFile(monthFile(), 'utf8');
    await writeFile(monthFile(), text.replace('"School 100120"', '"School 1001XY"'));

    await rename('100150', 'Renamed');
    await store.fold();
    await store.close();
    store = await LowdbStore.open({ dataFile });

    const names = (await store.find('schools', T)).map((s) => s.name);
    expect(names).toContain('School 100120');
    expect(names).not.toContain('School 1001XY');
    expect(names).toContain('Renamed');
  });
});
