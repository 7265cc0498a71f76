import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Logger } from '../../src/app/ports/logger.port.js';
import { exportRecords } from '../../src/app/registers/export-records.js';
import { builtInTemplates } from '../support/built-in-templates.js';
import { aConcernsLead, aHeadteacherOf, anOfficer, aSchool, personalChatId } from '../support/builders.js';
import { cardsOf, startTestBot, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { CONCERN_NOT_RAISED, CONCERN_NOT_SENT_CLOSED } from '../../src/app/visits/edit-visit.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const CONCERN = 'The RE lead seemed afraid to speak while the deputy was in the room';

/** A logger that keeps every line, as pino would write it. */
function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg?: string) => void lines.push(JSON.stringify({ level, ...obj, msg }));
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe('a confidential concern raised at a visit', () => {
  const school = aSchool(1, { reLeadEmail: 'rita.re@stmarys.example.org' });
  const officer = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit' }] });
  const head = aHeadteacherOf(school, 'Hannah Head');
  const lead = aConcernsLead('Connie Lead');
  let bot: TestBot;
  let logger: ReturnType<typeof capturingLogger>;

  afterEach(() => bot.close());

  describe('with a concerns lead registered', () => {
    beforeEach(async () => {
      logger = capturingLogger();
      bot = await startTestBot({ schools: [school], people: [officer, head, lead], logger });
    });

    it('when the visit is submitted with a concern, then only the concerns lead receives it and it is absent from every other output', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      const submitted = await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), confidentialConcern: CONCERN });

      const [concern] = await bot.store.find('concerns', bot.tenantId);
      expect(concern).toMatchObject({ text: CONCERN, raisedBy: officer.id, schoolUrn: school.urn, leadId: lead.id, leadNotifiedAt: expect.any(String) });

      // The lead, privately, in their 1:1 chat.
      const leadChat = bot.connector.conversations.find((c) => (c.parameters.members as { id: string }[])[0]?.id === lead.aadObjectId)!;
      const [leadCard, ...more] = cardsOf(bot.connector.activitiesIn(leadChat.id));
      expect(more).toHaveLength(0);
      // The concern card, as `concerns` opens it: the text once, the day it was raised, Mark as handled.
      expect(validateCard(leadCard).refresh).toMatchObject({ action: { verb: 'concern.open', data: { concernId: concern!.id } } });
      expect(cardText(leadCard)).toContain(`Confidential concern: ${school.name} (${school.urn})`);
      expect(cardText(leadCard)).toContain(CONCERN);
      expect(cardText(leadCard)).toContain('2026-11-23, by Olivia Officer');
      expect(cardText(leadCard)).toContain('SACRE RE visit on Friday 20 November 2026');
      expect(actions(leadCard).map((a) => a.title)).toContain('Mark as handled');
      expect(bot.connector.activitiesIn(leadChat.id).map((a) => (a.activity.text ?? a.activity.summary) ?? '').join('\n')).not.toContain(CONCERN);
      // Nothing else the bot sent anywhere: the summary, the headteacher's and RE lead's copies, the officer's chat.
      const elsewhere = bot.connector.activities.filter((a) => a.conversationId !== leadChat.id);
      expect(elsewhere.length).toBeGreaterThan(0);
      expect(JSON.stringify(elsewhere)).not.toContain(CONCERN);
      const summary = validateCard(submitted.card);
      expect(JSON.stringify(summary)).not.toContain(CONCERN);
      expect(cardText(summary)).toContain('Your confidential concern is on its way privately to the concerns lead (Connie Lead) and nobody else.');
      // The records: the visit, the audit log, the outbox, the export; and every log line.
      const [visit] = await bot.store.find('visits', bot.tenantId);
      expect(JSON.stringify(visit)).not.toContain(CONCERN);
      expect(JSON.stringify(await bot.store.find('audit', bot.tenantId))).not.toContain(CONCERN);
      expect(JSON.stringify(await bot.store.find('outbox', bot.tenantId))).not.toContain(CONCERN);
      const exported = await exportRecords(bot.store, bot.tenantId, builtInTemplates);
      expect(exported.visits).toHaveLength(1);
      expect(JSON.stringify(exported)).not.toContain(CONCERN);
      expect(logger.lines.length).toBeGreaterThan(0);
      expect(logger.lines.join('\n')).not.toContain(CONCERN);
    });

    /** Nothing of the concern stored, sent or announced: no record, nothing to the lead, no "on its way privately" anywhere. */
    async function nothingRaised(...cards: (AdaptiveCard | undefined)[]) {
      expect(await bot.store.find('concerns', bot.tenantId)).toEqual([]);
      expect(bot.connector.conversations.filter((c) => (c.parameters.members as { id: string }[])[0]?.id === lead.aadObjectId)).toEqual([]);
      expect((await bot.store.find('outbox', bot.tenantId)).filter((i) => /"concern(\.notice)?"/.test(JSON.stringify(i.payload)))).toEqual([]);
      const shown = [...cards.map((c) => JSON.stringify(c ?? {})), JSON.stringify(bot.connector.activities)].join('\n');
      expect(shown).not.toContain('privately to the concerns lead');
    }

    it('when the submit is refused for a missing answer, then the concern is not raised, and the card keeps it (for its author) until the note is submitted', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      const { areasOfConfidence: _left, ...answers } = requiredAnswers(agenda);
      const refused = await pressOn(bot, officer, agenda, 'Submit', { ...answers, confidentialConcern: CONCERN });
      const card = validateCard(refused.card);
      expect(cardText(card)).toContain('to submit the visit');
      expect(cardText(card)).toContain(CONCERN_NOT_RAISED);
      expect(inputs(card).get('confidentialConcern')?.value).toBe(CONCERN);
      await nothingRaised(card);

      // The same press again (a Teams retry) raises nothing either; the corrected card submits the note and the concern with it, once.
      await pressOn(bot, officer, agenda, 'Submit', { ...answers, confidentialConcern: CONCERN });
      await nothingRaised();
      const submitted = await pressOn(bot, officer, card, 'Submit', { ...requiredAnswers(card), confidentialConcern: CONCERN });
      await pressOn(bot, officer, card, 'Submit', { ...requiredAnswers(card), confidentialConcern: CONCERN });
      expect(cardText(validateCard(submitted.card))).toContain('Your confidential concern is on its way privately to the concerns lead (Connie Lead) and nobody else.');
      const [visit] = await bot.store.find('visits', bot.tenantId);
      expect(visit!.status).toBe('submitted');
      expect(await bot.store.find('concerns', bot.tenantId)).toEqual([expect.objectContaining({ text: CONCERN, visitId: visit!.id, leadId: lead.id })]);
    });

    it('when the decline is refused for a missing reason, then the concern is not stored, sent or announced; with the reason, it goes with the decline', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      const refused = await pressOn(bot, officer, agenda, 'Record the decline', { confidentialConcern: CONCERN });
      const card = validateCard(refused.card);
      expect(cardText(card)).toContain('Say why the school declined the visit');
      expect(cardText(card)).toContain(CONCERN_NOT_RAISED);
      expect(inputs(card).get('confidentialConcern')?.value).toBe(CONCERN);
      expect((await bot.store.find('visits', bot.tenantId))[0]!.status).toBe('planned');
      await nothingRaised(card);

      const declined = await pressOn(bot, officer, card, 'Record the decline', { 'visit.declinedReason': 'Ofsted are in this week.', confidentialConcern: CONCERN });
      expect(cardText(validateCard(declined.card))).toContain('Your confidential concern is on its way privately to the concerns lead (Connie Lead) and nobody else.');
      expect((await bot.store.find('visits', bot.tenantId))[0]!.status).toBe('declined');
      expect(await bot.store.find('concerns', bot.tenantId)).toHaveLength(1);
    });

    it('when a draft save is refused for a value the agenda cannot take, then the concern is not raised', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      const refused = await pressOn(bot, officer, agenda, 'Save draft', { 'visit.visitedDate': 'last Tuesday', confidentialConcern: CONCERN });
      expect(cardText(validateCard(refused.card))).toContain('from the calendar');
      await nothingRaised(refused.card);
    });

    it('when a concern is typed on the agenda card of a visit already submitted, then it is not raised, and comes back unsent on the concern card for the officer to send on its own', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));
      const [submitted] = await bot.store.find('visits', bot.tenantId);

      const late = await pressOn(bot, officer, agenda, 'Save draft', { confidentialConcern: CONCERN });
      const card = validateCard(late.card);
      expect(cardText(card)).toContain(`This visit has been submitted and can no longer be changed. ${CONCERN_NOT_SENT_CLOSED}`);
      expect(cardText(card)).toContain(`Confidential concern: ${school.name} (${school.urn})`);
      expect(inputs(card).get('confidentialConcern')?.value).toBe(CONCERN);
      expect((await bot.store.find('visits', bot.tenantId))[0]!.version).toBe(submitted!.version);
      await nothingRaised();

      // Sent from there, it goes to the lead on its own, not as part of the note.
      const sent = await bot.press(officer, card, 'Send to the concerns lead', { confidentialConcern: CONCERN });
      expect(cardText(validateCard(sent.card))).toContain('Your confidential concern is on its way privately to the concerns lead (Connie Lead) and nobody else. It is not part of any visit note.');
      const [concern] = await bot.store.find('concerns', bot.tenantId);
      expect(concern).toMatchObject({ text: CONCERN, schoolUrn: school.urn, leadId: lead.id });
      expect(concern!.visitId).toBeUndefined();
    });

    it('when a concern is typed on a card older than the saved draft, then it is not raised and the stale card keeps it for its author', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      await pressOn(bot, officer, agenda, 'Save draft', { sacreAwareness: 'Not aware' });
      const stale = await pressOn(bot, officer, agenda, 'Save draft', { sacreAwareness: 'Well aware of its role', confidentialConcern: CONCERN });
      const card = validateCard(stale.card);
      expect(cardText(card)).toContain('This visit was saved from another card');
      expect(cardText(card)).toContain(CONCERN_NOT_RAISED);
      expect(inputs(card).get('confidentialConcern')?.value).toBe(CONCERN);
      await nothingRaised(card);
    });

    it('when a colleague presses the officer’s agenda card with a concern, then it is refused and nothing is raised', async () => {
      const colleague = anOfficer('Colin Colleague', { trainedFor: [{ templateId: 'sacre-re-visit' }] });
      await bot.seed({ people: [colleague] });
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      for (const title of ['Save draft', 'Submit', 'Record the decline']) {
        const refused = await pressOn(bot, colleague, agenda, title, { ...requiredAnswers(agenda), 'visit.declinedReason': 'No', confidentialConcern: CONCERN });
        expect(refused.message).toBe('Only Olivia Officer, who is making this visit, can change it.');
      }
      await nothingRaised();
    });
  });

  describe('with no concerns lead registered', () => {
    beforeEach(async () => {
      logger = capturingLogger();
      bot = await startTestBot({ schools: [school], people: [officer, head], logger });
    });

    it('when a draft is saved with a concern, then it is kept apart and the officer is told no lead is registered', async () => {
      const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
      const saved = await pressOn(bot, officer, agenda, 'Save draft', { confidentialConcern: CONCERN });
      const card = validateCard(saved.card);
      expect(cardText(card)).toContain('no concerns lead is registered');
      expect(cardText(card)).toContain('ask an administrator to register the concerns lead');
      expect(JSON.stringify(card)).not.toContain(CONCERN);
      expect(await bot.store.find('concerns', bot.tenantId)).toEqual([expect.objectContaining({ text: CONCERN })]);
      expect(JSON.stringify(await bot.store.find('visits', bot.tenantId))).not.toContain(CONCERN);
      expect(JSON.stringify(bot.connector.activitiesIn(personalChatId(officer)))).not.toContain(CONCERN);
      expect(logger.lines.join('\n')).not.toContain(CONCERN);
    });
  });
});
