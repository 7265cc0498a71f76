import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText, inputs, validateCard } from '../support/cards.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

/** The multi-select inputs of a card, by id: the theme tags beside each answer that feeds a digest theme. */
function multiSelects(card: AdaptiveCard): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Input.ChoiceSet' && n.isMultiSelect === true && typeof n.id === 'string') found.set(n.id, n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('theme tags chosen on the agenda card', () => {
  const oakwood = aSchool(0);
  const officer = anOfficer('Olivia Officer');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood], people: [officer] });
  });
  afterEach(() => bot.close());

  const visits = () => bot.store.find('visits', bot.tenantId);

  it("when the agenda opens, then each answer that feeds a digest theme has a multi-select of the template's themes beside it, and no other answer does", async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    expect([...multiSelects(agenda).keys()]).toEqual(['visit.tags.strengths', 'visit.tags.areasForDevelopment', 'visit.tags.actionsAgreed']);
    const choices = inputs(agenda).get('visit.tags.actionsAgreed')?.choices;
    expect(choices).toHaveLength(15);
    expect(choices).toEqual(expect.arrayContaining(['Collaboration and commitment', 'Recruitment', 'Staff well-being', 'Data sharing']));
  });

  it('when an answer that feeds a theme is submitted untagged, then the card comes back asking for a theme, everything kept, and nothing is submitted', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const answers: Record<string, string> = { ...requiredAnswers(agenda), 'visit.tags.actionsAgreed': '' };
    const back = await pressOn(bot, officer, agenda, 'Submit', answers);
    const card = validateCard(back.card);
    expect(cardText(card)).toContain('Choose at least one theme for "Actions agreed, with who and by when", so the digest can count it.');
    expect(inputs(card).get('actionsAgreed')?.value).toBe(answers.actionsAgreed);
    expect((await visits())[0]?.status).not.toBe('submitted');
  });

  it('when tags are chosen, saved in a draft and submitted, then they are stored per answer and carried into the themes the digests count', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const answers = {
      ...requiredAnswers(agenda),
      strengths: 'Phonics teaching is consistent across the school',
      'visit.tags.strengths': 'Curriculum,Sharing expertise and CPD',
      'visit.tags.actionsAgreed': 'Recruitment,Funding',
    };
    const saved = await pressOn(bot, officer, agenda, 'Save draft', answers);
    const resumed = validateCard(saved.card);
    expect(inputs(resumed).get('visit.tags.actionsAgreed')?.value).toBe('Recruitment,Funding');

    await pressOn(bot, officer, resumed, 'Submit', {});
    const [visit] = await visits();
    expect(visit).toMatchObject({ status: 'submitted', answerTags: { strengths: ['Curriculum', 'Sharing expertise and CPD'], actionsAgreed: ['Recruitment', 'Funding'] } });
    expect(visit!.themes.map((t) => [t.itemId, t.tags])).toEqual([
      ['strengths', ['Curriculum', 'Sharing expertise and CPD']],
      ['actionsAgreed', ['Recruitment', 'Funding']],
    ]);
  });

  it('when a forged press sends a tag that is not on the list, then it is refused naming the answer and nothing is stored', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const back = await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), 'visit.tags.actionsAgreed': 'Weather' });
    expect(cardText(validateCard(back.card))).toContain('"Weather" is not one of this agenda\'s themes');
    expect((await visits())[0]?.status).toBe('planned');
  });
});
