import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { anOfficer, aHeadteacherOf, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, inputs, validateCard, walk } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

/**
 * A command that needs a school, typed with none: the school-choice card asks which, offering the person's own
 * schools (an officer's link schools; else the first of the register alphabetically) and the search for any other.
 */
describe('a command typed with no school', () => {
  const officer = anOfficer('Olivia Officer');
  const newcomer = anOfficer('Nora Newcomer');
  const schools = Array.from({ length: 12 }, (_, n) => aSchool(n, n === 2 || n === 4 ? { linkOfficerEmail: officer.email } : {}));
  const [linkA, linkB] = [schools[2]!, schools[4]!];
  const head = aHeadteacherOf(schools[0]!);
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools, people: [officer, newcomer, head] });
  });
  afterEach(() => bot.close());

  /** The choice card's type-ahead: its static choices and the dataset Teams searches. */
  const typeAhead = (card: AdaptiveCard) => {
    const choiceSet = [...walk(card)].find((n) => n.type === 'Input.ChoiceSet' && n.id === 'school')!;
    return { choices: inputs(card).get('school')?.choices, dataset: (choiceSet['choices.data'] as { type: string; dataset: string }) };
  };

  it.each(['healthcheck', 'risk', 'strategy', 'inspection', 'concern', 'plan', 'visit'])('when an officer types %s alone, then the choice card offers their link schools and the search', async (command) => {
    const replies = await bot.say(officer, command);
    expect(texts(replies)).toEqual(['Which school?']);
    const card = validateCard(cardsOf(replies)[0]);
    const byName = [linkA, linkB].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    expect(typeAhead(card)).toEqual({ choices: byName.map((s) => s.urn), dataset: { type: 'Data.Query', dataset: 'schools' } });
    expect(cardText(card)).toContain(`${linkA.name} (${linkA.urn})`);
    expect(cardText(card)).not.toContain(schools[0]!.name);
  });

  it('when the officer picks a link school on the card, then the health check opens as "healthcheck <school>" would', async () => {
    const [card] = cardsOf(await bot.say(officer, 'healthcheck'));
    const chosen = await pressOn(bot, officer, validateCard(card), `${linkB.name} (${linkB.urn})`);
    const typed = validateCard(cardsOf(await bot.say(officer, `healthcheck ${linkB.urn}`))[0]);
    expect(cardText(validateCard(chosen.card))).toBe(cardText(typed));
    expect(cardText(typed)).toContain(linkB.name);
  });

  it('when the officer searches for another school and chooses it, then that school opens', async () => {
    const [card] = cardsOf(await bot.say(officer, 'inspection'));
    const other = schools[7]!;
    const chosen = await pressOn(bot, officer, validateCard(card), 'Choose', { school: other.urn }, { clientValidation: false });
    expect(cardText(validateCard(chosen.card))).toContain(other.name);
  });

  it('when an officer with no link schools types healthcheck alone, then the first ten schools of the register alphabetically are offered', async () => {
    const card = validateCard(cardsOf(await bot.say(newcomer, 'healthcheck'))[0]);
    const firstTen = [...schools].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).slice(0, 10);
    expect(typeAhead(card).choices).toEqual(firstTen.map((s) => s.urn));
  });

  it('when a headteacher types healthcheck or risk alone, then their own school opens, with no choice to make', async () => {
    expect(texts(await bot.say(head, 'healthcheck'))).toEqual(['Health checks: 0 awaiting your acknowledgement.']);
    const risk = await bot.say(head, 'risk');
    expect(texts(risk).join(' ')).toContain(schools[0]!.name);
    expect(cardsOf(risk).flatMap((c) => [...walk(c)]).some((n) => n.id === 'school' && n.type === 'Input.ChoiceSet')).toBe(false);
  });
});
