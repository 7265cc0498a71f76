import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';
import { describeStoreContract } from './store-contract.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

describeWithPostgres('PostgresStore', () => {
  describeStoreContract('PostgresStore', async (now) => PostgresStore.open({ url: await databases.make(), now, poolSize: 4 }));
});
