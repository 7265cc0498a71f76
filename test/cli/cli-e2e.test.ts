import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { giasCsvBytes, giasRow, peopleCsv } from '../support/register-builders.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = join(ROOT, 'test/fixtures/gias-edubasealldata.csv');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-e2e-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `tsx src/cli.ts …` as `npm run cli` does, against a data file of its own. */
function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_FILE: join(dir, 'db.json'), LOG_LEVEL: 'silent' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

// Each spawn compiles the CLI with tsx (a few seconds on a busy machine); this is a limit, not a timing check.
jest.setTimeout(180_000);

describe('npm run cli (spawned, against a lowdb data file)', () => {
  it('when schools and people are imported, backed up, changed and restored, then each process sees the last one\'s work', async () => {
    const schools = await cli('import-schools', FIXTURE);
    expect(schools).toMatchObject({ code: 0, err: '' });
    expect(schools.out).toContain(': 9 added, 0 updated, 0 unchanged, 1 skipped.');
    expect(schools.out).toContain('St Mary’s Church of England Primary School');

    const again = await cli('import-schools', FIXTURE, '--summary');
    expect(again.out).toBe(`Schools from ${FIXTURE}: 0 added, 0 updated, 9 unchanged, 1 skipped.\n`);

    const peopleFile = join(dir, 'people.csv');
    await writeFile(peopleFile, peopleCsv([{ email: 'alexw@example.com', name: 'Alex Wilber', roles: 'officer;admin', schools: '110001', trainedFor: 'sacre-re-visit' }], { bom: true }));
    expect((await cli('import-people', peopleFile)).code).toBe(0);

    const backup = join(dir, 'backup.json');
    expect((await cli('backup', backup)).code).toBe(0);
    const seeded = await cli('seed-demo');
    expect(seeded.out).toContain('already has schools or people: nothing seeded');
    const later = join(dir, 'later.csv');
    await writeFile(later, giasCsvBytes([giasRow('110010', 'Castle View Primary')]));
    expect((await cli('import-schools', later)).out).toContain('1 added');

    const restore = await cli('restore', backup);
    expect(restore.code).toBe(0);
    const exportFile = join(dir, 'export.json');
    expect((await cli('export', exportFile)).code).toBe(0);
    const exported = JSON.parse(await readFile(exportFile, 'utf8')) as Record<string, unknown[]>;
    expect(exported.schools).toHaveLength(9);
    expect(exported.people).toHaveLength(1);
  });

  it('when the file is bad, then the process exits 1 with one line on stderr and the data file is untouched', async () => {
    expect((await cli('import-schools', FIXTURE)).code).toBe(0);
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, (await readFile(FIXTURE, 'latin1')).replace('"14-03-2019"', '"2019-03-14"'), 'latin1');

    const result = await cli('import-schools', bad);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe('error: Row 2, column OfstedLastInsp: "2019-03-14" is not a date as DD-MM-YYYY. Nothing was imported.\n');
    expect((await cli('import-schools', FIXTURE, '--summary')).out).toContain('0 added, 0 updated, 9 unchanged');
  });
});
