import { describePerson } from '../../../src/app/people/describe-person.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { aPerson, aSchool, TEST_TENANT_ID } from '../../support/builders.js';

describe('describePerson (whoami)', () => {
  it('when a school the person is tied to has closed, then it is left out of their schools', async () => {
    const store = new MemoryStore();
    const open = aSchool(0, { headteacherEmail: 'governor@example.org' });
    const closedListed = aSchool(1, { status: 'closed', closedOn: '2026-10-31' });
    const closedHeaded = aSchool(2, { status: 'closed', headteacherEmail: 'governor@example.org' });
    await store.transact(async (tx) => {
      for (const s of [open, closedListed, closedHeaded]) await tx.insert('schools', TEST_TENANT_ID, s);
    }, { actor: 'test' });
    const person = await store.transact((tx) => tx.insert('people', TEST_TENANT_ID, aPerson('Gail Governor', ['governor'], { email: 'governor@example.org', schools: [closedListed.urn] })), { actor: 'test' });

    const me = await describePerson(store, TEST_TENANT_ID, person.value);

    expect(me.schools).toEqual([{ urn: open.urn, name: open.name, as: 'headteacher' }]);
  });
});
