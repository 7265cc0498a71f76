import { networkInterfaces } from 'node:os';
import { loadConfig, type Env } from '../../src/config.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { seedDemoData } from '../../src/app/demo/seed-demo.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { anOfficer, aPerson, aSchool, aStranger, personalMessage, teamsUserId, TEST_TENANT_ID } from '../support/builders.js';
import { recordCounts, startTestBot, TEST_NOW, texts, type TestBot } from '../support/bot.js';
import { startConnector } from '../support/connector.js';
import { capturingLogger } from '../jobs/jobs-world.js';

const graph = { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's3cret', GRAPH_MAIL_SENDER: 'school.improvement@council.example.org' };

/** Starts the real server on a free port as `npm start` would, without the test harness's host. */
async function start(env: Env, store = new MemoryStore()) {
  const logger = capturingLogger();
  const server = await startServer(loadConfig({ LOG_LEVEL: 'silent', ...env, PORT: '0' }), { store, logger, mailer: () => undefined, scheduleJobs: false });
  const warnings = () => logger.lines.map((l) => JSON.parse(l) as { level: string; code?: string; msg?: string }).filter((l) => l.level === 'warn');
  return { server, warnings };
}

/** An address of this machine other than the loopback one, where there is one. */
const outwardAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

/** The server a test started with `start`, closed after it. */
let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('local mode listens on this machine only', () => {
  it('when no bot credentials are set, then the server is bound to 127.0.0.1, the address says so, and nothing is warned', async () => {
    const { server, warnings } = await start({});
    running = server;
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const outward = outwardAddress();
    if (outward) await expect(fetch(`http://${outward}:${server.port}/healthz`)).rejects.toThrow();
    expect(warnings()).toEqual([]);
  });

  it('when HOST widens it, then it listens there and warns at start-up that anyone who reaches it can act as anyone', async () => {
    const { server, warnings } = await start({ HOST: '0.0.0.0' });
    running = server;
    expect(server.address).toBe(`0.0.0.0:${server.port}`);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(warnings()).toEqual([
      expect.objectContaining({ code: 'local-mode-exposed', msg: expect.stringMatching(/^Local mode is listening on 0\.0\.0\.0, beyond this machine .*no Bot Framework token is checked/) }),
    ]);
  });

  it('when bot credentials are set, then it listens on every interface by default, without a local-mode warning', async () => {
    const { server, warnings } = await start({ BOT_ID: '00000000-0000-4000-8000-00000000b07', BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: TEST_TENANT_ID });
    running = server;
    expect(server.address).toBe(`0.0.0.0:${server.port}`);
    expect(warnings()).toEqual([]);
  });
});

describe('production settings without BOT_ID', () => {
  it('when a tenant and Graph credentials are set without BOT_ID, then start-up warns naming local mode, what is set and what it means', async () => {
    const { server, warnings } = await start({ BOT_TENANT_ID: TEST_TENANT_ID, ...graph });
    running = server;
    expect(warnings()).toEqual([
      expect.objectContaining({
        code: 'local-mode-production-settings',
        msg: 'Local mode (BOT_ID is not set) with BOT_TENANT_ID, Graph credentials: no Bot Framework token is checked on any request and Teams cannot be reached; set BOT_ID and BOT_PASSWORD to serve this organisation.',
      }),
    ]);
  });

  it('when the store holds imported schools or people, then start-up warns the same way', async () => {
    const store = new MemoryStore();
    await store.transact((tx) => tx.insert('schools', 'local', aSchool(0)).then(() => undefined), { actor: 'test' });
    const { server, warnings } = await start({}, store);
    running = server;
    expect(warnings()).toEqual([expect.objectContaining({ code: 'local-mode-production-settings', msg: expect.stringContaining('with imported (non-demo) schools or people in the store:') })]);
  });

  it('when the store holds only the demo, then nothing is warned', async () => {
    const store = new MemoryStore();
    await seedDemoData(store, 'local', fixedClock(TEST_NOW));
    const { server, warnings } = await start({}, store);
    running = server;
    expect(warnings()).toEqual([]);
  });
});

describe('in local mode, a Teams identity', () => {
  const officer = anOfficer();
  let bot: TestBot;
  let logger: ReturnType<typeof capturingLogger>;
  beforeEach(async () => {
    logger = capturingLogger();
    bot = await startTestBot({ people: [officer], logger });
  });
  afterEach(() => bot.close());

  it('when an account claims the e-mail of an imported person not yet linked, then it is not linked: an administrator must say so', async () => {
    const imported = aPerson('Ian Imported', ['concernsLead'], { aadObjectId: undefined });
    await bot.seed({ people: [imported] });
    const account = aStranger('Mallory');
    bot.connector.addMembers({ id: teamsUserId(account), aadObjectId: account.aadObjectId!, name: 'Mallory', email: imported.email });
    const before = await recordCounts(bot);
    expect(texts(await bot.say(account, 'whoami'))[0]).toMatch(/^You're not registered/);
    expect((await bot.store.get('people', bot.tenantId, imported.id!))?.aadObjectId).toBeUndefined();
    expect(await recordCounts(bot)).toEqual(before);
    expect(logger.lines.map((l) => JSON.parse(l) as { code?: string })).toContainEqual(expect.objectContaining({ level: 'warn', code: 'local-mode-link-refused', personId: imported.id }));
  });

  it('when a demo person imported without an Entra id writes, then their record is linked as before', async () => {
    const demo = aPerson('Sam Okafor', ['headteacher'], { id: 'demo-person-sam-okafor', aadObjectId: undefined });
    await bot.seed({ people: [demo] });
    const account = aStranger('Sam Okafor');
    bot.connector.addMembers({ id: teamsUserId(account), aadObjectId: account.aadObjectId!, name: account.name, email: demo.email });
    expect(texts(await bot.say(account, 'whoami'))[0]).toMatch(/^Sam Okafor: /);
    expect(await bot.store.get('people', bot.tenantId, demo.id!)).toMatchObject({ aadObjectId: account.aadObjectId });
  });

  it('when a message arrives with a service URL of its own, then that URL is not kept: later messages go to BOT_SERVICE_URL', async () => {
    const elsewhere = await startConnector();
    try {
      const res = await bot.post(personalMessage(officer, 'whoami', { serviceUrl: elsewhere.url, tenantId: bot.tenantId }));
      expect(res.status).toBe(200);
      // The reply to the message itself goes where it came from, as any reply does.
      expect(texts(elsewhere.activities)[0]).toContain('Olivia Officer');
      const [stored] = await bot.store.find('conversations', bot.tenantId, { kind: 'personal' });
      expect(stored!.reference).toMatchObject({ serviceUrl: bot.config.bot.serviceUrl });

      const elsewhereBefore = elsewhere.requests.length;
      const outcome = await bot.server.deps.messenger.sendToPerson(bot.tenantId, officer, { text: 'Your visit note has a reply.' });
      expect(outcome.status).toBe('sent');
      expect(texts(bot.connector.activities)).toContain('Your visit note has a reply.');
      expect(elsewhere.requests.length).toBe(elsewhereBefore);
    } finally {
      await elsewhere.close();
    }
  });
});
