import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, press, validateCard } from '../support/cards.js';
import { pressOn, requiredAnswers } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

describe('partnership development visits: to a partnership as a whole, or to one of its schools', () => {
  // Oakwood and St Mary's form the Learning Together partnership; Hillside belongs to none.
  const oakwood = aSchool(0, { partnerships: ['Learning Together'] });
  const stMarys = aSchool(1, { partnerships: ['Learning Together'] });
  const hillside = aSchool(2);
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys, hillside], people: [officer, head] });
  });
  afterEach(() => bot.close());

  const visits = () => bot.store.find('visits', bot.tenantId);

  async function startFrom(typed: string, templateId = 'partnership-development-visit'): Promise<AdaptiveCard> {
    const [startCard] = cardsOf(await bot.say(officer, typed));
    const start = press(validateCard(startCard), 'Start visit', { templateId });
    const started = await bot.invoke(officer, start.verb, start.data);
    return validateCard(started.card);
  }

  it('when an officer types visit and a partnership\'s name, then only the partnership agenda is offered, and the visit is stored for the partnership with no school', async () => {
    const replies = await bot.say(officer, 'visit learning together');
    expect(texts(replies)[0]).toBe('Start a visit to the Learning Together partnership.');
    const startCard = validateCard(cardsOf(replies)[0]);
    expect(cardText(startCard)).toContain('Start a visit: the Learning Together partnership, as a whole');
    expect(inputs(startCard).get('templateId')?.choices).toEqual(['partnership-development-visit']);

    const agenda = await startFrom('visit Learning Together');
    expect(cardText(agenda)).toContain('Partnership development visit: Learning Together partnership');
    const submitted = await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));
    const summary = cardText(validateCard(submitted.card));
    expect(summary).toContain('Learning Together partnership');
    expect(summary).not.toContain("The school's copy");

    const [visit] = await visits();
    expect(visit).toMatchObject({ status: 'submitted', partnership: 'Learning Together', visitType: 'partnership' });
    expect(visit!.schoolUrn).toBeUndefined();
    expect(cardText(validateCard(cardsOf(await bot.say(officer, 'visits'))[0]))).toContain('Learning Together partnership');
  });

  it('when the partnership agenda is started at a school, then the school\'s partnership is recorded with the school as the one seen', async () => {
    const agenda = await startFrom(`visit ${oakwood.urn}`);
    expect(cardText(agenda)).toContain(`Partnership development visit: ${oakwood.name} (Learning Together partnership) (${oakwood.urn})`);
    await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));
    expect((await visits())[0]).toMatchObject({ status: 'submitted', schoolUrn: oakwood.urn, partnership: 'Learning Together' });
  });

  it('when partnership visits are counted, then the partnership programme covers every school of a partnership visited as a whole, while entitlement counts only the school seen', async () => {
    const whole = await startFrom('visit Learning Together');
    await pressOn(bot, officer, whole, 'Submit', requiredAnswers(whole));
    const seen = await startFrom(`visit ${stMarys.urn}`);
    await pressOn(bot, officer, seen, 'Submit', requiredAnswers(seen));

    const partnership = cardText(validateCard(cardsOf(await bot.say(officer, 'coverage partnership'))[0]));
    expect(partnership).toContain('Partnership development visits: coverage 2026/27');
    expect(partnership).toContain('2 of 2 schools visited (100%)');

    const entitlement = cardText(validateCard(cardsOf(await bot.say(officer, 'coverage support'))[0]));
    // Every school is due one of its six by 23 November: St Mary's, seen at a partnership visit, is the only one not behind.
    expect(entitlement).toContain(`${oakwood.name} (${oakwood.urn}): 0 of 1 due so far`);
    expect(entitlement).toContain(`${hillside.name} (${hillside.urn}): 0 of 1 due so far`);
    expect(entitlement).not.toContain(`${stMarys.name} (${stMarys.urn}): `);
  });

  it("when a partnership as a whole was visited, then its school's headteacher cannot open the note, and a forged start of another agenda for the partnership is refused", async () => {
    const agenda = await startFrom('visit Learning Together');
    await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));
    const [visit] = await visits();
    const opened = await bot.invoke(head, 'visit.open', { visitId: visit!.id });
    expect(opened.message).toBe('Only its visitor, officers and the school can see this visit note.');

    const forged = await bot.invoke(officer, 'visit.start', { urn: '', partnership: 'Learning Together', templateId: 'sit-support-visit' });
    expect(forged.message).toBe('A partnership is visited with a partnership agenda: choose one of the agendas offered.');
    expect(await visits()).toHaveLength(1);
  });

  it('when the name is neither a partnership nor a school, then the reply says no school matched and nothing starts', async () => {
    expect(texts(await bot.say(officer, 'visit Learning Apart'))).toEqual(['I couldn\'t find a school matching "Learning Apart". Try its URN or another part of its name.']);
    expect(actions(validateCard(cardsOf(await bot.say(officer, 'visit Learning Together'))[0])).map((a) => a.title)).toEqual(['Start visit']);
    expect(await visits()).toEqual([]);
  });

  it('when a headteacher types visit with a partnership name, then they are refused', async () => {
    expect(texts(await bot.say(head, 'visit Learning Together'))[0]).toMatch(/^Only .* can use "visit"/);
  });
});
