import pg from 'pg';
import { StaleWriteError } from '../../src/domain/errors.js';
import type { School } from '../../src/domain/school.js';
import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';
import { newSchool, TestClock } from './fixtures/records.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

const A = 'tenant-a';
const actor = 'person-1';

describeWithPostgres('PostgresStore, several instances on one database', () => {
  let url: string;
  const clock = new TestClock();
  const stores: PostgresStore[] = [];
  const open = async () => {
    const s = await PostgresStore.open({ url, now: clock.now, poolSize: 4 });
    stores.push(s);
    return s;
  };
  beforeEach(async () => {
    url = await databases.make();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('when one instance writes, then the other reads it at once; a write from an older version is refused there as stale', async () => {
    const [one, two] = [await open(), await open()];
    const school = (await one.transact((tx) => tx.insert('schools', A, newSchool('100001', 'Oakwood')), { actor })).value as School;
    expect(await two.get('schools', A, school.id)).toEqual(school);
    await two.transact((tx) => tx.update('schools', A, school.id, 1, { name: 'Oakwood Academy' }), { actor });
    await expect(one.transact((tx) => tx.update('schools', A, school.id, 1, { name: 'Oakwood Primary' }), { actor })).rejects.toThrow(StaleWriteError);
    expect(await one.get('schools', A, school.id)).toMatchObject({ name: 'Oakwood Academy', version: 2 });
  });

  it('when two instances change one record at the same moment, then every change lands: the loser of each race runs again', async () => {
    const [one, two] = [await open(), await open()];
    const school = (await one.transact((tx) => tx.insert('schools', A, newSchool('100001')), { actor })).value as School;
    const bump = (s: PostgresStore) =>
      s.transact(async (tx) => {
        const now = (await tx.get('schools', A, school.id))!;
        await tx.update('schools', A, school.id, now.version, { visitEntitlement: (now.visitEntitlement ?? 0) + 1 });
      }, { actor });
    await Promise.all(Array.from({ length: 6 }, (_, i) => bump(i % 2 ? one : two)));
    expect(await one.get('schools', A, school.id)).toMatchObject({ visitEntitlement: (school.visitEntitlement ?? 0) + 6, version: 7 });
  });

  it('when two instances add a record under one idempotency key at once, then one is stored and both get its value', async () => {
    const [one, two] = [await open(), await open()];
    const add = (s: PostgresStore, urn: string) => s.transact(async (tx) => (await tx.insert('schools', A, newSchool(urn))).id, { actor, idempotencyKey: 'submit-1' });
    const [a, b] = await Promise.all([add(one, '100001'), add(two, '100002')]);
    expect(a.value).toBe(b.value);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await one.find('schools', A)).toHaveLength(1);
  });

  it('when a unit reads the store itself (not its transaction) on a pool of one connection, then it reads the committed state and does not wait for a second connection', async () => {
    const store = await PostgresStore.open({ url, now: clock.now, poolSize: 1 });
    stores.push(store);
    await store.transact((tx) => tx.insert('schools', A, newSchool('100001', 'Oakwood')).then(() => undefined), { actor });
    const { value } = await store.transact(async (tx) => {
      await tx.insert('schools', A, newSchool('100002', 'Elm'));
      return (await store.find('schools', A)).map((s) => s.name);
    }, { actor });
    expect(value).toEqual(['Oakwood']);
    expect((await store.find('schools', A)).map((s) => s.name)).toEqual(['Oakwood', 'Elm']);
  });

  it('when the schema is migrated again (a second instance starting), then nothing is applied twice and schema_migrations names each step once', async () => {
    await open();
    expect(await PostgresStore.migrate({ url })).toEqual({ applied: [], version: 3 });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query('SELECT version, name FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.rows).toEqual([
      { version: 1, name: 'records and idempotency keys' },
      { version: 2, name: 'shared rate budget' },
      { version: 3, name: 'fine-grained serializable reads of records' },
    ]);
  });
});
