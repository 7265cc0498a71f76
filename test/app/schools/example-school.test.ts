import { MemoryStore } from '../../../src/store/memory.store.js';
import { exampleSchool } from '../../../src/app/schools/example-school.js';
import { SchoolSchema } from '../../../src/domain/school.js';

const meta = { id: true, tenantId: true, version: true, createdAt: true, updatedAt: true } as const;
const tenantId = 'tenant-a';

async function storeWith(schools: Array<{ urn: string; name: string; status?: 'open' | 'closed'; headteacherEmail?: string; linkOfficerEmail?: string }>) {
  const store = new MemoryStore();
  await store.transact(async (tx) => {
    for (const s of schools) await tx.insert('schools', tenantId, SchoolSchema.omit(meta).parse({ ...s, governance: 'maintained' }));
  }, { actor: 'test' });
  return store;
}

const register = [
  { urn: '100001', name: 'Oakwood Primary', linkOfficerEmail: 'olivia@council.example.org' },
  { urn: '100002', name: 'Oakwood Infant', headteacherEmail: 'hana@school.example.org' },
  { urn: '100003', name: 'Elm Academy', status: 'closed' as const },
  { urn: '100004', name: 'Fern Lane Primary' },
];

describe('exampleSchool', () => {
  it("when an officer links schools, then the first of theirs is named, as few words of it as find it alone", async () => {
    const officer = { roles: ['officer' as const], schools: [], email: 'olivia@council.example.org' };
    expect(await exampleSchool(await storeWith(register), tenantId, officer)).toBe('oakwood primary');
  });

  it('when a headteacher is known only by the register\'s e-mail, then their school is named', async () => {
    const head = { roles: [], schools: [], email: 'hana@school.example.org' };
    expect(await exampleSchool(await storeWith(register), tenantId, head)).toBe('oakwood infant');
  });

  it("when the person has no school of their own, then the register's first open school alphabetically is named, never a closed one", async () => {
    const admin = { roles: ['admin' as const], schools: [], email: 'ada@council.example.org' };
    expect(await exampleSchool(await storeWith(register), tenantId, admin)).toBe('fern');
  });

  it('when the register holds no open school, then none is named', async () => {
    const admin = { roles: ['admin' as const], schools: [], email: 'ada@council.example.org' };
    expect(await exampleSchool(await storeWith([{ urn: '100003', name: 'Elm Academy', status: 'closed' }]), tenantId, admin)).toBeUndefined();
  });
});
