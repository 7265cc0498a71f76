import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, anAdmin, anOfficer, aSchool, personalMessage, type TestChannel } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText } from '../support/cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';

const answeredPrivately = (command: string) => `I've answered "${command}" in our 1:1 chat: what it shows is not for this conversation.`;

describe('answers that name schools, in the right room', () => {
  const admin = anAdmin('Ada Admin');
  const officer = anOfficer('Olivia Officer');
  const schools = [aSchool(0, { partnerships: ['Rutland North'] }), aSchool(1, { partnerships: ['Rutland North'] }), aSchool(2)];
  const sitChannel = aChannel('School Improvement Team');
  const partnershipChannel = aChannel('Rutland North Partnership');
  const otherChannel = aChannel('Staff Room');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools, people: [admin, officer] });
    expect(texts(await bot.say(admin, 'register sit', { channel: sitChannel }))[0]).toContain('SIT digest');
    expect(texts(await bot.say(admin, 'register partnership Rutland North', { channel: partnershipChannel }))[0]).toContain('Rutland North');
  });
  afterEach(() => bot.close());

  /** Everything the bot has put in a channel since `mark` (its threads included). */
  const inChannel = (channel: TestChannel, mark = 0) => bot.connector.activitiesIn(channel.id).slice(mark);
  const schoolNamed = (text: string) => schools.some((s) => text.includes(s.name));

  it('when coverage is typed in a partnership channel, then the answer goes to the 1:1 chat and the channel gets one line naming no school', async () => {
    const mark = inChannel(partnershipChannel).length;
    const replies = await bot.say(officer, 'coverage', { channel: partnershipChannel });
    expect(texts(replies)).toEqual([answeredPrivately('coverage')]);
    expect(cardsOf(replies)).toEqual([]);
    expect(inChannel(partnershipChannel, mark)).toHaveLength(1);
    expect(schoolNamed(JSON.stringify(inChannel(partnershipChannel)))).toBe(false);

    const privately = sentToPersonalChat(bot, officer);
    expect(texts(privately)[0]).toMatch(/^0 of 3 schools visited this year/);
    const [card] = cardsOf(privately);
    expect(schoolNamed(cardText(card))).toBe(true);
  });

  it('when coverage is typed in the SIT channel, then it is answered there and nothing goes to the 1:1 chat', async () => {
    const replies = await bot.say(officer, 'coverage', { channel: sitChannel });
    expect(texts(replies)[0]).toMatch(/^0 of 3 schools visited this year/);
    expect(cardsOf(replies)).toHaveLength(1);
    expect(sentToPersonalChat(bot, officer)).toEqual([]);
  });

  it('when coverage is typed in a channel registered for nothing, or in a group chat, then it is answered privately with the one line there', async () => {
    expect(texts(await bot.say(officer, 'coverage', { channel: otherChannel }))).toEqual([answeredPrivately('coverage')]);
    const group = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: bot.tenantId, isGroup: true, name: '' };
    const typed = personalMessage(officer, 'coverage', { tenantId: bot.tenantId, serviceUrl: bot.connector.url });
    expect((await bot.post({ ...typed, conversation: group })).status).toBe(200);
    expect(texts(bot.connector.activitiesIn(group.id))).toEqual([answeredPrivately('coverage')]);
    expect(cardsOf(bot.connector.activitiesIn(group.id))).toEqual([]);
    expect(cardsOf(sentToPersonalChat(bot, officer))).toHaveLength(2);
  });

  it('when the SIT channel is also registered for a partnership, then it no longer sees a school named', async () => {
    await bot.say(admin, 'register partnership Rutland North', { channel: sitChannel });
    expect(texts(await bot.say(officer, 'coverage', { channel: sitChannel }))).toEqual([answeredPrivately('coverage')]);
  });

  it('when a note is filed in a partnership channel, then it is filed, and what names the school goes to the 1:1 chat', async () => {
    const replies = await bot.say(officer, `note ${schools[0]!.name} finance: deficit budget forecast`, { channel: partnershipChannel });
    expect(texts(replies)).toEqual([answeredPrivately('note')]);
    expect(texts(sentToPersonalChat(bot, officer))[0]).toMatch(new RegExp(`^Noted for ${schools[0]!.name}`));
    expect(await bot.store.find('notes', bot.tenantId)).toHaveLength(1);
  });

  it('when a refusal would name a school, then it goes to the 1:1 chat too', async () => {
    const replies = await bot.say(officer, 'note Zebra Lane: something', { channel: partnershipChannel });
    expect(texts(replies)).toEqual([answeredPrivately('note')]);
    expect(texts(sentToPersonalChat(bot, officer))[0]).toContain('Zebra Lane');
  });

  it('when the 1:1 chat cannot be reached, then the channel is told so and still sees nothing of the answer', async () => {
    bot.connector.failNext(1, { status: 403, when: (method, path) => method === 'POST' && /\/v3\/conversations\/?$/.test(path) });
    const replies = await bot.say(officer, 'coverage', { channel: partnershipChannel });
    expect(texts(replies)).toEqual([`What "coverage" shows is not for this conversation, and I couldn't reach you in a 1:1 chat: open a chat with me and ask there.`]);
    expect(cardsOf(replies)).toEqual([]);
  });

  it('when help is typed in a channel, then it is answered there: its examples name no school, as they do in the 1:1 chat', async () => {
    const schoolWords = (card: unknown) => schools.flatMap((s) => s.name.toLowerCase().split(' ')).filter((w) => w.length >= 4 && JSON.stringify(card).toLowerCase().includes(`visit ${w}`));
    const replies = await bot.say(officer, 'help', { channel: partnershipChannel });
    expect(texts(replies)[0]).toMatch(/^You can use:/);
    expect(sentToPersonalChat(bot, officer)).toEqual([]);
    expect(schoolWords(cardsOf(replies)[0])).toEqual([]);
    expect(JSON.stringify(cardsOf(replies)[0])).toContain('visit ‹school›');
    const inPrivate = await bot.say(officer, 'help');
    expect(schoolWords(cardsOf(inPrivate)[0])).not.toEqual([]);
  });
});
