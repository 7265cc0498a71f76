import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { anOfficer, aSchool, aSitMember } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText } from '../support/cards.js';

/**
 * Every command that names a school shares one lookup: an unknown name, and a school closed since the last
 * import, get the same pointer on how to name it, and nothing is stored.
 */
describe('naming a school that is not in the register', () => {
  const officer = anOfficer('Olivia Officer');
  const sit = aSitMember('Sam Sit');
  const open = aSchool(0);
  const closed = aSchool(1, { status: 'closed', closedOn: '2026-08-31' });
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [open, closed], people: [officer, sit] });
  });
  afterEach(() => bot.close());

  const notFound = (name: string) => `I couldn't find a school matching "${name}". Try its URN or another part of its name.`;

  it.each([
    ['visit', 'visit Zebra Lane'],
    ['healthcheck', 'healthcheck Zebra Lane'],
    ['sef', 'sef Zebra Lane'],
    ['note', 'note Zebra Lane: new SENCo starts in January'],
    ['inspection', 'inspection Zebra Lane'],
    ['risk', 'risk Zebra Lane'],
    ['strategy', 'strategy Zebra Lane'],
    ['concern', 'concern Zebra Lane'],
  ])('when %s names an unknown school, then the reply says how to name one and nothing is stored', async (_command, text) => {
    expect(texts(await bot.say(officer, text))).toEqual([notFound('Zebra Lane')]);
    for (const collection of ['visits', 'healthChecks', 'selfEvaluations', 'notes', 'riskChanges', 'strategyMeetings', 'concerns'] as const) expect(await bot.store.find(collection, bot.tenantId)).toEqual([]);
  });

  it.each([
    ['visit', `visit ${closed.urn}`],
    ['healthcheck', `healthcheck ${closed.urn}`],
    ['sef', `sef ${closed.urn}`],
    ['note', `note ${closed.urn}: roof repairs`],
    ['inspection', `inspection ${closed.urn}`],
    ['risk', `risk ${closed.urn}`],
    ['strategy', `strategy ${closed.urn}`],
  ])('when %s names a school closed since the last import, then it is not found and nothing is stored', async (_command, text) => {
    expect(texts(await bot.say(officer, text))).toEqual([notFound(closed.urn)]);
    expect(await bot.store.find('notes', bot.tenantId)).toEqual([]);
  });

  it.each(['healthcheck', 'sef'])('when a SIT member lists %s, then the closed school is not among the schools listed', async (command) => {
    const shown = cardsOf(await bot.say(sit, command)).map(cardText).join('\n');
    expect(shown).toContain(open.name);
    expect(shown).not.toContain(closed.name);
  });
});
