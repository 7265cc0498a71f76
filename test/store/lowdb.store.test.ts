import { join } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { describeStoreContract } from './store-contract.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

describeStoreContract('LowdbStore', async (now) => LowdbStore.open({ dataFile: join(await dirs.make(), 'db.json'), now }));
