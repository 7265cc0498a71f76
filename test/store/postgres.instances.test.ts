import pg from 'pg';
import { enqueueDelivery } from '../../src/app/delivery/enqueue.js';
import type { StoreTransaction } from '../../src/app/ports/store.port.js';
import { StaleWriteError } from '../../src/domain/errors.js';
import type { School } from '../../src/domain/school.js';
import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';
import { notice } from '../app/delivery/delivery-world.js';
import { newSchool, TestClock } from './fixtures/records.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

const A = 'tenant-a';
const actor = 'person-1';

/** Lets two units each read before either writes: both wait here until both have arrived. */
function meetingPoint(parties: number) {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    if (++arrived === parties) release();
    await all;
  };
}

describeWithPostgres('PostgresStore, several instances on one database', () => {
  let url: string;
  const clock = new TestClock();
  const stores: PostgresStore[] = [];
  const open = async (maxAttempts?: number) => {
    const s = await PostgresStore.open({ url, now: clock.now, poolSize: 4, maxAttempts });
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

  it('when the schema is migrated again (a second instance starting), then nothing is applied twice and schema_migrations names each step once', async () => {
    await open();
    expect(await PostgresStore.migrate({ url })).toEqual({ applied: [], version: 4 });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query('SELECT version, name FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.rows).toEqual([
      { version: 1, name: 'records and idempotency keys' },
      { version: 2, name: 'shared rate budget' },
      { version: 3, name: 'fine-grained serializable reads of records' },
      { version: 4, name: 'one outbox item per key' },
    ]);
  });

  it('when two instances each read a collection and add an unrelated record at once, then both commit at the first attempt (no unit is failed by the other)', async () => {
    const [one, two] = [await open(1), await open(1)];
    await one.transact((tx) => tx.insert('schools', A, newSchool('100000')).then(() => undefined), { actor });
    const bothRead = meetingPoint(2);
    const add = (s: PostgresStore, urn: string) =>
      s.transact(async (tx) => {
        await tx.find('schools', A);
        await bothRead();
        await tx.insert('schools', A, newSchool(urn));
      }, { actor });
    await Promise.all([add(one, '100001'), add(two, '100002')]);
    expect((await one.find('schools', A)).map((s) => s.urn).sort()).toEqual(['100000', '100001', '100002']);
  });

  it('when a rule reads and then adds only if nothing was found (serializable), then two instances racing store it once', async () => {
    const [one, two] = [await open(), await open()];
    let bothRead = meetingPoint(2);
    const addIfNone = (s: PostgresStore, name: string) =>
      s.transact(async (tx: StoreTransaction) => {
        const found = await tx.find('schools', A, { urn: '100001' });
        await bothRead();
        // A rerun finds the winner's record and need not wait for a second party.
        bothRead = async () => undefined;
        if (found.length === 0) await tx.insert('schools', A, newSchool('100001', name));
      }, { actor, serializable: true });
    await Promise.all([addIfNone(one, 'Oakwood'), addIfNone(two, 'Elm')]);
    expect(await one.find('schools', A, { urn: '100001' })).toHaveLength(1);
  });

  it('when two instances queue a message under one key at once, then one outbox item is stored and both units name it', async () => {
    const [one, two] = [await open(), await open()];
    let bothRead = meetingPoint(2);
    const queue = (s: PostgresStore) =>
      s.transact(async (tx) => {
        await tx.find('outbox', A, { key: 'notice-1' });
        await bothRead();
        bothRead = async () => undefined;
        return enqueueDelivery(tx, { tenantId: A, to: { person: 'person-2' }, content: notice(), about: 'the notice', idempotencyKey: 'notice-1' }, clock.now());
      }, { actor });
    const [a, b] = await Promise.all([queue(one), queue(two)]);
    expect(a.value).toBe(b.value);
    expect(await one.find('outbox', A)).toHaveLength(1);
  });
});
