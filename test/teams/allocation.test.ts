import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aHeadteacherOf, anAdmin, anOfficer, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, inputs, validateCard } from '../support/cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';

/**
 * A known data set (no visit entitlement, so only risk and inspection count): needs 10, 5.5, 2 and 2 of 19.5;
 * 20 days in half days by largest remainder give 10.5, 5.5, 2 and 2.
 */
const schools = [
  aSchool(0, { riskLevel: 'intensive', visitEntitlement: 0, inspections: [{ framework: 'legacy', date: '2024-02-01', overall: 'Inadequate', category: 'Special Measures' }] }),
  aSchool(1, {
    riskLevel: 'high',
    visitEntitlement: 0,
    inspections: [{ framework: 'reportCard', date: '2026-01-20', grades: { inclusion: 'needs attention', achievement: 'urgent improvement' }, safeguardingMet: true }],
  }),
  aSchool(2, { riskLevel: 'medium', visitEntitlement: 0, inspections: [{ framework: 'legacy', date: '2022-05-10', overall: 'Good' }] }),
  aSchool(3, { riskLevel: 'low', visitEntitlement: 0, inspections: [] }),
];
const [ash, beech, cedar, damson] = schools.map((s) => s);

describe('allocation: officer time in inverse proportion to success', () => {
  const officer = anOfficer('Olivia Officer');
  const admin = anAdmin('Ada Admin');
  const head = aHeadteacherOf(schools[0]!);
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools, people: [officer, admin, head], env: { ALLOCATION_OFFICER_DAYS: '20' } });
  });
  afterEach(() => bot.close());

  const open = async () => {
    const replies = await bot.say(officer, 'allocation');
    return { text: texts(replies)[0], card: validateCard(cardsOf(replies)[0]) };
  };

  it('when an officer types allocation, then the days available (the setting) are shared in inverse proportion to success, each school with why', async () => {
    const { text, card } = await open();
    expect(text).toBe('Officer time: 20 days across 4 schools.');
    const shown = cardText(card);
    expect(shown).toContain('A suggested share of 20 days across 4 open schools');
    expect(shown).toContain(`${ash!.name} (${ash!.urn})\nrisk intensive; Ofsted 1 Feb 2024: Special Measures\nSuggested 10.5 · Kept: –`);
    expect(shown).toContain(`${beech!.name} (${beech!.urn})\nrisk high; report card 20 Jan 2026: 1 area urgent improvement, 1 area needs attention\nSuggested 5.5 · Kept: –`);
    expect(shown).toContain('Suggested total 20 days of 20 days available.');
    const typed = inputs(card);
    expect(typed.get('officerDays')?.value).toBe('20');
    expect([ash, beech, cedar, damson].map((s) => typed.get(`days.${s!.urn}`)?.value)).toEqual(['10.5', '5.5', '2', '2']);
  });

  it('when the officer adjusts a share and keeps it, then it is stored with who and when, and shown beside the fresh suggestion next time', async () => {
    const { card } = await open();
    const kept = await bot.press(officer, card, 'Keep this allocation', { [`days.${ash!.urn}`]: '9', [`days.${cedar!.urn}`]: '3.5' });
    expect(cardText(validateCard(kept.card))).toContain('Kept: 20 of 20 days.');
    const stored = await bot.store.find('allocations', bot.tenantId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.shares.find((s) => s.urn === ash!.urn)).toMatchObject({ days: 9, suggested: 10.5 });
    expect(stored[0]!.keptAt).toBe('2026-11-23T09:30:00.000Z');
    // The same press again (a double click) keeps one.
    await bot.press(officer, card, 'Keep this allocation', { [`days.${ash!.urn}`]: '9', [`days.${cedar!.urn}`]: '3.5' });
    expect(await bot.store.find('allocations', bot.tenantId)).toHaveLength(1);

    const again = cardText((await open()).card);
    expect(again).toContain(`Kept 23 Nov`);
    expect(again).toContain(`${ash!.name} (${ash!.urn})\nrisk intensive; Ofsted 1 Feb 2024: Special Measures\nSuggested 10.5 · Kept 23 Nov: 9`);
    expect(again).toContain('Kept by Olivia Officer on Monday 23 November 2026: 20 days of 20 days.');
  });

  it('when the shares add up to more than the days available, then nothing is kept and the card comes back as typed, the total named', async () => {
    const { card } = await open();
    const refused = await bot.press(officer, card, 'Keep this allocation', { [`days.${ash!.urn}`]: '12' });
    const back = validateCard(refused.card);
    expect(cardText(back)).toContain('The shares add up to 21.5 days, more than the 20 days available: take 1.5 off.');
    expect(inputs(back).get(`days.${ash!.urn}`)?.value).toBe('12');
    expect(await bot.store.find('allocations', bot.tenantId)).toEqual([]);
  });

  it('when the officer types other days available and asks again, then the suggestion shares those', async () => {
    const { card } = await open();
    const again = await bot.press(officer, card, 'Suggest again', { officerDays: '10' });
    const shown = validateCard(again.card);
    expect(cardText(shown)).toContain('Suggested total 10 days of 10 days available.');
    expect(inputs(shown).get(`days.${ash!.urn}`)?.value).toBe('5');
  });

  it('when a headteacher or an administrator types allocation, then they are refused', async () => {
    expect(texts(await bot.say(head, 'allocation'))[0]).toMatch(/^Only .* can use "allocation"/);
    expect(texts(await bot.say(admin, 'allocation'))[0]).toMatch(/^Only .* can use "allocation"/);
  });

  it('when allocation is typed in a partnership channel, then it is answered in the 1:1 chat and the channel names no school', async () => {
    const channel = aChannel('Rutland North Partnership');
    const replies = await bot.say(officer, 'allocation', { channel });
    expect(texts(replies)).toEqual(['I\'ve answered "allocation" in our 1:1 chat: what it shows is not for this conversation.']);
    expect(schools.some((s) => JSON.stringify(bot.connector.activitiesIn(channel.id)).includes(s.name))).toBe(false);
    expect(cardText(cardsOf(sentToPersonalChat(bot, officer))[0])).toContain(ash!.name);
  });
});
