import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { MemoryStore } from '../../src/store/memory.store.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { GIAS_COLUMNS, giasCsv, giasCsvBytes, giasRow } from '../support/register-builders.js';

const FIXTURE = new URL('../fixtures/gias-edubasealldata.csv', import.meta.url).pathname;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gias-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const oneLine = (text: string) => text.trim().split('\n');

describe('npm run cli -- import-schools', () => {
  it('when given the export as downloaded (Windows-1252), then names come out right and closed schools are skipped with the reason', async () => {
    const bytes = await readFile(FIXTURE);
    expect(bytes.includes(0x92)).toBe(true); // a curly apostrophe, as one Windows-1252 byte
    expect(bytes.toString('utf8').split('\r\n')[0]!.split('","')).toHaveLength(GIAS_COLUMNS.length);

    const store = new MemoryStore();
    const { code, out, err } = await runCliOn(store, ['import-schools', FIXTURE]);

    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(': 9 added, 0 updated, 0 unchanged, 1 skipped.');
    expect(out).toMatch(/skipped +110004 +Old Mill Junior School \(row 5: closed on 31-08-2020\)/);
    const schools = await store.find('schools', CLI_TENANT);
    const names = schools.map((s) => s.name);
    expect(names).toContain('St Mary’s Church of England Primary School');
    expect(names).toContain('Ysgol Gymraeg Pont Siôn Norton');
    expect(names).toContain('St Joseph’s Catholic Voluntary Academy');
    expect(names).not.toContain('Old Mill Junior School');
    expect(schools.find((s) => s.urn === '110001')).toMatchObject({ headteacherName: 'Siân O’Brien', diocese: 'Diocese of Derby', hasNursery: true });
    expect(schools.find((s) => s.urn === '110003')).toMatchObject({ governance: 'academy', phase: 'Secondary', hasSixthForm: true });
    expect(schools.find((s) => s.urn === '110005')).toMatchObject({ name: 'Hilltop Community Primary School' });
    expect(schools.find((s) => s.urn === '110011')).toMatchObject({ name: 'Hollybank School', establishmentType: 'Non-maintained special school', governance: 'other' });
  });

  it('when the same export is imported again, then every school is unchanged', async () => {
    const store = new MemoryStore();
    await runCliOn(store, ['import-schools', FIXTURE]);
    const { code, out } = await runCliOn(store, ['import-schools', FIXTURE]);
    expect(code).toBe(0);
    expect(oneLine(out)[0]).toBe(`Schools from ${FIXTURE}: 0 added, 0 updated, 9 unchanged, 1 skipped.`);
  });

  it('when a later export changes a school, then it is updated by URN and the report names what changed', async () => {
    const store = new MemoryStore();
    const file = join(dir, 'edubasealldata.csv');
    await writeFile(file, giasCsvBytes([giasRow('110001', 'Oakfield Primary'), giasRow('110002', 'Brookside Junior')]));
    await runCliOn(store, ['import-schools', file]);
    await writeFile(file, giasCsvBytes([giasRow('110001', 'Oakfield Primary', { 'OfstedRating (name)': 'Good', OfstedLastInsp: '14-03-2019' }), giasRow('110002', 'Brookside Junior')]));

    const { code, out } = await runCliOn(store, ['import-schools', file]);
    expect(code).toBe(0);
    expect(out).toContain(': 0 added, 1 updated, 1 unchanged, 0 skipped.');
    expect(out).toMatch(/updated +110001 +Oakfield Primary \(changed: inspections\)/);
  });

  it('when a school has closed since the last import, then the report counts and names it with its closing date', async () => {
    const store = new MemoryStore();
    const file = join(dir, 'edubasealldata.csv');
    await writeFile(file, giasCsvBytes([giasRow('110001', 'Oakfield Primary'), giasRow('110002', 'Brookside Junior')]));
    await runCliOn(store, ['import-schools', file]);
    await writeFile(file, giasCsvBytes([giasRow('110001', 'Oakfield Primary'), giasRow('110002', 'Brookside Junior', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-10-2026' })]));

    const { code, out } = await runCliOn(store, ['import-schools', file]);
    expect(code).toBe(0);
    expect(out).toContain(': 0 added, 0 updated, 1 unchanged, 1 closed, 0 skipped.');
    expect(out).toMatch(/closed +110002 +Brookside Junior \(closed on 2026-10-31\)/);
  });

  it('when our optional columns are added to the export, then they are applied', async () => {
    const store = new MemoryStore();
    const file = join(dir, 'with-ours.csv');
    await writeFile(file, giasCsvBytes([giasRow('110001', 'Oakfield', { Cluster: 'Riverside', Partnerships: 'Learning Together;Rural', LinkOfficerEmail: 'alexw@example.com', VisitEntitlement: '9' })], ['Cluster', 'Partnerships', 'LinkOfficerEmail', 'VisitEntitlement']));
    expect((await runCliOn(store, ['import-schools', file])).code).toBe(0);
    expect((await store.find('schools', CLI_TENANT))[0]).toMatchObject({ cluster: 'Riverside', partnerships: ['Learning Together', 'Rural'], linkOfficerEmail: 'alexw@example.com', visitEntitlement: 9 });
  });

  it('when the export was re-saved as UTF-8 with a BOM, then it reads the same', async () => {
    const store = new MemoryStore();
    const file = join(dir, 'utf8.csv');
    await writeFile(file, `\uFEFF${giasCsv([giasRow('110001', 'St Mary’s CE Primary')])}`, 'utf8');
    expect((await runCliOn(store, ['import-schools', file])).code).toBe(0);
    expect((await store.find('schools', CLI_TENANT))[0]!.name).toBe('St Mary’s CE Primary');
  });

  describe('when the file is bad, then it exits 1 with one line naming the problem and changes nothing', () => {
    const cases: [string, () => Promise<string>, string | RegExp][] = [
      ['a malformed row', async () => file('bad-date.csv', giasCsvBytes([giasRow('110001', 'Fine'), giasRow('110002', 'Bad', { OfstedLastInsp: '2019-03-14' })])), 'error: Row 3, column OfstedLastInsp: "2019-03-14" is not a date as DD-MM-YYYY. Nothing was imported.'],
      ['a bad URN', async () => file('bad-urn.csv', giasCsvBytes([giasRow('11000A', 'Bad')])), 'error: Row 2, column URN: "11000A" is not a URN (six digits). Nothing was imported.'],
      ['a missing column', async () => file('no-status.csv', iconv.encode(giasCsv([giasRow('110001', 'A')]).replace('"EstablishmentStatus (name)"', '"Status"'), 'win1252')), /^error: The file has no "EstablishmentStatus \(name\)" column: is it the GIAS establishment export/],
      ['a row with too few cells', async () => file('ragged.csv', `${giasCsv([giasRow('110001', 'A')])}"110002","831"\r\n`), /row 3 has 2 cells but the header has 139\. Nothing was imported\.$/],
      ['an unclosed quote', async () => file('quote.csv', `${giasCsv([giasRow('110001', 'A')])}"110002,831\r\n`), /is not a readable CSV: a quoted cell opened before row \d+ is never closed/],
      ['text after a closing quote', async () => file('quote2.csv', `${giasCsv([giasRow('110001', 'A')])}"110002"x,"831"\r\n`), /is not a readable CSV: row 3 has text after a closing quote/],
      ['a zip', async () => file('Results.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40, 1)])), /Results\.zip is a zip archive, not a CSV: extract the edubasealldata CSV from it first/],
      ['a quote inside a cell', async () => file('quote3.csv', `${giasCsv([giasRow('110001', 'A')])}110002,St "Mary"\r\n`), /is not a readable CSV: row 3 has a quote inside a cell that does not start with one/],
      ['JSON', async () => file('notes.json', '{"hello": "world"}\n'), /notes\.json is not a CSV file/],
      ['plain text', async () => file('notes.txt', 'Dear admin\nhere are the schools\n'), /notes\.txt is not a CSV file/],
      ['an empty file', async () => file('empty.csv', ''), /empty\.csv is empty: there is no header row/],
      ['a missing file', async () => join(dir, 'nowhere.csv'), /^error: Cannot read .*nowhere\.csv: there is no such file\.$/],
    ];

    async function file(name: string, content: string | Buffer): Promise<string> {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    }

    it.each(cases)('%s', async (_what, make, expected) => {
      const store = new MemoryStore();
      await runCliOn(store, ['import-schools', FIXTURE]);
      const before = await store.dump();

      const { code, out, err } = await runCliOn(store, ['import-schools', await make()]);

      expect(code).toBe(1);
      expect(out).toBe('');
      expect(oneLine(err)).toHaveLength(1);
      if (typeof expected === 'string') expect(err.trim()).toBe(expected);
      else expect(err.trim()).toMatch(expected);
      expect((await store.dump()).collections).toEqual(before.collections);
    });
  });
});
