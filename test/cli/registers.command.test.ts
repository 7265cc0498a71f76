import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory.store.js';
import { CLI_TENANT, runCliOn } from '../support/cli-run.js';
import { giasCsvBytes, giasRow, peopleCsv } from '../support/register-builders.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storeWithSchools(): Promise<MemoryStore> {
  const store = new MemoryStore();
  const file = join(dir, 'schools.csv');
  await writeFile(file, giasCsvBytes([giasRow('110001', 'Oakfield Primary'), giasRow('110002', 'Brookside Junior')]));
  expect((await runCliOn(store, ['import-schools', file])).code).toBe(0);
  return store;
}

describe('npm run cli -- import-people', () => {
  it('when given the people fixture (UTF-8 with a BOM) after the GIAS fixture, then everyone is added with their schools', async () => {
    const store = new MemoryStore();
    expect((await runCliOn(store, ['import-schools', new URL('../fixtures/gias-edubasealldata.csv', import.meta.url).pathname])).code).toBe(0);
    const { code, out } = await runCliOn(store, ['import-people', new URL('../fixtures/people.csv', import.meta.url).pathname]);
    expect(code).toBe(0);
    expect(out).toContain(': 6 added, 0 updated, 0 unchanged.');
    const people = await store.find('people', CLI_TENANT);
    expect(people.find((p) => p.email === 'sian.obrien@st-marys.example.org')).toMatchObject({ name: 'Siân O’Brien', roles: ['headteacher'], schools: ['110001'] });
    expect(people.find((p) => p.email === 'alexw@example.com')!.trainedFor).toEqual([{ templateId: 'sacre-re-visit', date: '2025-09-15' }, { templateId: 'la-annual-visit' }]);
  });

  it('when the file is UTF-8 with a BOM, then people are added and each is reported', async () => {
    const store = await storeWithSchools();
    const file = join(dir, 'people.csv');
    await writeFile(
      file,
      peopleCsv(
        [
          { email: 'alexw@example.com', name: 'Alex Wilber', aadObjectId: 'aad-20', roles: 'officer;admin', trainedFor: 'sacre-re-visit@2025-09-15' },
          { email: 'sian@oakfield.example.org', name: 'Siân O’Brien', roles: 'headteacher', schools: '110001' },
        ],
        { bom: true },
      ),
    );
    const { code, out, err } = await runCliOn(store, ['import-people', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`People from ${file}: 2 added, 0 updated, 0 unchanged.`);
    expect(out).toMatch(/added +sian@oakfield\.example\.org +Siân O’Brien/);
    const people = await store.find('people', CLI_TENANT);
    expect(people.find((p) => p.email === 'alexw@example.com')).toMatchObject({ aadObjectId: 'aad-20', roles: ['officer', 'admin'] });
  });

  it('when a row names an unknown role, then it exits 1 naming row and value, and nobody is added', async () => {
    const store = await storeWithSchools();
    const file = join(dir, 'people.csv');
    await writeFile(file, peopleCsv([{ email: 'a@la.example.org', name: 'A', roles: 'officer' }, { email: 'b@la.example.org', name: 'B', roles: 'superuser' }]));
    const { code, out, err } = await runCliOn(store, ['import-people', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^error: Row 3, column roles: unknown role "superuser" \(roles are admin, .*\)\. Nothing was imported\.\n$/);
    expect(await store.find('people', CLI_TENANT)).toEqual([]);
  });

  it('when a row names a school that is not in the register, then it exits 1 naming the URN', async () => {
    const store = await storeWithSchools();
    const file = join(dir, 'people.csv');
    await writeFile(file, peopleCsv([{ email: 'head@la.example.org', name: 'Head', roles: 'headteacher', schools: '110009' }]));
    const { code, err } = await runCliOn(store, ['import-people', file]);
    expect(code).toBe(1);
    expect(err.trim()).toBe('error: Row 2, column schools: no school has the URN 110009 (import the schools first). Nothing was imported.');
  });
});

describe('npm run cli -- export', () => {
  it('when the store holds a confidential concern, then the export has every other collection and not the concern', async () => {
    const store = await storeWithSchools();
    await store.transact(
      async (tx) => {
        await tx.insert('concerns', CLI_TENANT, { visitId: 'v1', schoolUrn: '110001', raisedBy: 'p1', text: 'CONFIDENTIAL-TEXT', raisedAt: '2026-11-23T09:00:00Z' });
      },
      { actor: 'p1' },
    );
    const file = join(dir, 'export.json');
    const { code, out } = await runCliOn(store, ['export', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Exported to .*export\.json: schools 2, people 0, visits 0, healthChecks 0, selfEvaluations 0, riskChanges 0, strategyMeetings 0, actionPlans 0, digests 0, audit 2/);
    const text = await readFile(file, 'utf8');
    const exported = JSON.parse(text) as Record<string, unknown[]>;
    for (const c of ['schools', 'people', 'visits', 'healthChecks', 'selfEvaluations', 'riskChanges', 'strategyMeetings', 'actionPlans', 'digests', 'audit']) {
      expect(Array.isArray(exported[c])).toBe(true);
    }
    expect(exported).not.toHaveProperty('concerns');
    expect(exported).not.toHaveProperty('outbox');
    expect(text).not.toContain('CONFIDENTIAL-TEXT');
  });

  it('when the folder does not exist, then it exits 1 with one line', async () => {
    const { code, err } = await runCliOn(new MemoryStore(), ['export', join(dir, 'missing', 'export.json')]);
    expect(code).toBe(1);
    expect(err).toMatch(/^error: Cannot write .*export\.json: its folder does not exist\.\n$/);
  });
});

describe('npm run cli -- backup / restore', () => {
  it('when a backup is restored after later changes, then the store is as it was at the backup', async () => {
    const store = await storeWithSchools();
    const backup = join(dir, 'backup.json');
    const taken = await runCliOn(store, ['backup', backup]);
    expect(taken.code).toBe(0);
    expect(taken.out).toMatch(/^Backed up to .*backup\.json \([\d,]+ bytes\): 4 records in 2 collections\. It holds the confidential concerns: keep it as safe as the store\.\n$/);
    const atBackup = await store.dump();

    const more = join(dir, 'more.csv');
    await writeFile(more, giasCsvBytes([giasRow('110003', 'Castle View')]));
    await runCliOn(store, ['import-schools', more]);
    expect(await store.find('schools', CLI_TENANT)).toHaveLength(3);

    const restored = await runCliOn(store, ['restore', backup]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('4 records in 2 collections');
    expect((await store.dump()).collections).toEqual(atBackup.collections);
  });

  it.each([
    ['not JSON', '{ this is not json', /^error: .*bad\.json is not valid JSON \(.*\)\.$/],
    ['not a backup', '{"schools": []}', /^error: This is not a School Improvement Bot backup/],
    [
      'a backup with a broken record',
      JSON.stringify({ format: 'school-improvement-bot/backup', version: 1, takenAt: '2026-11-23T09:00:00Z', collections: { schools: [{ id: 'x', urn: 'nope' }] } }),
      /^error: The backup's schools record 1 is invalid: /,
    ],
  ])('when the file is %s, then restore exits 1 with one line and nothing changes', async (_what, content, expected) => {
    const store = await storeWithSchools();
    const before = await store.dump();
    const file = join(dir, 'bad.json');
    await writeFile(file, content);
    const { code, out, err } = await runCliOn(store, ['restore', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(expected);
    expect((await store.dump()).collections).toEqual(before.collections);
  });
});
