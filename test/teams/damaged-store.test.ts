import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anOfficer, aPerson, aSchool } from '../support/builders.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import { damagedStoreMessage } from '../../src/app/store-health/damaged-store-alarm.js';
import { startTestBot, texts, type TestBot } from '../support/bot.js';
import { capturingLogger } from '../jobs/jobs-world.js';
import { RECORDS_UNREADABLE } from '../../src/teams/dispatch.js';
import { HEALTH_CHECK_VERBS } from '../../src/teams/cards/health-check.card.js';

/**
 * A store damaged between two runs (a hand edit, a disk fault): the bot is started on a lowdb file, stopped,
 * one collection's partition is truncated, and the bot started again on it.
 */
describe('a damaged store', () => {
  const officer = anOfficer();
  const admin = aPerson('Ada Admin', ['admin']);
  const school = aSchool(0);
  let dataFile: string;
  let bot: TestBot | undefined;
  let logger: ReturnType<typeof capturingLogger>;

  beforeEach(async () => {
    dataFile = join(mkdtempSync(join(tmpdir(), 'sib-damaged-')), 'db.json');
    const first = await startTestBot({ env: { DATA_FILE: dataFile }, schools: [school], people: [officer, admin] });
    await first.close();
    logger = capturingLogger();
  });
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  /** Truncates every partition file of a collection, as a failed copy would. */
  function damage(collection: string) {
    const folder = join(`${dataFile}.d`, collection);
    for (const file of readdirSync(folder)) writeFileSync(join(folder, file), '{"generation":1,"rows":[\n{"id":"');
  }
  const restart = async () => (bot = await startTestBot({ env: { DATA_FILE: dataFile }, logger }));
  const errors = () => logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 'error');

  it('when it is sound, then /healthz answers 200', async () => {
    const running = await restart();
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('when a collection is damaged, then /healthz answers 503 naming the collection, never a file, and logs an error naming the file', async () => {
    damage('schools');
    const running = await restart();
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'error', problem: 'corrupt-store', collection: 'schools', store: 'lowdb' });
    expect(JSON.stringify(body)).not.toContain(dataFile);
    expect(errors()).toEqual([expect.objectContaining({ code: 'corrupt-store', part: 'schools', file: expect.stringContaining(join('db.json.d', 'schools')) })]);
  });

  it('when a command needs the damaged collection, then the person is told the records could not be read and the administrator told, without a path', async () => {
    damage('schools');
    const running = await restart();
    const replies = texts(await running.say(officer, `visit ${school.urn}`));
    expect(replies).toEqual([RECORDS_UNREADABLE]);
    expect(replies.join('\n')).not.toMatch(/db\.json|\/tmp|\.json/);
    expect(errors()).toContainEqual(expect.objectContaining({ code: 'corrupt-store', part: 'schools', command: 'visit' }));
  });

  it('when a collection is damaged, then each administrator is told once in their 1:1 chat, naming the collection and what to do, never a file', async () => {
    damage('schools');
    const running = await restart();
    await running.say(officer, `visit ${school.urn}`);
    await running.say(officer, `healthcheck ${school.urn}`);
    // The alarm goes after the officer's answer: wait for it (a bounded wait, not a timing assertion).
    const toAdmin = async () => {
      for (let i = 0; i < 100 && sentToPersonalChat(running, admin).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      return sentToPersonalChat(running, admin).map((a) => (a.activity.text ?? a.activity.summary));
    };
    expect(await toAdmin()).toEqual([damagedStoreMessage('schools')]);
    expect(damagedStoreMessage('schools')).not.toMatch(/db\.json|\/tmp/);
  });

  it('when the people collection is damaged, then a message and a card press each get the same words (the person cannot even be looked up)', async () => {
    damage('people');
    const running = await restart();
    expect(texts(await running.say(officer, 'whoami'))).toEqual([RECORDS_UNREADABLE]);
    const pressed = await running.invoke(officer, HEALTH_CHECK_VERBS.open, { school: school.urn });
    expect(pressed.message).toBe(RECORDS_UNREADABLE);
    expect(errors().filter((e) => e.part === 'people')).toHaveLength(2);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(503);
  });
});
