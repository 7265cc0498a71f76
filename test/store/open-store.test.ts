import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
const databases = new TestDatabases();
afterAll(() => Promise.all([dirs.removeAll(), databases.dropAll()]));

describe('openStore', () => {
  it('when DATA_FILE is given, then a lowdb store on that file is opened', async () => {
    const dataFile = join(await dirs.make(), 'nested', 'db.json');
    const store = await openStore({ dataFile });
    expect(store.kind).toBe('lowdb');
    await store.close();
  });

  it('when DATABASE_URL names a server nobody answers at, then opening fails with one line naming the database, without its password', async () => {
    const opening = openStore({ dataFile: join(await dirs.make(), 'db.json'), databaseUrl: 'postgres://bot:s3cret@127.0.0.1:1/sib' });
    await expect(opening).rejects.toThrow(/^Could not open the PostgreSQL store at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/sib: /);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});

describeWithPostgres('openStore on PostgreSQL', () => {
  it('when DATABASE_URL is set, then the PostgreSQL store is opened in place of DATA_FILE, its schema made', async () => {
    const store = await openStore({ dataFile: join(await dirs.make(), 'db.json'), databaseUrl: await databases.make(), poolSize: 2 });
    expect(store.kind).toBe('postgres');
    expect(await store.find('schools', 'tenant-a')).toEqual([]);
    await store.close();
  });
});
