import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { StoreFiles, type Row } from '../../src/store/partition.js';
import { newSchool, TestClock } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const T = 'tenant-a';
const MONTH = 'schools/2026-11';
const at = '2026-11-10T10:00:00.000Z';
const school = (urn: number, name = `School ${urn}`): Row => Object.freeze({ ...newSchool(String(urn), name), id: `s-${urn}`, tenantId: T, version: 1, createdAt: at, updatedAt: at }) as Row;

/**
 * A partition file is written as bytes, one row a line, its checksum taken over the bytes as written; it is read as
 * bytes, checked over them, and decoded once.
 */
describe('A partition file', () => {
  it('when it holds text in any script, then it reads back exactly, as the store wrote it (its checksum accepted)', async () => {
    const files = new StoreFiles(join(await dirs.make(), 'db.json'));
    const rows = [school(100001), school(100002, 'Ysgol Gymraeg Bro Dinefwr – “Ŵyn” 🏫'), school(100003, 'Ecole élémentaire Saint-Hélène')];

    await files.writePartition(MONTH, { generation: 7, rows });

    expect(await files.readPartition(MONTH)).toEqual({ generation: 7, rows });
    const lines = (await readFile(files.partition(MONTH), 'utf8')).split('\n');
    expect(lines.slice(1, 4)).toEqual(rows.map((r, i) => `${JSON.stringify(r)}${i < 2 ? ',' : ''}`));
  });

  it('when a month is damaged on disk after it was read, then the next rewrite holds what was committed, not the damage', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    let store = await LowdbStore.open({ dataFile, now: new TestClock(at).now });
    try {
      await store.transact(async (tx) => {
        for (let urn = 100100; urn < 100300; urn++) await tx.insert('schools', T, newSchool(String(urn)));
      }, { actor: 'p' });
      await store.fold();
      const [found] = await store.find('schools', T, { urn: '100150' });
      const monthFile = join(`${dataFile}.d`, 'schools', '2026-11.json');
      await writeFile(monthFile, (await readFile(monthFile, 'utf8')).replace('"School 100120"', '"School 1001XY"'));

      await store.transact((tx) => tx.update('schools', T, found!.id, found!.version, { name: 'Renamed' }), { actor: 'p' });
      await store.fold();
      await store.close();
      store = await LowdbStore.open({ dataFile });

      const names = (await store.find('schools', T)).map((s) => s.name);
      expect(names).toHaveLength(200);
      expect(names).toContain('School 100120');
      expect(names).not.toContain('School 1001XY');
      expect(names).toContain('Renamed');
    } finally {
      await store.close();
    }
  });
});
