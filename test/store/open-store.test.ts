import { join } from 'node:path';
import { InvalidInputError } from '../../src/domain/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

describe('openStore', () => {
  it('when DATA_FILE is given, then a lowdb store on that file is opened', async () => {
    const dataFile = join(await dirs.make(), 'nested', 'db.json');
    const store = await openStore({ dataFile });
    expect(store.kind).toBe('lowdb');
    await store.close();
  });

  it('when DATABASE_URL is set, then it is refused with one line naming the setting, not silently ignored', async () => {
    const opening = openStore({ dataFile: join(await dirs.make(), 'db.json'), databaseUrl: 'postgres://bot@db/sib' });
    await expect(opening).rejects.toThrow(InvalidInputError);
    await expect(opening).rejects.toMatchObject({ field: 'DATABASE_URL', message: expect.stringMatching(/^DATABASE_URL: [^\n]*PostgreSQL[^\n]*$/) });
  });
});
