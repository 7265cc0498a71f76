import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { DEMO_CLUSTERS, DEMO_PARTNERSHIPS, PLAYGROUND_DEFAULT_USER } from '../../../src/app/demo/demo-data.js';
import { seedDemoData } from '../../../src/app/demo/seed-demo.js';
import { isChurchSchool } from '../../../src/domain/school.js';
import { isTrainedFor } from '../../../src/domain/person.js';
import { MemoryStore } from '../../../src/store/memory.store.js';

const TENANT = 'local';
const clock = fixedClock('2026-11-23T09:00:00Z');

describe('seedDemoData', () => {
  it('when the tenant is empty, then it seeds labelled demo schools and people and says so', async () => {
    const store = new MemoryStore();
    expect(await seedDemoData(store, TENANT, clock)).toBe(true);
    const schools = await store.find('schools', TENANT);
    const people = await store.find('people', TENANT);

    expect(schools).toHaveLength(12);
    expect(schools.every((s) => s.name.endsWith('(demo)'))).toBe(true);
    expect(new Set(schools.map((s) => s.cluster))).toEqual(new Set(DEMO_CLUSTERS));
    for (const p of DEMO_PARTNERSHIPS) expect(schools.filter((s) => s.partnerships.includes(p)).length).toBeGreaterThanOrEqual(3);
    expect(new Set(schools.map((s) => s.governance))).toEqual(new Set(['maintained', 'academy']));
    expect(schools.some((s) => s.phase === 'Secondary' && s.hasSixthForm)).toBe(true);
    expect(schools.filter(isChurchSchool).every((s) => !!s.diocese)).toBe(true);
    expect(schools.filter((s) => s.causingConcern)).toHaveLength(1);

    const alex = people.find((p) => p.aadObjectId === PLAYGROUND_DEFAULT_USER.aadObjectId);
    expect(alex).toMatchObject({ name: 'Alex Wilber', roles: expect.arrayContaining(['officer', 'admin']) });
    expect(isTrainedFor(alex!, 'sacre-re-visit')).toBe(true);
    expect(people.filter((p) => p.roles.includes('concernsLead'))).toHaveLength(1);
    expect(people.some((p) => p.roles.includes('sit') && isTrainedFor(p, 'sacre-re-visit'))).toBe(true);
    const heads = people.filter((p) => p.roles.includes('headteacher'));
    expect(heads.length).toBeGreaterThanOrEqual(2);
    for (const h of heads) for (const urn of h.schools) expect(schools.map((s) => s.urn)).toContain(urn);
  });

  it('when the tenant already has a school, then nothing is seeded', async () => {
    const store = new MemoryStore();
    await store.transact(
      (tx) => tx.insert('schools', TENANT, { urn: '110001', name: 'Real School', phase: 'Primary', establishmentType: '', establishmentGroup: '', governance: 'maintained', hasNursery: false, hasSixthForm: false, partnerships: [], riskLevel: 'unassessed', causingConcern: false, visitEntitlement: 6, inspections: [], status: 'open' }).then(() => undefined),
      { actor: 'cli:admin' },
    );
    expect(await seedDemoData(store, TENANT, clock)).toBe(false);
    expect((await store.find('schools', TENANT)).map((s) => s.name)).toEqual(['Real School']);
    expect(await store.find('people', TENANT)).toEqual([]);
  });

  it('when the tenant already has a person, then nothing is seeded', async () => {
    const store = new MemoryStore();
    await store.transact((tx) => tx.insert('people', TENANT, { email: 'a@la.example.org', name: 'A', roles: ['admin'], schools: [], trainedFor: [] }).then(() => undefined), { actor: 'cli:admin' });
    expect(await seedDemoData(store, TENANT, clock)).toBe(false);
    expect(await store.find('schools', TENANT)).toEqual([]);
  });

  it('when seeded twice, then the second call leaves the first seeding alone', async () => {
    const store = new MemoryStore();
    await seedDemoData(store, TENANT, clock);
    expect(await seedDemoData(store, TENANT, clock)).toBe(false);
    expect(await store.find('schools', TENANT)).toHaveLength(12);
  });
});
