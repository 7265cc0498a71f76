import { MemoryStore } from '../../../src/store/memory.store.js';
import { composeCoverageReport } from '../../../src/app/visits/coverage-report.js';
import { NotAllowedError } from '../../../src/domain/errors.js';
import { aSchool, LONDON, OTHER_TENANT_ID, TEST_TENANT_ID as tenantId } from '../../support/builders.js';
import { aVisit, type NewVisit } from '../../support/visits.js';
import { builtInTemplates } from '../../support/built-in-templates.js';

const schools = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => aSchool(n));
const [north1, south1, north2, south2, north3] = schools;
const officer = { roles: ['officer' as const] };
const options = { viewer: officer, at: '2026-11-23T10:00:00Z', timeZone: LONDON, builtIns: builtInTemplates, defaultEntitlement: 6 };

async function storeWith(visits: NewVisit[], tenant = tenantId): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.transact(async (tx) => {
    for (const s of schools) await tx.insert('schools', tenant, s);
    for (const v of visits) await tx.insert('visits', tenant, v);
  }, { actor: 'test' });
  return store;
}

describe('composeCoverageReport', () => {
  it('when schools have had visits of several kinds, then the SIT programme counts its own and entitlement only those that count toward it', async () => {
    const store = await storeWith([
      aVisit(north1!, '2026-09-20'),
      aVisit(north1!, '2026-10-20', { templateId: 'la-annual-visit' }),
      aVisit(south1!, '2026-10-01', { templateId: 'sacre-re-visit' }),
      aVisit(north2!, '2026-10-05', { status: 'declined' }),
    ]);
    const r = await composeCoverageReport(store, tenantId, { ...options, programme: 'support' });
    expect(r.programme.name).toBe('SIT support visits');
    expect(r.coverage).toMatchObject({ academicYear: '2026/27', totalSchools: 8, visited: 1, declined: 1, target: { fraction: 1, schools: 8 } });
    const made = Object.fromEntries(r.entitlement.schools.map((s) => [s.urn, s.made]));
    expect(made[north1!.urn]).toBe(2);
    expect(made[south1!.urn]).toBe(0);
    expect(r.entitlement.behind.map((s) => s.urn)).toContain(south1!.urn);
  });

  it('when no programme is named, then it is the SACRE\'s: only SACRE RE visits count toward its 25%', async () => {
    const store = await storeWith([aVisit(north1!, '2026-09-20'), aVisit(north2!, '2026-09-21'), aVisit(south1!, '2026-10-01', { templateId: 'sacre-re-visit' })]);
    const r = await composeCoverageReport(store, tenantId, options);
    expect(r.programme.id).toBe('sacre');
    expect(r.coverage).toMatchObject({ visited: 1, target: { fraction: 0.25, schools: 2 }, clustersBelowShare: ['North'] });
    expect(r.coverage.nextToVisit.map((s) => s.cluster)).toEqual(['North']);
  });

  it('when a safeguarding template does not count toward entitlement, then its visits are left out of entitlement', async () => {
    const store = await storeWith([
      aVisit(north1!, '2026-09-20'),
      aVisit(north1!, '2026-10-20', { templateId: 'safeguarding-audit', visitType: 'other' }),
    ]);
    const safeguarding = { ...builtInTemplates.find((t) => t.id === 'sit-support-visit')!, id: 'safeguarding-audit', name: 'Safeguarding audit', visitType: 'other' as const, countsTowardEntitlement: false };
    const r = await composeCoverageReport(store, tenantId, { ...options, builtIns: [...builtInTemplates, safeguarding] });
    expect(r.entitlement.schools.find((s) => s.urn === north1!.urn)!.made).toBe(1);
  });

  it('when the organisation default is 0, then a school the register gives no number for is never behind', async () => {
    const store = new MemoryStore();
    const unnumbered = aSchool(10, { visitEntitlement: undefined });
    const numbered = aSchool(11, { visitEntitlement: 2 });
    await store.transact(async (tx) => {
      for (const s of [unnumbered, numbered]) await tx.insert('schools', tenantId, s);
    }, { actor: 'test' });
    const r = await composeCoverageReport(store, tenantId, { ...options, at: '2027-08-31T10:00:00Z', defaultEntitlement: 0 });
    expect(r.entitlement.schools.map((s) => [s.urn, s.entitlement, s.status])).toEqual(
      expect.arrayContaining([[unnumbered.urn, 0, 'met'], [numbered.urn, 2, 'behind']]),
    );
  });

  it('when the SIT programme is configured for half the schools by 1 December, then the report is judged against it', async () => {
    const store = await storeWith([aVisit(north1!, '2026-09-20'), aVisit(south2!, '2026-09-21'), aVisit(north3!, '2026-09-22', { status: 'planned' })]);
    const r = await composeCoverageReport(store, tenantId, { ...options, programme: 'support', programmes: { support: { targetPercent: 50, targetDate: '2026-12-01' } } });
    expect(r.coverage.target).toEqual({ fraction: 0.5, by: '2026-12-01', schools: 4 });
    expect(r.coverage.status).toBe('behind');
    expect(r.coverage.nextToVisit).toHaveLength(1);
  });

  it('when another tenant holds visits, then they are not counted', async () => {
    const store = await storeWith([aVisit(north1!, '2026-09-20')], OTHER_TENANT_ID);
    await store.transact(async (tx) => {
      for (const s of schools) await tx.insert('schools', tenantId, s);
    }, { actor: 'test' });
    const r = await composeCoverageReport(store, tenantId, options);
    expect(r.coverage.visited).toBe(0);
  });

  it.each([
    ['a headteacher', { roles: ['headteacher' as const] }],
    ['a partnership lead', { roles: ['partnershipLead' as const] }],
    ['someone with no role', { roles: [] }],
  ])('when %s asks for coverage, then they are refused', async (_who, viewer) => {
    const store = await storeWith([]);
    await expect(composeCoverageReport(store, tenantId, { ...options, viewer })).rejects.toThrow(NotAllowedError);
  });
});
