import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { TempDirs } from '../store/fixtures/temp-dir.js';
import { peopleCsv } from '../support/register-builders.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const ENDLESS = resolve('test/store/fixtures/endless-writer.ts');
const TENANT = 'tenant-a';

/** A process writing schools to the store without pause, as a busy bot instance would: what it was told was stored is `acked`. */
function instance(dataFile: string): { child: ChildProcess; acked: () => string[]; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENDLESS, dataFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return { child, acked: () => out.split('\n').filter((l) => l.startsWith('ack ')).map((l) => l.slice(4)), exited };
}

async function cli(dataFile: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    env: { DATA_FILE: dataFile },
    tenantId: TENANT,
    actor: 'cli:admin',
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
};

describe('the command line beside two running instances on one lowdb store', () => {
  it('when it imports people and erases one while both write, and one instance is killed with SIGKILL, then nothing anyone was told was stored is lost', async () => {
    const dir = await dirs.make();
    const dataFile = join(dir, 'db.json');
    await (await LowdbStore.open({ dataFile })).close();
    const a = instance(dataFile);
    const b = instance(dataFile);
    await until(() => a.acked().length > 20 && b.acked().length > 20);

    const rows = Array.from({ length: 12 }, (_, i) => ({ email: `officer${i}@council.example.org`, name: `Officer Number${i}`, roles: 'officer' }));
    await writeFile(join(dir, 'people.csv'), peopleCsv(rows));
    const imported = await cli(dataFile, ['import-people', join(dir, 'people.csv')]);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    a.child.kill('SIGKILL');
    await a.exited;
    const erased = await cli(dataFile, ['erase-person', 'officer3@council.example.org', '--confirm']);
    expect(erased.code).toBe(0);
    const trail = await cli(dataFile, ['audit', 'officer4@council.example.org']);
    expect(trail.out).toContain('people.insert');
    await until(() => b.acked().length > 60);
    b.child.kill('SIGKILL');
    await b.exited;

    const store = await LowdbStore.open({ dataFile });
    const schools = new Set((await store.find('schools', TENANT)).map((s) => s.id));
    const people = (await store.find('people', TENANT)).map((p) => p.email).sort();
    await store.close();
    expect([...a.acked(), ...b.acked()].filter((id) => !schools.has(id))).toEqual([]);
    expect(people).toEqual(rows.map((r) => r.email).filter((e) => e !== 'officer3@council.example.org').sort());
  }, 120_000);
});
