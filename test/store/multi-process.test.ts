import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { newOutboxItem, newSchool } from './fixtures/records.js';
import { TempDirs } from './fixtures/temp-dir.js';
import { TENANT, writeCounterAndSchools } from './fixtures/write-counter-and-schools.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const WRITER = resolve('test/store/fixtures/concurrent-writer.ts');
const ENDLESS = resolve('test/store/fixtures/endless-writer.ts');

/** Runs one writer process to its end; rejects with its stderr if it fails. */
function runWriter(dataFile: string, writer: number, count: number, counterId: string): Promise<{ shared: { value: string; replayed: boolean } }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataFile, String(writer), String(count), counterId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`writer ${writer} exited ${code}: ${err}`))));
  });
}

describe('LowdbStore shared by several processes', () => {
  it('when three processes and this one insert and increment a counter at once, then no record and no increment is lost', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    const store = await LowdbStore.open({ dataFile, foldJournalBytes: 16 * 1024 });
    const counterId = (await store.transact(async (tx) => (await tx.insert('outbox', TENANT, newOutboxItem())).id, { actor: 'test' })).value;
    const count = 25;
    const writers = await Promise.all([
      writeCounterAndSchools(store, 9, count, counterId),
      ...[1, 2, 3].map((w) => runWriter(dataFile, w, count, counterId)),
    ]);

    const schools = await store.find('schools', TENANT);
    expect(schools.filter((s) => s.urn !== '999999')).toHaveLength(4 * count);
    expect(new Set(schools.map((s) => s.urn)).size).toBe(schools.length);
    expect((await store.get('outbox', TENANT, counterId))!.attempts).toBe(4 * count);
    // The unit every process ran under one idempotency key was stored once; the others were told so.
    expect(schools.filter((s) => s.urn === '999999')).toHaveLength(1);
    expect(writers.filter((w) => !w.shared.replayed)).toHaveLength(1);
    expect(new Set(writers.map((w) => w.shared.value))).toEqual(new Set([schools.find((s) => s.urn === '999999')!.id]));
    expect(await store.find('audit', TENANT)).toHaveLength(1 + 4 * count * 2 + 1);
    await store.close();
  }, 90_000);

  it('when a writer process is killed mid-burst while this one writes too, then no write either was told of is lost', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    const store = await LowdbStore.open({ dataFile, foldJournalBytes: 16 * 1024 });
    const ours: string[] = [];
    let stop = false;
    const writing = (async () => {
      for (let i = 0; !stop; i++) ours.push((await store.transact(async (tx) => (await tx.insert('schools', TENANT, newSchool(String(200_000 + i)))).id, { actor: 'test' })).value);
    })();
    const acknowledged = await new Promise<string[]>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ENDLESS, dataFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.split('\nack ').length > 200) child.kill('SIGKILL');
      });
      child.on('error', fail);
      child.on('exit', () => done(out.split('\n').filter((l) => l.startsWith('ack ')).map((l) => l.slice(4))));
    });
    // This process goes on writing after the kill: the dead writer's lock is stale or released, its torn tail cut.
    const before = ours.length;
    while (ours.length < before + 20) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await writing;
    await store.close();
    const again = await LowdbStore.open({ dataFile });
    const ids = new Set((await again.find('schools', TENANT)).map((s) => s.id));
    await again.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    expect([...acknowledged, ...ours].filter((id) => !ids.has(id))).toEqual([]);
  }, 90_000);
});
