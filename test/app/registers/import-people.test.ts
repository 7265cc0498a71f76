import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { importPeople } from '../../../src/app/registers/import-people.js';
import { importSchools } from '../../../src/app/registers/import-schools.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { giasRow, giasTable, peopleTable } from '../../support/register-builders.js';
import { builtInTemplates } from '../../support/built-in-templates.js';

const TENANT = 'tenant-a';
const ACTOR = 'cli:admin';

async function storeWithSchools(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await importSchools(store, TENANT, giasTable([giasRow('110001', 'Oakfield'), giasRow('110002', 'Brookside')]), ACTOR, fixedClock('2026-11-23T09:00:00Z'));
  return store;
}

const people = async (store: MemoryStore) => (await store.find('people', TENANT)).sort((a, b) => a.email.localeCompare(b.email));

describe('importPeople', () => {
  it('when the file lists new people, then they are added with roles, schools and training', async () => {
    const store = await storeWithSchools();
    const report = await importPeople(
      store,
      TENANT,
      peopleTable([
        { email: 'Alex@LA.example.org', name: 'Alex Wilber', aadObjectId: 'aad-1', roles: 'officer;admin', schools: '', trainedFor: 'sacre-re-visit@2025-09-15;la-annual-visit' },
        { email: 'head@oakfield.example.org', name: 'Adele Vance', roles: 'headteacher', schools: '110001; 110002' },
      ]),
      ACTOR,
      builtInTemplates,
    );
    expect(report.added.map((p) => p.email)).toEqual(['alex@la.example.org', 'head@oakfield.example.org']);
    expect(await people(store)).toMatchObject([
      { email: 'alex@la.example.org', aadObjectId: 'aad-1', roles: ['officer', 'admin'], schools: [], trainedFor: [{ templateId: 'sacre-re-visit', date: '2025-09-15' }, { templateId: 'la-annual-visit' }] },
      { email: 'head@oakfield.example.org', roles: ['headteacher'], schools: ['110001', '110002'], trainedFor: [] },
    ]);
  });

  it('when the file lists a trustee on the Education and Standards Committee, then they are added with the escMember role', async () => {
    const store = new MemoryStore();
    await importPeople(store, TENANT, peopleTable([{ email: 'erin@trust.example.org', name: 'Erin Trustee', roles: 'escMember', schools: '', trainedFor: '' }]), ACTOR, builtInTemplates);
    expect(await people(store)).toMatchObject([{ email: 'erin@trust.example.org', roles: ['escMember'] }]);
  });

  it('when the file lists a SACRE visitor with their training, then they are added with the sacreVisitor role', async () => {
    const store = await storeWithSchools();
    await importPeople(store, TENANT, peopleTable([{ email: 'sue@sacre.example.org', name: 'Sue Sacre', roles: 'sacreVisitor', schools: '', trainedFor: 'sacre-re-visit@2026-09-10' }]), ACTOR, builtInTemplates);
    expect(await people(store)).toMatchObject([{ email: 'sue@sacre.example.org', roles: ['sacreVisitor'], trainedFor: [{ templateId: 'sacre-re-visit', date: '2026-09-10' }] }]);
  });

  it('when a person is imported again, then they are updated by e-mail, a known object id and training date are kept', async () => {
    const store = await storeWithSchools();
    await importPeople(store, TENANT, peopleTable([{ email: 'alex@la.example.org', name: 'Alex', aadObjectId: 'aad-1', roles: 'officer', trainedFor: 'sacre-re-visit@2025-09-15' }]), ACTOR, builtInTemplates);
    const report = await importPeople(store, TENANT, peopleTable([{ email: 'alex@la.example.org', name: 'Alex Wilber', aadObjectId: '', roles: 'officer;sit', trainedFor: 'sacre-re-visit' }]), ACTOR, builtInTemplates);
    expect(report.updated).toEqual([{ row: 2, email: 'alex@la.example.org', name: 'Alex Wilber', changed: ['name', 'roles'] }]);
    expect(await people(store)).toMatchObject([{ name: 'Alex Wilber', aadObjectId: 'aad-1', roles: ['officer', 'sit'], trainedFor: [{ templateId: 'sacre-re-visit', date: '2025-09-15' }] }]);
  });

  it('when the e-mail changed but the object id is known, then the same person is updated', async () => {
    const store = await storeWithSchools();
    await importPeople(store, TENANT, peopleTable([{ email: 'old@la.example.org', name: 'Alex', aadObjectId: 'aad-1', roles: 'officer' }]), ACTOR, builtInTemplates);
    const report = await importPeople(store, TENANT, peopleTable([{ email: 'new@la.example.org', name: 'Alex', aadObjectId: 'aad-1', roles: 'officer' }]), ACTOR, builtInTemplates);
    expect(report.updated[0]!.changed).toEqual(['email']);
    expect((await people(store)).map((p) => p.email)).toEqual(['new@la.example.org']);
  });

  it.each([
    [{ roles: 'officer;teacher' }, 'Row 3, column roles: unknown role "teacher" (roles are admin, officer, sit, headteacher, governor, concernsLead, diocese, partnershipLead, sacreVisitor, headOfService, escMember)'],
    [{ schools: '999999' }, 'Row 3, column schools: no school has the URN 999999 (import the schools first)'],
    [{ schools: '12' }, 'Row 3, column schools: "12" is not a URN (six digits)'],
    [{ trainedFor: 'made-up-visit' }, 'Row 3, column trainedFor: no agenda template has the id "made-up-visit"'],
    [{ trainedFor: 'sacre-re-visit@15-09-2025' }, 'Row 3, column trainedFor: "sacre-re-visit@15-09-2025" is not a template id, optionally with @YYYY-MM-DD'],
    [{ email: 'nobody' }, 'Row 3, column email: "nobody" is not an e-mail address'],
    [{ email: 'first@la.example.org' }, 'Row 3, column email: first@la.example.org appears again (first on row 2)'],
  ])('when a row has %j, then the file is refused naming row, column and value, and nothing changes', async (override, message) => {
    const store = await storeWithSchools();
    const before = await store.dump();
    const table = peopleTable([
      { email: 'first@la.example.org', name: 'First', roles: 'officer' },
      { email: 'second@la.example.org', name: 'Second', roles: 'officer', ...override },
    ]);
    await expect(importPeople(store, TENANT, table, ACTOR, builtInTemplates)).rejects.toThrow(message);
    expect((await store.dump()).collections).toEqual(before.collections);
  });

  it('when an object id already belongs to someone else, then the file is refused naming its holder', async () => {
    const store = await storeWithSchools();
    await importPeople(store, TENANT, peopleTable([{ email: 'a@la.example.org', name: 'A', aadObjectId: 'aad-1' }, { email: 'b@la.example.org', name: 'B', aadObjectId: 'aad-2' }]), ACTOR, builtInTemplates);
    await expect(importPeople(store, TENANT, peopleTable([{ email: 'b@la.example.org', name: 'B', aadObjectId: 'aad-1' }]), ACTOR, builtInTemplates)).rejects.toThrow(
      'Row 2, column aadObjectId: aad-1 already belongs to a@la.example.org. Nothing was imported.',
    );
  });
});
