import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_DATABASE_URL, TestDatabases } from '../support/postgres.js';
import { TempDirs } from '../store/fixtures/temp-dir.js';
import { peopleCsv } from '../support/register-builders.js';

const dirs = new TempDirs();
const databases = new TestDatabases();
afterAll(() => Promise.all([dirs.removeAll(), databases.dropAll()]));

const ENDLESS = resolve('test/store/fixtures/endless-writer.ts');
const TENANT = 'tenant-a';

/** Where the store is: a lowdb file, or a PostgreSQL URL; `env` is how the CLI is pointed at it. */
interface Place {
  where: string;
  env: Record<string, string>;
}

/** A process writing schools to the store without pause, as a busy bot instance would: what it was told was stored is `acked`. */
function instance(dataFile: string): { child: ChildProcess; acked: () => string[]; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENDLESS, dataFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  child.on('exit', (code, signal) => {
    if (signal !== 'SIGKILL') process.stderr.write(`a writer stopped by itself (${code}): ${err.slice(-2000)}\n`);
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return { child, acked: () => out.split('\n').filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)), exited };
}

async function cli(place: Place, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    env: place.env,
    tenantId: TENANT,
    actor: 'cli:admin',
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

/** Waits for `ready`; a writer that stopped by itself (its error is on stderr) fails the test at once. */
/**
 * A command run again, as its administrator would, while PostgreSQL refuses it for losing a serialization race to the
 * busy writers more often than the store retries: the refusal says so and stores nothing (the counts below show it).
 */
async function persistently(place: Place, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  for (let tries = 1; ; tries++) {
    const result = await cli(place, argv);
    if (result.code === 0 || tries === 5 || !/could not serialize/.test(result.err)) return result;
  }
}

const until = async (ready: () => boolean, ...writers: ChildProcess[]) => {
  while (!ready()) {
    if (writers.some((w) => w.exitCode !== null)) throw new Error('a writer stopped by itself');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const lowdb = (dir: string): Promise<Place> => {
  const dataFile = join(dir, 'db.json');
  return Promise.resolve({ where: dataFile, env: { DATA_FILE: dataFile } });
};
const postgres = async (): Promise<Place> => {
  const url = await databases.make();
  return { where: url, env: { DATABASE_URL: url } };
};
const stores: Array<[string, (dir: string) => Promise<Place>]> = [['lowdb', lowdb]];
if (TEST_DATABASE_URL) stores.push(['PostgreSQL', postgres]);
else process.stderr.write('NOTE: TEST_DATABASE_URL is not set: the CLI beside instances on PostgreSQL is skipped.\n');

describe.each(stores)('the command line beside two running instances on one %s store', (_kind, placeIn) => {
  it('when it imports people and erases one while both write, and one instance is killed with SIGKILL, then nothing anyone was told was stored is lost', async () => {
    const dir = await dirs.make();
    const place = await placeIn(dir);
    const open = () => openStore(place.env.DATABASE_URL ? { databaseUrl: place.where } : { dataFile: place.where });
    await (await open()).close();
    const a = instance(place.where);
    const b = instance(place.where);
    await until(() => a.acked().length > 20 && b.acked().length > 20, a.child, b.child);

    const rows = Array.from({ length: 12 }, (_, i) => ({ email: `officer${i}@council.example.org`, name: `Officer Number${i}`, roles: 'officer' }));
    await writeFile(join(dir, 'people.csv'), peopleCsv(rows));
    const imported = await persistently(place, ['import-people', join(dir, 'people.csv')]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    a.child.kill('SIGKILL');
    await a.exited;
    const erased = await persistently(place, ['erase-person', 'officer3@council.example.org', '--confirm']);
    expect(erased.code).toBe(0);
    const trail = await cli(place, ['audit', 'officer4@council.example.org']);
    expect(trail.out).toContain('people.insert');
    await until(() => b.acked().length > 60, b.child);
    b.child.kill('SIGKILL');
    await b.exited;

    const store = await open();
    const schools = new Set((await store.find('schools', TENANT)).map((s) => s.id));
    const people = (await store.find('people', TENANT)).map((p) => p.email).sort();
    await store.close();
    expect([...a.acked(), ...b.acked()].filter((id) => !schools.has(id))).toEqual([]);
    expect(people).toEqual(rows.map((r) => r.email).filter((e) => e !== 'officer3@council.example.org').sort());
  }, 120_000);
});
