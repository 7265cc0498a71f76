import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aSchool, aSitMember } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';

describe('note: quick intelligence notes with their source', () => {
  const oakwood = aSchool(0);
  const stMarys = aSchool(1);
  const officer = anOfficer();
  const sit = aSitMember();
  const head = aHeadteacherOf(oakwood);
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys, aSchool(2)], people: [officer, sit, head] });
  });
  afterEach(() => bot.close());

  const notes = () => bot.store.find('notes', bot.tenantId);

  it('when a SIT member files a finance note, then it is stored with its source, school and author', async () => {
    const replies = await bot.say(sit, 'note Oakwood [finance]: deficit budget forecast for next year');
    expect(texts(replies)[0]).toBe(`Noted for ${oakwood.name} (${oakwood.urn}), from finance: it goes into the SIT's next digest.`);
    expect(await notes()).toEqual([
      expect.objectContaining({ schoolUrn: oakwood.urn, source: 'finance', text: 'deficit budget forecast for next year', author: sit.id, at: '2026-11-23T09:30:00.000Z' }),
    ]);
  });

  it('when no source is given, then the note is from a visit; HR in capitals is understood', async () => {
    await bot.say(officer, `note ${oakwood.urn}: new SENCo starts in January`);
    await bot.say(officer, 'note oakwood [HR]: two teachers on long-term sick leave');
    expect((await notes()).map((n) => n.source)).toEqual(['visit', 'hr']);
  });

  it('when the source is typed as a plain word before the colon, then it is read as the source, not part of the school', async () => {
    const replies = await bot.say(officer, 'note oakwood Operations: boiler replaced over half term');
    expect(texts(replies)[0]).toBe(`Noted for ${oakwood.name} (${oakwood.urn}), from operations: it goes into the SIT's next digest.`);
    expect(await notes()).toEqual([expect.objectContaining({ schoolUrn: oakwood.urn, source: 'operations', text: 'boiler replaced over half term' })]);
  });

  it('when the school name fits several schools, then the choice card files the note at the school picked', async () => {
    const replies = await bot.say(officer, 'note school [operations]: boiler replaced over half term');
    const choice = validateCard(cardsOf(replies)[0]);
    expect(await notes()).toEqual([]);
    const picked = await pressOn(bot, officer, choice, `${stMarys.name} (${stMarys.urn})`);
    expect(picked.message).toContain(`Noted for ${stMarys.name}`);
    expect(await notes()).toEqual([expect.objectContaining({ schoolUrn: stMarys.urn, source: 'operations', text: 'boiler replaced over half term' })]);
  });

  it('when a second person presses the same school choice card, then their own note is filed, not the first one replayed', async () => {
    const [choice] = cardsOf(await bot.say(officer, 'note school finance: late budget return'));
    await pressOn(bot, officer, validateCard(choice), `${stMarys.name} (${stMarys.urn})`, {}, { cardActivityId: 'choice-card' });
    await pressOn(bot, sit, validateCard(choice), `${stMarys.name} (${stMarys.urn})`, {}, { cardActivityId: 'choice-card' });
    expect((await notes()).map((n) => n.author).sort()).toEqual([officer.id, sit.id].sort());
  });

  it('when the note has no colon or an unknown source, then the reply shows how to write it and nothing is stored', async () => {
    expect(texts(await bot.say(officer, 'note Oakwood budget worries'))[0]).toContain('Write it as note ‹school› [visit|finance|operations|hr]: ‹text›');
    expect(texts(await bot.say(officer, 'note Oakwood [estates]: roof'))[0]).toBe('"estates" is not a source: use one of visit, finance, operations, hr.');
    expect(await notes()).toEqual([]);
  });

  it('when a headteacher types note, then they are refused', async () => {
    expect(texts(await bot.say(head, 'note Oakwood: hello'))[0]).toMatch(/^Only .* can use "note"/);
    expect(await notes()).toEqual([]);
  });
});
