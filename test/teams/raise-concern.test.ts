import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aConcernsLead, aHeadteacherOf, anAdmin, anOfficer, aSchool, personalChatId, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

const CONCERN = 'A parent told me the school has stopped recording safeguarding incidents';

describe('concern <school>: a confidential concern with no visit', () => {
  const oakwood = aSchool(0);
  const stMarys = aSchool(1);
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const admin = anAdmin('Ada Admin');
  const lead = aConcernsLead('Connie Lead');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys], people: [officer, head, admin, lead] });
  });
  afterEach(() => bot.close());

  /** The concern card the officer gets for Oakwood. */
  async function concernCard(): Promise<AdaptiveCard> {
    const replies = await bot.say(officer, `concern ${oakwood.urn}`);
    expect(texts(replies)).toEqual([`A confidential concern about ${oakwood.name}.`]);
    return validateCard(cardsOf(replies)[0]);
  }

  /** Everything the bot sent to the lead's 1:1 chats. */
  const toLead = () => {
    const chats = new Set([personalChatId(lead), ...bot.connector.conversations.filter((c) => (c.parameters.members as { id: string }[])[0]?.id === lead.aadObjectId).map((c) => c.id)]);
    return bot.connector.activities.filter((a) => chats.has(a.conversationId));
  };

  it('when an officer sends one, then it reaches the concerns lead alone, in full, and the officer’s card keeps no word of it', async () => {
    const card = await concernCard();
    expect(cardText(card)).toContain(`Confidential concern: ${oakwood.name} (${oakwood.urn})`);
    const sent = await bot.press(officer, card, 'Send to the concerns lead', { confidentialConcern: CONCERN });
    const after = validateCard(sent.card);
    expect(cardText(after)).toContain('Your confidential concern is on its way privately to the concerns lead (Connie Lead) and nobody else. It is not part of any visit note.');
    expect(JSON.stringify(after)).not.toContain(CONCERN);
    expect(inputs(after).size).toBe(0);
    expect(actions(after)).toEqual([]);

    const [stored] = await bot.store.find('concerns', bot.tenantId);
    expect(stored).toMatchObject({ schoolUrn: oakwood.urn, raisedBy: officer.id, leadId: lead.id, text: CONCERN, leadNotifiedAt: expect.any(String) });
    expect(stored!.visitId).toBeUndefined();
    const [leadCard, ...more] = cardsOf(toLead());
    expect(more).toEqual([]);
    expect(cardText(leadCard)).toContain(CONCERN);
    expect(cardText(leadCard)).toContain('No visit: raised on its own.');
    const elsewhere = bot.connector.activities.filter((a) => !toLead().includes(a));
    expect(JSON.stringify(elsewhere)).not.toContain(CONCERN);
    expect(JSON.stringify(await bot.store.find('audit', bot.tenantId))).not.toContain(CONCERN);

    // The lead reads it in their inbox like any other.
    const [list] = cardsOf(await bot.say(lead, 'confidential'));
    expect(cardText(validateCard(list))).toContain('No visit: raised on its own.');
  });

  it('when the same card is pressed twice (a double click, a Teams retry), then it is raised and sent once', async () => {
    const card = await concernCard();
    await bot.press(officer, card, 'Send to the concerns lead', { confidentialConcern: CONCERN });
    await bot.press(officer, card, 'Send to the concerns lead', { confidentialConcern: CONCERN });
    expect(await bot.store.find('concerns', bot.tenantId)).toHaveLength(1);
    expect(cardsOf(toLead())).toHaveLength(1);
  });

  it('when it is sent empty or too long, then the card comes back saying so, with what was typed, and nothing is raised', async () => {
    const card = await concernCard();
    const empty = await bot.press(officer, card, 'Send to the concerns lead', { confidentialConcern: '   ' }, { clientValidation: false });
    expect(cardText(validateCard(empty.card))).toContain('Write the concern before sending it.');
    const long = 'x'.repeat(4001);
    const tooLong = await bot.press(officer, card, 'Send to the concerns lead', { confidentialConcern: long }, { clientValidation: false });
    expect(cardText(validateCard(tooLong.card))).toContain('Keep the concern under 4,000 characters.');
    expect(inputs(tooLong.card).get('confidentialConcern')?.value).toBe(long);
    expect(await bot.store.find('concerns', bot.tenantId)).toEqual([]);
    expect(toLead()).toEqual([]);
  });

  it('when the name fits several schools, then a choice card comes first and the chosen school’s card follows', async () => {
    const replies = await bot.say(officer, 'concern primary');
    expect(texts(replies)).toEqual(['Several schools match "primary".']);
    const chosen = await bot.press(officer, validateCard(cardsOf(replies)[0]), `${stMarys.name} (${stMarys.urn})`);
    expect(cardText(validateCard(chosen.card))).toContain(`Confidential concern: ${stMarys.name} (${stMarys.urn})`);
  });

  it.each([
    ['a headteacher', head],
    ['an administrator', admin],
    ['the concerns lead', lead],
  ])('when %s types concern or presses an officer’s card, then they are refused and nothing is raised', async (_who, person: TestUser) => {
    const card = await concernCard();
    expect(texts(await bot.say(person, `concern ${oakwood.urn}`))).toEqual(['Only a school improvement officer or a school improvement team (SIT) member can use "concern". Type help to see what you can do.']);
    const pressed = await bot.press(person, card, 'Send to the concerns lead', { confidentialConcern: CONCERN });
    expect(pressed.card).toBeUndefined();
    expect(await bot.store.find('concerns', bot.tenantId)).toEqual([]);
  });

  it('when typed or pressed in a channel, then it is refused there and nothing is raised', async () => {
    const channel = aChannel('School Improvement Team');
    expect(texts(await bot.say(officer, `concern ${oakwood.urn}`, { channel }))).toEqual(['Use "concern" in your 1:1 chat with me.']);
    const pressed = await bot.invoke(officer, 'concern.raise', { urn: oakwood.urn, formId: 'f1', confidentialConcern: CONCERN }, { channel });
    expect(pressed.message).toBe('Confidential concerns are raised only in your 1:1 chat with me.');
    expect(await bot.store.find('concerns', bot.tenantId)).toEqual([]);
  });
});
