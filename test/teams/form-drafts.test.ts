import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aSchool, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { exportRecords } from '../../src/app/registers/export-records.js';

/**
 * Save draft on the health check and the self-evaluation: what was typed is kept, unchecked, for its author alone,
 * resumed when they open the form again, never sent, listed or exported, and gone once submitted.
 */
describe('saving a health check or a self-evaluation as a draft', () => {
  const oakwood = aSchool(0); // a maintained primary
  const hillside = aSchool(2);
  const officer = anOfficer('Olivia Officer');
  const colleague = anOfficer('Colin Colleague');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const otherHead = aHeadteacherOf(hillside, 'Henry Hill');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, hillside], people: [officer, colleague, head, otherHead] });
  });
  afterEach(() => bot.close());

  const drafts = () => bot.store.find('formDrafts', bot.tenantId);
  const open = async (user: TestUser, text: string): Promise<AdaptiveCard> => validateCard(cardsOf(await bot.say(user, text))[0]);
  const value = (card: AdaptiveCard, id: string) => inputs(card).get(id)?.value ?? '';

  /** Green with evidence for every health-check area, plus any overrides by input id. */
  function allAnswers(form: AdaptiveCard, overrides: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const id of inputs(form).keys()) {
      if (id.endsWith('.rating') || id.endsWith('.grade')) out[id] = id.endsWith('.grade') ? 'expected standard' : 'green';
      if (id.endsWith('.evidence')) out[id] = `Evidence: ${id}`;
    }
    return { ...out, ...overrides };
  }

  describe('the health check', () => {
    const half = { 'qualityOfEducation.rating': 'amber', 'qualityOfEducation.evidence': 'Reading in KS1\nstill weak', 'qualityOfEducation.requiredAction': 'Phonics training' };

    it('when the officer saves half the form, then it is kept without the checks, and reopening resumes it; submitting from it files the check and the draft goes', async () => {
      const listBefore = cardText(validateCard(cardsOf(await bot.say(officer, 'healthchecks'))[0]));
      const form = await open(officer, 'healthcheck Oakwood');
      expect(actions(form).map((a) => a.title)).toEqual(['Save draft', 'Submit health check']);
      // Teams could not let Save draft through a half-filled form if its inputs were required.
      expect([...inputs(form).values()].filter((i) => i.isRequired)).toEqual([]);
      expect(inputs(form).get('qualityOfEducation.evidence')).toMatchObject({ type: 'Input.Text' });
      expect(JSON.stringify(form)).toContain('"isMultiline":true');

      const saved = await pressOn(bot, officer, form, 'Save draft', half);
      const savedCard = validateCard(saved.card);
      expect(cardText(savedCard)).toContain('Draft saved');
      expect(value(savedCard, 'qualityOfEducation.evidence')).toBe('Reading in KS1\nstill weak');
      expect(await bot.store.find('healthChecks', bot.tenantId)).toEqual([]);
      expect(await bot.store.find('outbox', bot.tenantId)).toEqual([]);

      const reopened = await open(officer, 'healthcheck Oakwood');
      expect(cardText(reopened)).toContain('Your draft, saved');
      expect(value(reopened, 'qualityOfEducation.rating')).toBe('amber');
      expect(value(reopened, 'qualityOfEducation.requiredAction')).toBe('Phonics training');
      // Not filed: the officer's list reads as it did before.
      expect(cardText(validateCard(cardsOf(await bot.say(officer, 'healthchecks'))[0]))).toBe(listBefore);

      const submitted = await pressOn(bot, officer, reopened, 'Submit health check', allAnswers(reopened, half));
      expect(cardText(validateCard(submitted.card))).toContain('Quality of education');
      expect(await bot.store.find('healthChecks', bot.tenantId)).toHaveLength(1);
      expect(await drafts()).toEqual([]);
    });

    it("when another officer opens the same school, then they get a fresh form, not the first officer's draft, and cannot save over it", async () => {
      const form = await open(officer, 'healthcheck Oakwood');
      const saved = validateCard((await pressOn(bot, officer, form, 'Save draft', half)).card);
      const theirs = await open(colleague, 'healthcheck Oakwood');
      expect(value(theirs, 'qualityOfEducation.evidence')).toBe('');
      expect(cardText(theirs)).not.toContain('Your draft');
      // Pressing the first officer's card (its draft version) saves nothing of theirs and touches nothing of the first's.
      const forged = await pressOn(bot, colleague, saved, 'Save draft', { 'qualityOfEducation.evidence': 'Overwritten' });
      expect(cardText(validateCard(forged.card))).toContain('open the form again');
      const [draft] = await drafts();
      expect(draft).toMatchObject({ authorId: officer.id, values: { 'qualityOfEducation.evidence': 'Reading in KS1\nstill weak' } });
      expect(await drafts()).toHaveLength(1);
    });

    it('when Save draft is pressed with nothing typed, then the form says there is nothing to save and nothing is stored', async () => {
      const form = await open(officer, 'healthcheck Oakwood');
      const blank = Object.fromEntries([...inputs(form).keys()].map((id) => [id, '']));
      const refused = await pressOn(bot, officer, form, 'Save draft', blank);
      expect(cardText(validateCard(refused.card))).toContain('There is nothing to save yet');
      expect(await drafts()).toEqual([]);
    });

    it('when a draft from an older card is saved after a newer one, then the older is refused and the newer kept', async () => {
      const form = await open(officer, 'healthcheck Oakwood');
      await pressOn(bot, officer, form, 'Save draft', half);
      const stale = await pressOn(bot, officer, form, 'Save draft', { 'qualityOfEducation.evidence': 'Older words' });
      expect(cardText(validateCard(stale.card))).toContain('saved again, or submitted, from another card');
      expect((await drafts())[0]!.values['qualityOfEducation.evidence']).toBe('Reading in KS1\nstill weak');
    });

    it('when the records are exported, then the draft is left out, and so are its audit events', async () => {
      await pressOn(bot, officer, await open(officer, 'healthcheck Oakwood'), 'Save draft', half);
      const out = await exportRecords(bot.store, bot.tenantId, []);
      expect(out.formDrafts).toBeUndefined();
      expect(JSON.stringify(out)).not.toContain('Reading in KS1');
      expect((out.audit as { collection?: string }[]).filter((e) => e.collection === 'formDrafts')).toEqual([]);
    });

    it('when a draft is saved, then the audit records that it was, never what it says', async () => {
      await pressOn(bot, officer, await open(officer, 'healthcheck Oakwood'), 'Save draft', half);
      const events = (await bot.store.find('audit', bot.tenantId)).filter((e) => e.collection === 'formDrafts');
      expect(events.map((e) => e.action)).toEqual(['formDraft.saved']);
      expect(JSON.stringify(events)).not.toContain('Reading in KS1');
    });
  });

  describe('the self-evaluation', () => {
    it('when the headteacher saves some grades, then sef resumes them, nothing goes to the officer, and submitting from it clears the draft', async () => {
      const form = await open(head, 'sef');
      expect(actions(form).map((a) => a.title)).toEqual(['Save draft', 'Submit self-evaluation']);
      expect([...inputs(form).values()].filter((i) => i.isRequired)).toEqual([]);
      const saved = await pressOn(bot, head, form, 'Save draft', { 'inclusion.grade': 'strong standard', 'inclusion.evidence': 'SEND register\nreviewed termly' });
      expect(cardText(validateCard(saved.card))).toContain('Draft saved');
      expect(await bot.store.find('selfEvaluations', bot.tenantId)).toEqual([]);
      expect(await bot.store.find('outbox', bot.tenantId)).toEqual([]);

      const reopened = await open(head, 'sef');
      expect(value(reopened, 'inclusion.grade')).toBe('strong standard');
      expect(value(reopened, 'inclusion.evidence')).toBe('SEND register\nreviewed termly');
      expect(value(reopened, 'achievement.grade')).toBe('');

      await pressOn(bot, head, reopened, 'Submit self-evaluation', allAnswers(reopened, { 'inclusion.grade': 'strong standard' }));
      expect(await bot.store.find('selfEvaluations', bot.tenantId)).toHaveLength(1);
      expect(await drafts()).toEqual([]);
    });

    it("when another school's headteacher presses Save draft on the form, then it is refused and nothing is stored", async () => {
      const form = await open(head, 'sef');
      const refused = await pressOn(bot, otherHead, form, 'Save draft', { 'inclusion.evidence': 'Not mine' });
      expect(refused.message).toContain(`Only the headteacher of ${oakwood.name}`);
      expect(await drafts()).toEqual([]);
    });

    it('when Save draft is pressed with nothing typed, then it is refused in the form', async () => {
      const form = await open(head, 'sef');
      const blank = Object.fromEntries([...inputs(form).keys()].map((id) => [id, '']));
      expect(cardText(validateCard((await pressOn(bot, head, form, 'Save draft', blank)).card))).toContain('There is nothing to save yet');
      expect(await drafts()).toEqual([]);
    });
  });
});
