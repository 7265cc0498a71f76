import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

describeWithPostgres('the Teams rate budget on PostgreSQL', () => {
  const stores: PostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('when two instances send to one conversation, then they spend one budget: past its limit both are told to wait, another conversation is not', async () => {
    const url = await databases.make();
    for (let i = 0; i < 2; i++) stores.push(await PostgresStore.open({ url, poolSize: 2 }));
    const [one, two] = stores.map((s) => s.rateBudget());
    const windows = [{ limit: 3, perMs: 60_000 }];

    const spent = await Promise.all([one!.tryTake('conversation:chat-1', windows, 50), two!.tryTake('conversation:chat-1', windows, 50), one!.tryTake('conversation:chat-1', windows, 50)]);
    const fourthHere = await two!.tryTake('conversation:chat-1', windows, 50);
    const fourthThere = await one!.tryTake('conversation:chat-1', windows, 50);
    const elsewhere = await two!.tryTake('conversation:chat-2', windows, 50);

    expect(spent).toEqual([0, 0, 0]);
    expect(fourthHere).toBeGreaterThan(0);
    expect(fourthHere).toBeLessThanOrEqual(60_051);
    expect(fourthThere).toBeGreaterThan(0);
    expect(elsewhere).toBe(0);
  });
});
