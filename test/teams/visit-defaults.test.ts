import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aPerson, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, press, validateCard } from '../support/cards.js';
import { openAgenda, pressOn } from '../support/visit-cards.js';
import { aVisit } from '../support/visits.js';
import { pinTemplateVersion } from '../../src/app/visits/templates.js';

describe('a visit starts with what the bot already knows', () => {
  const oakwood = aSchool(0, { headteacherName: 'Hannah Head', chairOfGovernorsEmail: 'gina.chair@oakwood.example.org' });
  const chair = aPerson('Gina Chair', ['governor'], { email: 'gina.chair@oakwood.example.org', schools: [oakwood.urn] });
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, aSchool(1)], people: [officer, head, chair] });
  });
  afterEach(() => bot.close());

  it('when a visit is started, then the day of the visit is its planned date and the headteacher and chair of governors are filled in from the school record', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'la-annual-visit', '2026-11-20');
    const fields = inputs(agenda);
    expect(fields.get('visit.visitedDate')?.value).toBe('2026-11-20');
    expect(fields.get('visit.attendee.0')).toMatchObject({ label: 'Headteacher', value: 'Hannah Head' });
    expect(fields.get('visit.attendee.1')).toMatchObject({ label: 'Chair of governors', value: 'Gina Chair' });
    expect(fields.get('visit.attendee.2')?.value ?? '').toBe('');
    expect(cardText(agenda)).toContain('Planned for Friday 20 November 2026');
  });

  it('when a visit has no planned date, then the day of the visit starts as today', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit', '');
    expect(inputs(agenda).get('visit.visitedDate')?.value).toBe('2026-11-23');
  });

  it('when a visit is started again at the same school with the same agenda, then the open one is resumed with what was saved, not a second draft', async () => {
    const first = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    await pressOn(bot, officer, first, 'Save draft', { focus: 'Reading in key stage 2' });
    const again = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    expect(cardText(again)).toContain('You already had this visit open');
    expect(inputs(again).get('focus')?.value).toBe('Reading in key stage 2');
    expect(await bot.store.find('visits', bot.tenantId)).toHaveLength(1);
    const list = validateCard(cardsOf(await bot.say(officer, 'visits'))[0]);
    expect(actions(list).filter((a) => a.title.startsWith('Resume'))).toHaveLength(1);
  });

  it('when the officer starts another visit at a school, then the agenda they used there last is chosen for them', async () => {
    const [before] = cardsOf(await bot.say(officer, 'visit Oakwood'));
    const first = inputs(validateCard(before)).get('templateId')!;
    const other = first.choices!.find((c) => c !== first.value)!;
    await openAgenda(bot, officer, 'Oakwood', other);
    const [start] = cardsOf(await bot.say(officer, 'visit Oakwood'));
    expect(inputs(validateCard(start)).get('templateId')?.value).toBe(other);
    const [elsewhere] = cardsOf(await bot.say(officer, `visit ${aSchool(1).name}`));
    expect(inputs(validateCard(elsewhere)).get('templateId')?.value).toBe(first.value);
    expect(press(validateCard(elsewhere), 'Start visit').data).toMatchObject({ urn: aSchool(1).urn });
  });
});

describe("a headteacher's visits before the school's copy is delivered", () => {
  const oakwood = aSchool(0);
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood], people: [officer, head] });
    // Submitted, its copy not yet delivered (copySentAt unset): Teams and mail were both failing.
    const template = bot.server.deps.builtInTemplates.find((t) => t.id === 'sit-support-visit')!;
    await bot.store.transact(
      async (tx) => {
        await pinTemplateVersion(tx, bot.tenantId, template);
        await tx.insert('visits', bot.tenantId, aVisit(oakwood, '2026-11-20', { visitorId: officer.id, templateVersion: template.version }));
      },
      { actor: 'test' },
    );
  });
  afterEach(() => bot.close());

  it('when the headteacher types visits, then the submitted note is listed at once, and they can answer it', async () => {
    const replies = await bot.say(head, 'visits');
    expect(texts(replies)).toEqual(['1 visit note awaits your answer.']);
    const list = validateCard(cardsOf(replies)[0]);
    expect(cardText(list)).toContain('Awaiting your answer, visited 20 Nov');
    const opened = await pressOn(bot, head, list, 'Open 20 Nov');
    expect(actions(validateCard(opened.card)).map((a) => a.title)).toEqual(['Refresh', 'Accurate', 'Dispute']);
  });
});
