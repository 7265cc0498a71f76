import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { importSchools } from '../../../src/app/registers/import-schools.js';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { giasRow, giasTable } from '../../support/register-builders.js';

const TENANT = 'tenant-a';
const clock = fixedClock('2026-11-23T09:00:00Z');
const ACTOR = 'cli:admin';

const schoolsOf = async (store: MemoryStore) => (await store.find('schools', TENANT)).sort((a, b) => a.urn.localeCompare(b.urn));

describe('importSchools', () => {
  it('when the register is empty, then open schools are added and closed ones skipped, with the reason', async () => {
    const store = new MemoryStore();
    const report = await importSchools(
      store,
      TENANT,
      giasTable([
        giasRow('110001', 'St Mary’s CE Primary', { 'OfstedRating (name)': 'Good', OfstedLastInsp: '14-03-2019' }),
        giasRow('110004', 'Old Mill Junior', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-08-2020' }),
      ]),
      ACTOR,
      clock,
    );
    expect(report.added).toEqual([{ row: 2, urn: '110001', name: 'St Mary’s CE Primary' }]);
    expect(report.skipped).toEqual([{ row: 3, urn: '110004', name: 'Old Mill Junior', reason: 'closed on 31-08-2020' }]);
    const [school] = await schoolsOf(store);
    expect(school).toMatchObject({ urn: '110001', governance: 'maintained', riskLevel: 'unassessed', inspections: [{ framework: 'legacy', overall: 'Good', date: '2019-03-14' }] });
    // No VisitEntitlement column: the organisation's default applies (VISIT_ENTITLEMENT_DEFAULT), not a number fixed at import.
    expect(school!.visitEntitlement).toBeUndefined();
    expect(await store.find('schools', 'another-tenant')).toEqual([]);
  });

  it('when the file is imported again with changes, then schools are updated by URN and what the file lacks is kept', async () => {
    const store = new MemoryStore();
    await importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield Primary', { 'OfstedRating (name)': 'Requires improvement', OfstedLastInsp: '25-01-2023' })], ['Cluster']), ACTOR, clock);
    const [first] = await schoolsOf(store);
    const reportCard = { framework: 'reportCard' as const, date: '2026-03-11', grades: { achievement: 'needs attention' as const }, safeguardingMet: true };
    await store.transact(
      (tx) => tx.update('schools', TENANT, first!.id, first!.version, { riskLevel: 'high', causingConcern: true, cluster: 'Riverside', inspections: [...first!.inspections, reportCard] }).then(() => undefined),
      { actor: 'officer' },
    );

    const report = await importSchools(
      store,
      TENANT,
      giasTable([giasRow('110001', 'Oakfield Primary Academy', { 'OfstedRating (name)': 'Requires improvement', OfstedLastInsp: '25-01-2023', 'TypeOfEstablishment (name)': 'Academy converter', 'EstablishmentTypeGroup (name)': 'Academies' })]),
      ACTOR,
      clock,
    );

    expect(report.updated).toEqual([{ row: 2, urn: '110001', name: 'Oakfield Primary Academy', changed: ['name', 'establishmentType', 'establishmentGroup', 'governance'] }]);
    const [school] = await schoolsOf(store);
    expect(school).toMatchObject({ id: first!.id, name: 'Oakfield Primary Academy', governance: 'academy', riskLevel: 'high', causingConcern: true, cluster: 'Riverside' });
    expect(school!.inspections).toEqual([{ framework: 'legacy', date: '2023-01-25', overall: 'Requires Improvement' }, reportCard]);
  });

  it('when the same file is imported twice, then the second import reports every school unchanged and writes nothing', async () => {
    const store = new MemoryStore();
    const table = giasTable([giasRow('110001', 'Oakfield'), giasRow('110002', 'Brookside')]);
    await importSchools(store, TENANT, table, ACTOR, clock);
    const auditBefore = (await store.find('audit', TENANT)).length;
    const report = await importSchools(store, TENANT, table, ACTOR, clock);
    expect(report).toMatchObject({ added: [], updated: [], unchanged: [{ urn: '110001' }, { urn: '110002' }] });
    expect((await store.find('audit', TENANT)).length).toBe(auditBefore);
    expect((await schoolsOf(store)).map((s) => s.version)).toEqual([1, 1]);
  });

  it('when a school in the register has closed since the last import, then it is marked closed with its date and named in the report; a new closed one is still skipped', async () => {
    const store = new MemoryStore();
    await importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield'), giasRow('110002', 'Brookside')]), ACTOR, clock);
    const closedRows = giasTable([
      giasRow('110001', 'Oakfield'),
      giasRow('110002', 'Brookside', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-10-2026' }),
      giasRow('110003', 'Old Mill Junior', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-08-2020' }),
    ]);

    const report = await importSchools(store, TENANT, closedRows, ACTOR, clock);

    expect(report.closed).toEqual([{ row: 3, urn: '110002', name: 'Brookside', closedOn: '2026-10-31' }]);
    expect(report.skipped).toEqual([{ row: 4, urn: '110003', name: 'Old Mill Junior', reason: 'closed on 31-08-2020' }]);
    expect(report.unchanged.map((s) => s.urn)).toEqual(['110001']);
    const [open, closed] = await schoolsOf(store);
    expect(open).toMatchObject({ urn: '110001', status: 'open' });
    expect(closed).toMatchObject({ urn: '110002', name: 'Brookside', status: 'closed', closedOn: '2026-10-31', version: 2 });
    expect(await store.find('schools', TENANT, { urn: '110003' })).toEqual([]);

    const again = await importSchools(store, TENANT, closedRows, ACTOR, clock);
    expect(again).toMatchObject({ closed: [], updated: [], unchanged: [{ urn: '110001' }, { urn: '110002' }] });
  });

  it('when a closed school is listed as open again, then it is reopened', async () => {
    const store = new MemoryStore();
    await importSchools(store, TENANT, giasTable([giasRow('110002', 'Brookside')]), ACTOR, clock);
    await importSchools(store, TENANT, giasTable([giasRow('110002', 'Brookside', { 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-10-2026' })]), ACTOR, clock);

    const report = await importSchools(store, TENANT, giasTable([giasRow('110002', 'Brookside')]), ACTOR, clock);

    expect(report.updated).toEqual([{ row: 2, urn: '110002', name: 'Brookside', changed: ['status', 'closedOn'] }]);
    const [school] = await schoolsOf(store);
    expect(school!.status).toBe('open');
    expect(school!.closedOn).toBeUndefined();
  });

  it('when our optional columns are given, then they are applied; when a cell is empty, then the stored value stays', async () => {
    const store = new MemoryStore();
    const extra = ['Cluster', 'Partnerships', 'HeadteacherEmail', 'VisitEntitlement'];
    await importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield', { Cluster: 'Riverside', Partnerships: 'Learning Together;Rural', HeadteacherEmail: 'Head@Oakfield.example.org', VisitEntitlement: '8' })], extra), ACTOR, clock);
    expect((await schoolsOf(store))[0]).toMatchObject({ cluster: 'Riverside', partnerships: ['Learning Together', 'Rural'], headteacherEmail: 'head@oakfield.example.org', visitEntitlement: 8 });

    const report = await importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield', { Cluster: 'Hilltop' })], extra), ACTOR, clock);
    expect(report.updated[0]!.changed).toEqual(['cluster']);
    expect((await schoolsOf(store))[0]).toMatchObject({ cluster: 'Hilltop', partnerships: ['Learning Together', 'Rural'], visitEntitlement: 8 });
  });

  it('when any row is malformed, then the whole file is refused naming row and column, and nothing changes', async () => {
    const store = new MemoryStore();
    await importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield')]), ACTOR, clock);
    const before = await store.dump();

    await expect(
      importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield Renamed'), giasRow('110002', 'New School'), giasRow('110003', 'Bad Date', { OfstedLastInsp: '2019-13-45' })]), ACTOR, clock),
    ).rejects.toThrow(new InvalidInputError('Row 4, column OfstedLastInsp: "2019-13-45" is not a date as DD-MM-YYYY. Nothing was imported.'));
    expect((await store.dump()).collections).toEqual(before.collections);
  });

  it('when several rows are malformed, then the message names the first and counts the rest', async () => {
    const store = new MemoryStore();
    await expect(importSchools(store, TENANT, giasTable([giasRow('1', 'A'), giasRow('2', 'B'), giasRow('3', 'C')]), ACTOR, clock)).rejects.toThrow(
      'Row 2, column URN: "1" is not a URN (six digits) (and 2 more problems). Nothing was imported.',
    );
    expect(await store.find('schools', TENANT)).toEqual([]);
  });
});
