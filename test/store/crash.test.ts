import { spawn } from 'node:child_process';
import { mkdir, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LowdbStore, type CommitStep } from '../../src/store/lowdb.store.js';
import { newSchool } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const WRITER = resolve('test/store/fixtures/endless-writer.ts');

interface Killed {
  tried: string[];
  acknowledged: string[];
}

/** Runs the writer until it is killed with SIGKILL (by itself at a step, or by `killWhen` from here). */
function runWriter(args: string[], killWhen?: (out: string) => boolean): Promise<Killed> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (killWhen?.(out)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('exit', (_code, signal) => {
      const ids = (word: string) => out.split('\n').filter((l) => l.startsWith(`${word} `)).map((l) => l.slice(word.length + 1));
      if (signal === 'SIGKILL') done({ tried: ids('try'), acknowledged: ids('ack') });
      else fail(new Error(`the writer exited without being killed: ${err}`));
    });
  });
}

/** Opens what the killed writer left: every id stored, and whether a new write (and a reopen) still works. */
async function afterTheCrash(dataFile: string): Promise<Set<string>> {
  const store = await LowdbStore.open({ dataFile });
  const ids = new Set((await store.find('schools', 'tenant-a')).map((s) => s.id));
  await store.transact((tx) => tx.insert('schools', 'tenant-a', { ...newSchool('999999'), id: 'after-the-crash' }), { actor: 'test' });
  await store.close();
  const again = await LowdbStore.open({ dataFile });
  expect(await again.get('schools', 'tenant-a', 'after-the-crash')).toBeDefined();
  expect(await again.find('schools', 'tenant-a')).toHaveLength(ids.size + 1);
  await again.close();
  return ids;
}

describe('LowdbStore after a process is killed mid-write', () => {
  it('when a writer is killed without warning mid-burst, then the store opens, every write it was told of is there, and writes go on', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    // Bursts of ten concurrent writes, journal folded every 64 KiB: the kill lands in a commit or a fold.
    const { acknowledged } = await runWriter([dataFile], (out) => out.split('\nack ').length > 300);
    const ids = await afterTheCrash(dataFile);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  }, 90_000);

  // Each named step of a commit, then of a fold: the process is killed right after it.
  it.each<[CommitStep, boolean]>([
    ['appended', false],
    ['synced', true],
    ['acknowledged', true],
    ['folded', true],
    ['manifest-swapped', true],
    ['journal-reset', true],
  ])('when the writer is killed right after the step "%s", then every acknowledged write is there (and the write in flight: %s)', async (step, inFlightKept) => {
    const dataFile = join(await dirs.make(), 'db.json');
    const { tried, acknowledged } = await runWriter([dataFile, step, '5']);
    const ids = await afterTheCrash(dataFile);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // Written but not yet synced: on a kill (not a power cut) the page cache still holds it, so it may be there; nothing else may.
    expect([...ids].filter((id) => !tried.includes(id))).toEqual([]);
    if (inFlightKept) expect(ids.has(tried.at(-1)!)).toBe(true);
  }, 60_000);

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
