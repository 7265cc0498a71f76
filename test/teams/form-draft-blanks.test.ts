import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aSchool, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, type TestBot } from '../support/bot.js';
import { cardText, inputs, press, validateCard } from '../support/cards.js';
import { openAgenda, pressOn } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

/**
 * An emptied field stays empty: Teams leaves an emptied input out of what it sends (the test presses do the same),
 * so a draft saved with a field emptied must clear what it held, on the health check, the self-evaluation (a
 * revision included, where the form starts from the earlier submission) and the visit. An input that was not on
 * the card keeps what the draft held.
 */
describe('emptying a field and saving the draft again', () => {
  const officer = anOfficer('Olivia Officer');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email }); // a maintained primary: early years graded
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood], people: [officer, head] });
  });
  afterEach(() => bot.close());

  const open = async (user: TestUser, text: string): Promise<AdaptiveCard> => validateCard(cardsOf(await bot.say(user, text))[0]);
  const value = (card: AdaptiveCard, id: string) => inputs(card).get(id)?.value ?? '';
  const saveDraft = async (user: TestUser, card: AdaptiveCard, values: Record<string, string>) => {
    const saved = validateCard((await pressOn(bot, user, card, 'Save draft', values)).card);
    expect(cardText(saved)).toContain('Draft saved');
    return saved;
  };

  it('when the officer empties a health-check field they had saved and saves again, then reopening shows it empty and the rest kept', async () => {
    const form = await open(officer, 'healthcheck Oakwood');
    const saved = await saveDraft(officer, form, { 'qualityOfEducation.evidence': 'Reading in KS1 still weak', 'qualityOfEducation.requiredAction': 'Phonics training' });
    const again = await saveDraft(officer, saved, { 'qualityOfEducation.evidence': '' });
    expect(value(again, 'qualityOfEducation.evidence')).toBe('');

    const reopened = await open(officer, 'healthcheck Oakwood');
    expect(cardText(reopened)).toContain('Your draft, saved');
    expect(value(reopened, 'qualityOfEducation.evidence')).toBe('');
    expect(value(reopened, 'qualityOfEducation.requiredAction')).toBe('Phonics training');
  });

  it('when the officer empties every field of a saved health-check draft and saves, then the draft is kept cleared rather than refused', async () => {
    const saved = await saveDraft(officer, await open(officer, 'healthcheck Oakwood'), { 'qualityOfEducation.evidence': 'Reading in KS1 still weak' });
    const blank = Object.fromEntries([...inputs(saved).keys()].map((id) => [id, '']));
    await saveDraft(officer, saved, blank);
    const reopened = await open(officer, 'healthcheck Oakwood');
    expect(value(reopened, 'qualityOfEducation.evidence')).toBe('');
    expect(JSON.stringify(await bot.store.find('formDrafts', bot.tenantId))).not.toContain('Reading in KS1');
  });

  it('when a client sends a value for an input the form does not show, then the draft does not keep it', async () => {
    const form = await open(officer, 'healthcheck Oakwood');
    const { verb, data } = press(form, 'Save draft', { 'qualityOfEducation.evidence': 'Reading in KS1 still weak' });
    const saved = validateCard((await bot.invoke(officer, verb, { ...(data as object), 'made.up': 'Not a field of this form' })).card);
    expect(cardText(saved)).toContain('Draft saved');
    const stored = JSON.stringify(await bot.store.find('formDrafts', bot.tenantId));
    expect(stored).toContain('Reading in KS1 still weak');
    expect(stored).not.toContain('Not a field of this form');
  });

  it('when a Teams client sends the emptied input as an empty string instead of leaving it out, then it is cleared all the same', async () => {
    const saved = await saveDraft(officer, await open(officer, 'healthcheck Oakwood'), { 'qualityOfEducation.evidence': 'Reading in KS1 still weak', 'qualityOfEducation.requiredAction': 'Phonics training' });
    const { verb, data } = press(saved, 'Save draft', { 'qualityOfEducation.evidence': '' });
    const again = validateCard((await bot.invoke(officer, verb, { ...(data as object), 'qualityOfEducation.evidence': '   ' })).card);
    expect(cardText(again)).toContain('Draft saved');
    const reopened = await open(officer, 'healthcheck Oakwood');
    expect(value(reopened, 'qualityOfEducation.evidence')).toBe('');
    expect(value(reopened, 'qualityOfEducation.requiredAction')).toBe('Phonics training');
  });

  it('when the headteacher empties a self-evaluation field they had saved and saves again, then reopening shows it empty', async () => {
    const saved = await saveDraft(head, await open(head, 'sef'), { 'inclusion.grade': 'strong standard', 'inclusion.evidence': 'SEND register reviewed termly' });
    await saveDraft(head, saved, { 'inclusion.evidence': '' });
    const reopened = await open(head, 'sef');
    expect(value(reopened, 'inclusion.grade')).toBe('strong standard');
    expect(value(reopened, 'inclusion.evidence')).toBe('');
  });

  /** The headteacher grades every area and submits; the officer challenges it, so sef brings the form back with what was submitted. */
  async function challengedRevision(): Promise<AdaptiveCard> {
    const form = await open(head, 'sef');
    const typed: Record<string, string> = {};
    for (const id of inputs(form).keys()) typed[id] = id.endsWith('.grade') ? 'strong standard' : `Submitted evidence for ${id}`;
    const submitted = await pressOn(bot, head, form, 'Submit self-evaluation', typed);
    const [officerCard] = cardsOf(submitted.activities.filter((a) => a.kind === 'send'));
    await pressOn(bot, officer, validateCard(officerCard), 'Challenge', { feedbackDueOn: '2026-12-20', comments: 'Inclusion judgement not borne out' });
    const revise = await open(head, 'sef');
    expect(value(revise, 'inclusion.evidence')).toBe('Submitted evidence for inclusion.evidence');
    return revise;
  }

  it('when the headteacher empties the earlier submission’s text in a revision and saves a draft, then the card and the reopened form show it empty, and submitting asks for it', async () => {
    const revise = await challengedRevision();
    const saved = await saveDraft(head, revise, { 'inclusion.evidence': '' });
    expect(value(saved, 'inclusion.evidence')).toBe('');

    const reopened = await open(head, 'sef');
    expect(cardText(reopened)).toContain('Your draft, saved');
    expect(value(reopened, 'inclusion.evidence')).toBe('');
    expect(value(reopened, 'achievement.evidence')).toBe('Submitted evidence for achievement.evidence');

    const refused = validateCard((await pressOn(bot, head, reopened, 'Submit self-evaluation')).card);
    expect(cardText(refused)).toContain('Give a line of evidence for inclusion');
    expect(value(refused, 'inclusion.evidence')).toBe('');
  });

  it('when the headteacher empties the earlier text in a revision and submits, then the form comes back asking for it, still empty', async () => {
    const revise = await challengedRevision();
    const refused = validateCard((await pressOn(bot, head, revise, 'Submit self-evaluation', { 'inclusion.evidence': '' })).card);
    expect(cardText(refused)).toContain('Give a line of evidence for inclusion');
    expect(value(refused, 'inclusion.evidence')).toBe('');
  });

  it('when a draft holds an area the form no longer shows, then saving from the form keeps it, and it is back once the area is', async () => {
    const saved = await saveDraft(head, await open(head, 'sef'), { 'early-years.evidence': 'Nursery outdoor area rebuilt', 'inclusion.evidence': 'Written first' });
    expect(value(saved, 'early-years.evidence')).toBe('Nursery outdoor area rebuilt');
    // The register changes: the school is recorded as a secondary, so the form no longer grades its early years.
    const setPhase = (phase: string) =>
      bot.store.transact(async (tx) => {
        const school = (await tx.find('schools', bot.tenantId, { urn: oakwood.urn }))[0]!;
        await tx.update('schools', bot.tenantId, school.id, 'any', { phase });
      }, { actor: 'test' });
    await setPhase('Secondary');
    const without = await open(head, 'sef');
    expect(inputs(without).has('early-years.evidence')).toBe(false);
    await saveDraft(head, without, { 'inclusion.evidence': '', 'achievement.evidence': 'Typed later' });

    await setPhase('Primary');
    const reopened = await open(head, 'sef');
    expect(value(reopened, 'early-years.evidence')).toBe('Nursery outdoor area rebuilt');
    expect(value(reopened, 'inclusion.evidence')).toBe('');
    expect(value(reopened, 'achievement.evidence')).toBe('Typed later');
  });

  it('when the officer empties a visit answer they had saved and saves again, then reopening the visit shows it empty and the rest kept', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const saved = validateCard((await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Reading in key stage 2', strengths: 'Calm corridors', 'visit.attendee.0': 'Hannah Head' })).card);
    expect(value(saved, 'focus')).toBe('Reading in key stage 2');
    const again = validateCard((await pressOn(bot, officer, saved, 'Save draft', { focus: '', 'visit.attendee.0': '' })).card);
    expect(value(again, 'focus')).toBe('');

    const [visit] = await bot.store.find('visits', bot.tenantId);
    const reopened = validateCard((await bot.invoke(officer, 'visit.open', { visitId: visit!.id })).card);
    expect(value(reopened, 'focus')).toBe('');
    expect(value(reopened, 'visit.attendee.0')).toBe('');
    expect(value(reopened, 'strengths')).toBe('Calm corridors');
  });
});
