import { MemoryStore } from '../../src/store/memory.store.js';
import { describeStoreContract } from './store-contract.js';
import { newSchool } from './fixtures/records.js';

describeStoreContract('MemoryStore', async (now) => new MemoryStore(now));

describe('MemoryStore, the store every use case is tested on', () => {
  it('when a unit tries to start another unit, then that is refused at once, so a use case that does it fails its tests instead of hanging a durable store', async () => {
    const store = new MemoryStore();
    const nested = store.transact(async () => {
      await store.transact((tx) => tx.insert('schools', 'tenant-a', newSchool('100001')), { actor: 'person-1' });
    }, { actor: 'person-1' });
    await expect(nested).rejects.toThrow(/cannot start another/);
    expect(await store.find('schools', 'tenant-a')).toEqual([]);
    await store.close();
  });

  it('when a unit reads through the store rather than its transaction, then that is refused at once, and it stores nothing', async () => {
    const store = new MemoryStore();
    const reading = store.transact(async (tx) => {
      await tx.insert('schools', 'tenant-a', newSchool('100001'));
      await store.find('schools', 'tenant-a');
    }, { actor: 'person-1' });
    await expect(reading).rejects.toThrow('A unit of work reads through the transaction it was given, not through the store.');
    const getting = store.transact(async () => {
      await store.get('schools', 'tenant-a', 'any');
    }, { actor: 'person-1' });
    await expect(getting).rejects.toThrow('not through the store');
    expect(await store.find('schools', 'tenant-a')).toEqual([]);
    await store.close();
  });
});
