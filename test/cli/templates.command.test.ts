import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { MemoryStore } from '../../src/store/memory.store.js';

const tenantId = 'tenant-a';

async function cli(store: MemoryStore, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    store,
    env: {},
    tenantId,
    actor: 'cli:admin',
  });
  return { code, out, err };
}

async function jsonFile(content: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'templates-')), 'template.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const trial = {
  id: 'trial-visit',
  name: 'Trial visit',
  description: 'A visit used in tests.',
  visitType: 'other',
  items: [{ id: 'summary', prompt: 'Summary', kind: 'text', required: true, theme: 'success' }],
};

describe('npm run cli -- templates', () => {
  it('when templates are listed, then the four built-ins are shown one a line', async () => {
    const r = await cli(new MemoryStore(), 'templates', 'list');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContainEqual(expect.stringMatching(/^sacre-re-visit v1: SACRE RE visit \(sacre; training required; school gets a copy \(also reLead\); \d+ items\)$/));
  });

  it('when a template file is added, then it is stored, listed, and adding it again changes nothing', async () => {
    const store = new MemoryStore();
    const file = await jsonFile(trial);
    const first = await cli(store, 'templates', 'add', file);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('Added trial-visit v1: Trial visit');
    expect((await cli(store, 'templates', 'list')).out).toContain('trial-visit v1');
    const again = await cli(store, 'templates', 'add', file);
    expect(again.out).toContain('Unchanged');
    expect(await store.find('templates', tenantId)).toHaveLength(1);
  });

  it('when a built-in id is added with changes, then it becomes the next version', async () => {
    const store = new MemoryStore();
    const file = await jsonFile({ ...trial, id: 'sit-support-visit', name: 'SIT support visit (short)' });
    expect((await cli(store, 'templates', 'add', file)).out).toContain('Added sit-support-visit v2');
  });

  it.each([
    ['a bad item kind', { ...trial, items: [{ id: 'summary', prompt: 'Summary', kind: 'essay' }] }, 'items[0].kind'],
    ['not JSON at all', '{ "id": ', 'not valid JSON'],
  ])('when the file has %s, then one line names the problem, the exit code is 1 and nothing is stored', async (_what, content, text) => {
    const store = new MemoryStore();
    const r = await cli(store, 'templates', 'add', await jsonFile(content));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(text);
    expect(await store.find('templates', tenantId)).toHaveLength(0);
  });

  it('when the file does not exist, then it says so', async () => {
    const r = await cli(new MemoryStore(), 'templates', 'add', '/nonexistent/template.json');
    expect(r).toMatchObject({ code: 1 });
    expect(r.err).toContain('there is no such file');
  });
});
