import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { anOfficer, aSchool, cardAction, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { inputs, validateCard } from '../support/cards.js';

/**
 * The school-choice card's type-ahead: Teams sends `application/search` for the `schools` dataset as the person
 * types, and the bot answers with the open schools that have a word starting with it.
 */
describe('searching for a school as you type', () => {
  const officer = anOfficer('Olivia Officer');
  const stMarys = aSchool(1);
  const stJosephs = aSchool(5);
  const castle = aSchool(7);
  const closed = aSchool(8, { name: 'St Peter Closed School', status: 'closed', closedOn: '2026-08-31' });
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [aSchool(0), stMarys, stJosephs, castle, closed], people: [officer] });
  });
  afterEach(() => bot.close());

  /** Teams' search invoke, as it sends it from the card's Input.ChoiceSet. */
  const search = async (from: TestUser, queryText: string, queryOptions = { skip: 0, top: 15 }, tenantId?: string) => {
    const base = cardAction(from, 'unused', {}, { serviceUrl: bot.connector.url, tenantId: tenantId ?? bot.tenantId });
    const res = await bot.post({ ...base, name: 'application/search', value: { queryText, dataset: 'schools', queryOptions } });
    return { status: res.status, body: res.body as { type: string; value: { results: { title: string; value: string }[] } } };
  };

  it('when an officer types "st", then the schools with a word starting "st" come back, and not Castle View or a closed school', async () => {
    const { status, body } = await search(officer, 'st');
    expect(status).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(body.value.results).toEqual([
      { title: `St Joseph's Catholic Primary School (${stJosephs.urn})`, value: stJosephs.urn },
      { title: `St Mary's CE Primary School (${stMarys.urn})`, value: stMarys.urn },
    ]);
  });

  it('when Teams asks for fewer results, then no more than that come back', async () => {
    const { body } = await search(officer, 'school', { skip: 0, top: 2 });
    expect(body.value.results).toHaveLength(2);
  });

  it('when someone not registered searches, then nothing comes back', async () => {
    const { status, body } = await search({ name: 'Stranger', aadObjectId: '00000000-0000-4000-8000-00000000dead' }, 'st');
    expect(status).toBe(200);
    expect(body.value.results).toEqual([]);
  });

  it('when the search comes from another organisation, then it is refused', async () => {
    expect((await search(officer, 'st', { skip: 0, top: 15 }, 'another-tenant')).status).toBe(403);
  });

  it('when a name fits several schools, then the choice card offers the type-ahead and a Choose button that sends the school picked', async () => {
    const replies = await bot.say(officer, 'visit st');
    expect(texts(replies)).toEqual(['Several schools match "st".']);
    const card = validateCard(cardsOf(replies)[0]);
    expect(inputs(card).get('school')).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    const raw = JSON.stringify(card);
    expect(raw).toContain('"choices.data":{"type":"Data.Query","dataset":"schools"}');
    const { card: form } = await bot.press(officer, card, 'Choose', { school: stMarys.urn });
    expect(JSON.stringify(form)).toContain(stMarys.urn);
  });
});
