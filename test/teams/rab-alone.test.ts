import { afterEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, aPerson, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';

/** `rab` typed with no school: the school-choice card every school command gives, unless the person may not call a board. */
describe('rab alone', () => {
  const trustee = aPerson('Ella Link', ['officer', 'escMember'], { email: 'ella.link@trust.example.org' });
  const member = aPerson('Mo Member', ['officer'], { email: 'mo.member@trust.example.org' });
  const concern = aSchool(0, { causingConcern: true, linkOfficerEmail: trustee.email });
  const alsoLinked = aSchool(3, { linkOfficerEmail: trustee.email });
  const other = aSchool(5, { causingConcern: true });
  const head = aHeadteacherOf(concern, 'Hannah Head', { email: 'hannah.head@school.example.org' });
  const governor = aPerson('Gordon Governor', ['governor'], { email: 'gordon.governor@school.example.org', schools: [concern.urn] });
  const refusal = 'Only a member of the Education and Standards Committee can set up a Raising Achievement Board.';
  let bot: TestBot;
  afterEach(() => bot.close());

  const start = async (schools = [concern, alsoLinked, other]) => {
    bot = await startTestBot({ schools, people: [trustee, member, head, governor] });
  };

  it('when a committee member types rab alone, then the choice card offers the schools causing concern, not their link school that is not', async () => {
    await start();
    const replies = await bot.say(trustee, 'rab');
    expect(texts(replies)).toEqual(['Which school?']);
    const card = validateCard(cardsOf(replies)[0]);
    const causingConcern = [concern, other].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    expect(inputs(card).get('school')?.choices).toEqual(causingConcern.map((s) => s.urn));
    expect(cardText(card)).not.toContain(alsoLinked.name);
  });

  it('when no school is causing concern and the committee member sits on no board, then rab alone says so and offers no school', async () => {
    await start([aSchool(3, { linkOfficerEmail: trustee.email }), aSchool(5)]);
    const replies = await bot.say(trustee, 'rab');
    expect(texts(replies)).toEqual(['No school is causing concern now, and you sit on no Raising Achievement Board: a board is set up for a school causing concern.']);
    expect(cardsOf(replies)).toEqual([]);
  });

  it('when they choose a school on the card, then its Raising Achievement Board form opens as "rab <school>" opens it', async () => {
    await start();
    const [card] = cardsOf(await bot.say(trustee, 'rab'));
    const chosen = await pressOn(bot, trustee, validateCard(card), `${concern.name} (${concern.urn})`);
    const typed = validateCard(cardsOf(await bot.say(trustee, `rab ${concern.urn}`))[0]);
    const shown = cardText(validateCard(chosen.card));
    expect(shown).toBe(cardText(typed));
    expect(shown).toContain(concern.name);
    expect(shown).toContain('Set up the board');
  });

  it('when they search for a school that is not offered and choose it, then it is answered as "rab <school>" is: a school not causing concern is refused', async () => {
    await start();
    const [card] = cardsOf(await bot.say(trustee, 'rab'));
    const chosen = await pressOn(bot, trustee, validateCard(card), 'Choose', { school: alsoLinked.urn }, { clientValidation: false });
    const typed = await bot.say(trustee, `rab ${alsoLinked.urn}`);
    expect(texts(typed)[0]).toContain('is not a school causing concern');
    expect(JSON.stringify(chosen)).toContain('is not a school causing concern');
  });

  it('when a headteacher or a governor types rab alone, then they are refused as they are with the school named, and offered no choice', async () => {
    await start();
    for (const who of [head, governor]) {
      const alone = await bot.say(who, 'rab');
      expect(texts(alone)).toEqual([refusal]);
      expect(cardsOf(alone)).toEqual([]);
      expect(texts(await bot.say(who, `rab ${concern.urn}`))).toEqual([refusal]);
    }
  });

  it('when a board member who is not on the committee types rab alone, then they are offered their board\'s school rather than refused', async () => {
    await start();
    const form = validateCard(cardsOf(await bot.say(trustee, `rab ${concern.urn}`))[0]);
    await bot.press(trustee, form, 'Set up the board', { members: member.email, date: '2026-12-07', time: '16:00', durationMinutes: '90' });
    const replies = await bot.say(member, 'rab');
    expect(texts(replies)).toEqual(['Which school?']);
    const card = validateCard(cardsOf(replies)[0]);
    expect(inputs(card).get('school')?.choices).toEqual([concern.urn]);
    const chosen = await pressOn(bot, member, card, `${concern.name} (${concern.urn})`);
    expect(cardText(validateCard(chosen.card))).toContain('Record progress');
  });

  it('when the register holds no schools, then rab alone says so', async () => {
    await start([]);
    const replies = await bot.say(trustee, 'rab');
    expect(texts(replies)).toEqual(['The register holds no open schools yet, so there is no school to choose. An administrator imports them (the import-schools command).']);
    expect(cardsOf(replies)).toEqual([]);
  });
});
