import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PLAYGROUND_DEFAULT_USER, PLAYGROUND_TENANT_ID } from '../src/app/demo/demo-data.js';
import { aChannel, anAdmin, anOfficer, personalMessage, TEST_TENANT_ID } from './support/builders.js';
import { recordCounts, startTestBot, texts, type TestBot } from './support/bot.js';
import { startConnector } from './support/connector.js';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { MemoryStore } from '../src/store/memory.store.js';

const officer = anOfficer();

describe('the server in local mode', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ people: [officer] });
  });
  afterAll(() => bot.close());

  it('when /healthz is asked, then it answers ok naming the store and the mode', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'memory', storeReachable: true, jobs: [], mode: 'local', version: expect.any(String) });
  });

  it('when it starts, then the built-in agendas and the admin CLI tasks are read once and handed to the Teams layer', () => {
    expect(bot.server.deps.builtInTemplates.map((t) => t.id).sort()).toEqual(['la-annual-visit', 'partnership-development-visit', 'sacre-re-visit', 'sit-support-visit']);
    expect(Object.isFrozen(bot.server.deps.builtInTemplates)).toBe(true);
    expect(bot.server.deps.cliTasks.map((t) => t.usage)).toContain('import-schools <file>');
  });

  it('when an activity comes without a token, then it is served (no token checks in local mode)', async () => {
    expect(texts(await bot.say(officer, 'whoami'))[0]).toContain('Olivia Officer');
  });

  it('when the body is not an activity, then it is refused with 400', async () => {
    expect((await bot.post({ hello: 'world' })).status).toBe(400);
    expect((await bot.post('not json at all')).status).toBe(400);
  });
});

describe('the server with bot credentials', () => {
  // Requests without a token; tokens themselves, valid and forged, are tested in test/teams/endpoint-token.test.ts.
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { BOT_ID: '00000000-0000-4000-8000-00000000b07', BOT_PASSWORD: 'not-a-real-secret' }, people: [anAdmin()] });
  });
  afterAll(() => bot.close());

  it('when /healthz is asked, then it says the mode is authenticated', async () => {
    expect(await (await fetch(`${bot.url}/healthz`)).json()).toMatchObject({ mode: 'authenticated' });
  });

  it.each([
    ['no Authorization header', {}],
    ['a bearer token that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a non-bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('when a request carries %s, then it gets 401 and the bot does nothing', async (_what, headers) => {
    const before = await recordCounts(bot);
    const res = await bot.post(personalMessage(anAdmin(), 'help', { serviceUrl: bot.connector.url, tenantId: TEST_TENANT_ID }), headers);
    expect(res.status).toBe(401);
    expect(bot.connector.requests).toEqual([]);
    expect(await recordCounts(bot)).toEqual(before);
  });
});

describe('the server on a lowdb file', () => {
  it('when the bot restarts on the same data file, then what was stored before is still there', async () => {
    const env = { DATA_FILE: join(mkdtempSync(join(tmpdir(), 'sib-lowdb-')), 'db.json') };
    const admin = anAdmin();
    const first = await startTestBot({ env, people: [admin] });
    expect(await (await fetch(`${first.url}/healthz`)).json()).toMatchObject({ store: 'lowdb' });
    await first.say(admin, 'register sit', { channel: aChannel() });
    await first.close();

    const second = await startTestBot({ env });
    try {
      expect(await second.store.find('conversations', second.tenantId, { purpose: 'sit' })).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('starting on a port that is taken', () => {
  it('when the port is in use, then startServer rejects with the reason instead of crashing', async () => {
    const holder = await startTestBot();
    try {
      const config = loadConfig({ LOG_LEVEL: 'silent', PORT: String(holder.server.port) });
      await expect(startServer(config, { store: new MemoryStore(), host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await holder.close();
    }
  });
});

describe('closing the server', () => {
  it('when it closes during a turn, then the turn finishes and its reply is sent, and new requests are refused', async () => {
    const bot = await startTestBot({ people: [officer] });
    bot.connector.slowDown(1, 300);
    const turn = bot.say(officer, 'whoami');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await bot.server.close();
    expect(texts(await turn)[0]).toContain('Olivia Officer');
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
    await bot.connector.close();
  });
});

describe('npm start', () => {
  it('when started in local mode on an empty data file, then it seeds the demo, serves the Playground user, and exits 0 on SIGTERM', async () => {
    const connector = await startConnector();
    const dir = mkdtempSync(join(tmpdir(), 'sib-start-'));
    const child = spawn(resolve('node_modules/.bin/tsx'), [resolve('src/server.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', DATA_FILE: join(dir, 'db.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      const lines: string[] = [];
      const started = new Promise<{ url: string; store: string; mode: string }>((done) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          lines.push(...chunk.split('\n').filter(Boolean));
          const line = lines.map((l) => JSON.parse(l) as { url?: string; store: string; mode: string }).find((l) => l.url);
          if (line) done(line as { url: string; store: string; mode: string });
        });
      });
      const { url, store, mode } = await started;
      expect({ store, mode }).toEqual({ store: 'lowdb', mode: 'local' });
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok', store: 'lowdb', mode: 'local' });

      const playgroundUser = { name: PLAYGROUND_DEFAULT_USER.name, aadObjectId: PLAYGROUND_DEFAULT_USER.aadObjectId };
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(playgroundUser, 'whoami', { serviceUrl: connector.url, tenantId: PLAYGROUND_TENANT_ID })),
      });
      expect(res.status).toBe(200);
      expect(texts(connector.activities)[0]).toMatch(/^Alex Wilber: /);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lines.join('\n')).toContain('demo schools and people added');
    } finally {
      child.kill('SIGKILL');
      await connector.close();
    }
  });
});
