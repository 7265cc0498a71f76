import { spawn } from 'node:child_process';
import { mkdir, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { newSchool } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const WRITER = resolve('test/store/fixtures/endless-writer.ts');

describe('LowdbStore after a process is killed mid-write', () => {
  it('when a writer is killed without warning, then the store opens, every write it was told of is there, and writes go on', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    const acknowledged = await new Promise<string[]>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
        // Enough commits have gone by that the kill lands in the middle of one, most likely.
        if (out.split('\n').length > 40) child.kill('SIGKILL');
      });
      child.stderr.on('data', (d) => (err += d));
      child.on('error', fail);
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(out.split('\n').filter((l) => /^[0-9a-f-]{36}$/.test(l))) : fail(new Error(err))));
    });
    const store = await LowdbStore.open({ dataFile });
    const ids = new Set((await store.find('schools', 'tenant-a')).map((s) => s.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    await store.transact((tx) => tx.insert('schools', 'tenant-a', { ...newSchool('999999'), id: 'after-the-crash' }), { actor: 'test' });
    expect(await store.get('schools', 'tenant-a', 'after-the-crash')).toBeDefined();
    await store.close();
  }, 90_000);

  it('when a dead process left its lock behind, then the lock is taken over once stale and writes go on', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    await mkdir(`${dataFile}.lock`);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(`${dataFile}.lock`, longAgo, longAgo);
    const store = await LowdbStore.open({ dataFile });
    await store.transact((tx) => tx.insert('schools', 'tenant-a', newSchool('100001')), { actor: 'test' });
    expect(await store.find('schools', 'tenant-a')).toHaveLength(1);
    await store.close();
  });
});
