import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import type { Logger } from '../../src/app/ports/logger.port.js';
import { NotAllowedError } from '../../src/domain/errors.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { matchCommand, type CardAction, type Command } from '../../src/teams/handler.js';
import { DamagedStoreAlarm } from '../../src/app/store-health/damaged-store-alarm.js';
import type { BotDeps } from '../../src/teams/deps.js';
import { cardActionHandler, SOMETHING_WENT_WRONG } from '../../src/teams/dispatch.js';
import { aHeadteacherOf, anOfficer, aSchool, aStranger, cardAction, TEST_TENANT_ID, type TestUser } from '../support/builders.js';
import { TEST_NOW } from '../support/bot.js';
import { noMetrics } from '../../src/app/ports/metrics.port.js';
import { timeZoneNamed } from '../../src/domain/time-zone.js';

describe('matchCommand', () => {
  const command = (name: string): Command => ({ name, roles: 'everyone', summary: name, handler: async () => undefined });
  const commands = [command('register'), command('register partnership'), command('visit')];

  it('when two names start the text, then the longer wins and the rest is kept as typed', () => {
    expect(matchCommand(commands, '  Register   Partnership  Rutland North ')).toMatchObject({ command: { name: 'register partnership' }, args: 'Rutland North' });
  });

  it('when a word merely starts with a command name, then it is not that command', () => {
    expect(matchCommand(commands, 'visits')).toBeUndefined();
  });
});

describe('cardActionHandler', () => {
  const officer = anOfficer();
  const head = aHeadteacherOf(aSchool(0));
  const logged: { level: string; obj: object; msg?: string }[] = [];
  const logger: Logger = {
    debug: (obj, msg) => logged.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => logged.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => logged.push({ level: 'error', obj, msg }),
  };
  let deps: BotDeps;

  beforeEach(async () => {
    logged.length = 0;
    const store = new MemoryStore(() => new Date(TEST_NOW));
    await store.transact(async (tx) => {
      for (const p of [officer, head]) await tx.insert('people', TEST_TENANT_ID, p);
    }, { actor: 'test' });
    const unreachable = { status: 'unreachable' as const, reason: 'not in this test' };
    const messenger = { sendToPerson: async () => unreachable, sendToChannel: async () => unreachable, updateMessage: async () => unreachable };
    deps = {
      store,
      clock: fixedClock(TEST_NOW),
      logger,
      config: loadConfig({ BOT_TENANT_ID: TEST_TENANT_ID }),
      tenantId: TEST_TENANT_ID,
      timeZone: timeZoneNamed('Europe/London'),
      builtInTemplates: [],
      cliTasks: [],
      composers: {},
      digestComposers: {},
      messenger,
      metrics: noMetrics,
      storeAlarm: new DamagedStoreAlarm({ store, messenger, logger, tenantId: TEST_TENANT_ID }),
    };
  });

  const press = (action: CardAction, user: TestUser, trigger: 'manual' | 'automatic' = 'manual') => {
    const activity = cardAction(user, action.verb, { visitId: 'v1' }, { serviceUrl: 'http://127.0.0.1:9/', trigger }) as unknown as Activity;
    return cardActionHandler(action, deps)(new TurnContext(new TestAdapter(), activity), { visitId: 'v1' });
  };
  const officersOnly = (handler: CardAction['handler']): CardAction => ({ verb: 'visit.submit', roles: ['officer', 'sit'], handler });

  it('when the person has the role, then the handler gets the person, the data and whether it is a refresh', async () => {
    const seen: unknown[] = [];
    const action = officersOnly(async ({ person, data, isRefresh }) => {
      seen.push(person.id, data, isRefresh);
      return 'Saved.';
    });
    expect(await press(action, officer, 'automatic')).toBe('Saved.');
    expect(seen).toEqual([officer.id, { visitId: 'v1' }, true]);
  });

  it('when the person lacks the role, then the handler does not run and they are told who may', async () => {
    let ran = false;
    const action = officersOnly(async () => ((ran = true), 'Saved.'));
    expect(await press(action, head)).toBe('Only a school improvement officer or a school improvement team (SIT) member can do this.');
    expect(ran).toBe(false);
  });

  it('when the person is not registered, then the handler does not run', async () => {
    let ran = false;
    const action = officersOnly(async () => ((ran = true), 'Saved.'));
    expect(await press(action, aStranger())).toMatch(/^You're not registered/);
    expect(ran).toBe(false);
  });

  it('when the use case refuses, then its message is shown and logged by code only', async () => {
    const action = officersOnly(async () => {
      throw new NotAllowedError('Only the visit’s officer can submit it.');
    });
    expect(await press(action, officer)).toBe('Only the visit’s officer can submit it.');
    expect(logged).toContainEqual({ level: 'info', obj: { personId: officer.id, verb: 'visit.submit', code: 'not-allowed' }, msg: 'refused' });
  });

  it('when the handler fails unexpectedly, then the person gets an apology and the error text stays out of the log', async () => {
    const action = officersOnly(async () => {
      throw new Error('concern text that must never be logged');
    });
    expect(await press(action, officer)).toBe(SOMETHING_WENT_WRONG);
    const entry = logged.find((l) => l.level === 'error')!;
    expect(entry.obj).toMatchObject({ personId: officer.id, verb: 'visit.submit', err: { name: 'Error' } });
    expect(JSON.stringify(entry.obj)).not.toContain('concern text that must never be logged');
  });
});
