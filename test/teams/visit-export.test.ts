import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { exportRecords } from '../../src/app/registers/export-records.js';
import { builtInTemplates } from '../support/built-in-templates.js';
import { confidentialCollections, internalCollections } from '../../src/domain/collections.js';
import { aConcernsLead, aHeadteacherOf, anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const CONCERN = 'The RE lead said the deputy shouts at pupils during collective worship';

/** An e-mail address anywhere in a string. */
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/** Every `id` and `recordId` in the export, wherever it sits. */
function idsIn(exported: Record<string, unknown[]>): string[] {
  return Object.values(exported).flatMap((rows) => (rows as { id?: string; recordId?: string }[]).flatMap((r) => [r.id, r.recordId].filter((v): v is string => !!v)));
}

describe('the export after a visit with a confidential concern and a school copy', () => {
  // The RE lead has no person record: their copy goes to an e-mail address.
  const school = aSchool(1, { reLeadEmail: 'rita.re@stmarys.example.org' });
  const officer = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit' }] });
  const head = aHeadteacherOf(school, 'Hannah Head');
  const lead = aConcernsLead('Connie Lead');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [school], people: [officer, head, lead] });
  });
  afterEach(() => bot.close());

  it('when it is exported, then no audit row or id leads to the concern, the outbox or a conversation, and no id holds an e-mail address', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), confidentialConcern: CONCERN });
    const [concern] = await bot.store.find('concerns', bot.tenantId);
    const outbox = await bot.store.find('outbox', bot.tenantId);
    expect(concern).toBeDefined();
    expect(outbox.length).toBeGreaterThanOrEqual(3);

    const exported = await exportRecords(bot.store, bot.tenantId, builtInTemplates);
    const hidden: readonly string[] = [...confidentialCollections, ...internalCollections];
    expect((exported.audit as { collection: string }[]).filter((a) => hidden.includes(a.collection))).toEqual([]);
    const ids = idsIn(exported);
    expect(ids.length).toBeGreaterThan(0);
    const plumbing = new Set([concern!.id, ...outbox.map((o) => o.id), ...(await bot.store.find('conversations', bot.tenantId)).map((c) => c.id)]);
    expect(ids.filter((id) => plumbing.has(id) || id.includes(concern!.id) || EMAIL.test(id) || id.includes('concern'))).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain(concern!.id);
    expect(JSON.stringify(exported)).not.toContain(CONCERN);

    // The outbox itself (internal, in backups only): ids say nothing either.
    for (const item of outbox) expect(item.id).not.toMatch(/@|concern|visit/);
  });
});

describe('the export of visit notes: need to know', () => {
  const school = aSchool(1);
  const officer = anOfficer('Olivia Officer');
  const colleague = anOfficer('Colin Colleague');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [school], people: [officer, colleague] });
  });
  afterEach(() => bot.close());

  it("when one visit is submitted and another left as a draft, then the export holds the submitted one alone, with the names of staff in its marked field and attendee list redacted", async () => {
    const submitted = await openAgenda(bot, officer, school.urn, 'sit-support-visit');
    await pressOn(bot, officer, submitted, 'Submit', {
      ...requiredAnswers(submitted),
      focus: 'Phonics in key stage 1',
      actionsAgreed: 'Mr Grimshaw to observe Year 2 phonics by 1 December',
      'visit.attendee.0': 'Harriet Head',
      'visit.otherAttendees': 'Chair of governors: Gerald Governor',
    });
    const draft = await openAgenda(bot, colleague, school.urn, 'sit-support-visit');
    await pressOn(bot, colleague, draft, 'Save draft', { focus: 'Draft focus only Colin may read' });
    const [draftVisit] = await bot.store.find('visits', bot.tenantId, { visitorId: colleague.id });
    expect(draftVisit!.status).toBe('draft');

    const exported = await exportRecords(bot.store, bot.tenantId, builtInTemplates);
    const visits = exported.visits as Array<{ id: string; status: string; answers: Record<string, string>; attendees: Array<{ role: string; name: string }>; themes: Array<{ itemId: string; text: string }> }>;
    expect(visits).toHaveLength(1);
    const [visit] = visits;
    expect(visit!.status).toBe('submitted');
    expect(visit!.answers.focus).toBe('Phonics in key stage 1');
    expect(visit!.answers.actionsAgreed).toBe('[redacted]');
    expect(visit!.themes.find((t) => t.itemId === 'actionsAgreed')?.text).toBe('[redacted]');
    expect(visit!.attendees).toEqual([
      { role: 'Headteacher', name: '[redacted]' },
      { role: 'Chair of governors', name: '[redacted]' },
    ]);
    const text = JSON.stringify(exported);
    for (const name of ['Grimshaw', 'Harriet Head', 'Gerald Governor', 'Draft focus only Colin may read', draftVisit!.id]) expect(text).not.toContain(name);
    // The store itself keeps what was typed: only the export redacts.
    const stored = (await bot.store.find('visits', bot.tenantId, { visitorId: officer.id }))[0]!;
    expect(stored.answers.actionsAgreed).toContain('Mr Grimshaw');
  });
});
