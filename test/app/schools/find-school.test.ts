import { MemoryStore } from '../../../src/store/memory.store.js';
import { findSchool, MAX_SCHOOL_CHOICES, schoolChoice } from '../../../src/app/schools/find-school.js';
import { openSchools } from '../../../src/app/schools/open-schools.js';
import { SchoolSchema } from '../../../src/domain/school.js';

const meta = { id: true, tenantId: true, version: true, createdAt: true, updatedAt: true } as const;

const tenantId = 'tenant-a';

async function seed(store: MemoryStore, tenant: string, schools: Array<{ urn: string; name: string; status?: 'open' | 'closed'; linkOfficerEmail?: string }>) {
  await store.transact(async (tx) => {
    for (const s of schools) await tx.insert('schools', tenant, SchoolSchema.omit(meta).parse({ ...s, governance: 'maintained' }));
  }, { actor: 'test' });
}

describe('findSchool', () => {
  it('when a URN is given, then that school is found', async () => {
    const store = new MemoryStore();
    await seed(store, tenantId, [{ urn: '100001', name: 'Oakwood Primary' }, { urn: '100002', name: 'Elm Infant' }]);
    const r = await findSchool(store, tenantId, ' 100002 ');
    expect(r.kind === 'found' && r.school.name).toBe('Elm Infant');
  });

  it('when part of a name fits several schools, then they are offered to choose from', async () => {
    const store = new MemoryStore();
    await seed(store, tenantId, [{ urn: '100001', name: 'Oakwood Primary' }, { urn: '100002', name: 'Oakwood Infant' }]);
    const r = await findSchool(store, tenantId, 'oakwood');
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.schools.map((s) => s.urn)).toEqual(['100002', '100001']);
  });

  it('when more schools fit than a card can list, then the list is cut and says there are more', async () => {
    const store = new MemoryStore();
    const many = Array.from({ length: MAX_SCHOOL_CHOICES + 2 }, (_, i) => ({ urn: String(200000 + i), name: `Park School ${i}` }));
    await seed(store, tenantId, many);
    const r = await findSchool(store, tenantId, 'park');
    expect(r.kind === 'ambiguous' && [r.schools.length, r.more]).toEqual([MAX_SCHOOL_CHOICES, true]);
  });

  it('when the school belongs to another tenant or nothing is typed, then nothing is found', async () => {
    const store = new MemoryStore();
    await seed(store, 'tenant-b', [{ urn: '100001', name: 'Oakwood Primary' }]);
    expect((await findSchool(store, tenantId, '100001')).kind).toBe('none');
    expect((await findSchool(store, tenantId, '   ')).kind).toBe('none');
  });

  it('when nothing is typed by someone to offer a choice and the register holds no open school, then it says the register is empty', async () => {
    const store = new MemoryStore();
    await seed(store, tenantId, [{ urn: '100001', name: 'Oakwood Primary', status: 'closed' }]);
    const chooser = { roles: ['officer' as const], schools: [], email: 'olivia@x.org' };
    expect(await findSchool(store, tenantId, '', chooser)).toEqual({ kind: 'none', query: '', registerEmpty: true });
    expect(await findSchool(store, tenantId, '')).toEqual({ kind: 'none', query: '' });
  });

  it('when a command offers its own list of schools (rab: where a board may be opened), then they are offered by name', async () => {
    const store = new MemoryStore();
    await seed(store, tenantId, [{ urn: '100001', name: 'Oakwood Primary' }, { urn: '100002', name: 'Ashby Primary', linkOfficerEmail: 'gwen@x.org' }, { urn: '100003', name: 'Birch Primary' }]);
    const r = schoolChoice((await openSchools(store, tenantId)).filter((s) => ['100001', '100003'].includes(s.urn)));
    expect(r.kind === 'ambiguous' && r.schools.map((x) => x.urn)).toEqual(['100003', '100001']);
  });

  it('when a school has closed, then it is not offered for new work, by URN or by name', async () => {
    const store = new MemoryStore();
    await seed(store, tenantId, [{ urn: '100001', name: 'Oakwood Primary', status: 'closed' }, { urn: '100002', name: 'Oakwood Infant' }]);
    expect((await findSchool(store, tenantId, '100001')).kind).toBe('none');
    const r = await findSchool(store, tenantId, 'oakwood');
    expect(r.kind === 'found' && r.school.urn).toBe('100002');
  });
});
