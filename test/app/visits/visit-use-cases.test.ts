import { describe, expect, it } from '@jest/globals';
import { declineVisit } from '../../../src/app/visits/decline-visit.js';
import { listVisits } from '../../../src/app/visits/list-visits.js';
import { openVisit } from '../../../src/app/visits/open-visit.js';
import { respondToCopy } from '../../../src/app/visits/respond-to-copy.js';
import { saveDraft } from '../../../src/app/visits/save-draft.js';
import { prepareVisit, startVisit } from '../../../src/app/visits/start-visit.js';
import { submitVisit } from '../../../src/app/visits/submit-visit.js';
import { NotAllowedError } from '../../../src/domain/errors.js';
import { visitWorld, type VisitWorld } from './visit-world.js';

const SUPPORT_ANSWERS = {
  'visit.visitedDate': '2026-11-20',
  visitKind: 'Support and challenge',
  focus: 'Reading',
  priority1: 'Phonics',
  priority1Rating: 'amber',
  actionsAgreed: 'Phonics training by January (head)',
  'visit.tags.actionsAgreed': 'Curriculum,Sharing expertise and CPD',
  nextVisitFocus: 'Impact of training',
};

async function started(w: VisitWorld, templateId = 'sit-support-visit', urn = w.oakwood.urn) {
  const { visitId } = await startVisit(w.deps, w.tenantId, w.officer, { urn, templateId, plannedDate: '2026-11-20' }, `start-${templateId}-${urn}`);
  return (await w.store.get('visits', w.tenantId, visitId))!;
}

describe('visit use cases against the memory store', () => {
  it('when a visit is started twice with the same key, then one planned visit exists and its agenda version is pinned', async () => {
    const w = await visitWorld();
    const a = await startVisit(w.deps, w.tenantId, w.officer, { urn: w.oakwood.urn, templateId: 'la-annual-visit' }, 'k');
    const b = await startVisit(w.deps, w.tenantId, w.officer, { urn: w.oakwood.urn, templateId: 'la-annual-visit' }, 'k');
    expect(b.visitId).toBe(a.visitId);
    expect(await w.store.find('visits', w.tenantId)).toEqual([expect.objectContaining({ status: 'planned', templateId: 'la-annual-visit', visitType: 'annual', visitorId: w.officer.id })]);
    expect(await w.store.get('templates', w.tenantId, 'la-annual-visit@1')).toBeDefined();
  });

  it('when a visit is started again from another card while it is still open, then the open one is resumed, not a second created', async () => {
    const w = await visitWorld();
    const a = await startVisit(w.deps, w.tenantId, w.officer, { urn: w.oakwood.urn, templateId: 'la-annual-visit' }, 'first card');
    const b = await startVisit(w.deps, w.tenantId, w.officer, { urn: w.oakwood.urn, templateId: 'la-annual-visit' }, 'second card');
    expect(b).toEqual({ visitId: a.visitId, replayed: false, resumed: true });
    expect(await w.store.find('visits', w.tenantId)).toHaveLength(1);
  });

  it('when an untrained officer asks, then the SACRE agenda is held back with why, and starting it is refused', async () => {
    const w = await visitWorld();
    const options = await prepareVisit(w.store, w.tenantId, w.clock, w.timeZone, w.officer, 'Oakwood', w.deps.builtInTemplates);
    if (options.kind !== 'options') throw new Error('expected options');
    expect(options.templates.map((t) => t.id)).not.toContain('sacre-re-visit');
    expect(options.unavailable).toEqual([{ name: 'SACRE RE visit', reason: expect.stringContaining('need training first') }]);
    await expect(startVisit(w.deps, w.tenantId, w.officer, { urn: w.oakwood.urn, templateId: 'sacre-re-visit' }, 'k')).rejects.toThrow(NotAllowedError);
    await expect(prepareVisit(w.store, w.tenantId, w.clock, w.timeZone, w.head, 'Oakwood', w.deps.builtInTemplates)).rejects.toThrow('Only school improvement officers, SIT members and SACRE visitors file visits.');
  });

  it('when a draft is saved and opened again, then the answers, dates and attendees come back as the card values', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    const saved = await saveDraft(w.deps, w.tenantId, w.officer, {
      visitId: visit.id,
      version: visit.version,
      formId: 'f1',
      values: { focus: ' Reading ', 'visit.plannedDate': '2026-11-20', 'visit.attendee.0': 'Hannah Head', 'visit.otherAttendees': 'Governor: Gus\nMrs Patel' },
    });
    expect(saved).toMatchObject({ kind: 'done', visit: { status: 'draft', answers: { focus: 'Reading' } } });
    const opened = await openVisit(w.store, w.tenantId, w.officer, visit.id, w.timeZone, '2026-11-23');
    expect(opened).toMatchObject({
      kind: 'form',
      values: { focus: 'Reading', 'visit.plannedDate': '2026-11-20', 'visit.attendee.0': 'Hannah Head', 'visit.otherAttendees': 'Governor: Gus\nMrs Patel' },
    });
  });

  it('when a draft holds a value its item cannot take, then it is refused naming the item and nothing is saved', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    const result = await saveDraft(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: { priority1Rating: 'purple', 'visit.plannedDate': 'soon' } });
    expect(result).toMatchObject({ kind: 'invalid', errors: [{ field: 'visit.plannedDate' }, { field: 'priority1Rating' }] });
    expect((await w.store.get('visits', w.tenantId, visit.id))!.version).toBe(1);
  });

  it('when a visit is submitted, then it stores answers and themes, the headteacher gets the copy in Teams and copySentAt is set', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    const result = await submitVisit(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: SUPPORT_ANSWERS });
    expect(result).toMatchObject({ kind: 'done', replayed: false, visit: { status: 'submitted', visitedDate: '2026-11-20', submittedAt: '2026-11-23T10:00:00.000Z' } });
    if (result.kind !== 'done') throw new Error('expected done');
    expect(result.visit.themes).toEqual([{ theme: 'nextStep', itemId: 'actionsAgreed', text: 'Phonics training by January (head)', tags: ['Curriculum', 'Sharing expertise and CPD'] }]);
    expect(result.visit.answerTags).toEqual({ actionsAgreed: ['Curriculum', 'Sharing expertise and CPD'] });
    expect(result.notices).toEqual(["The school's copy is on its way to Hannah Head. I'll tell you if it cannot be delivered."]);
    // Nothing is sent while the press is answered; the copy goes right after.
    expect(w.teams).toEqual([]);
    await w.sendAfterAnswer(result);
    expect((await w.store.get('visits', w.tenantId, visit.id))!.copySentAt).toBe('2026-11-23T10:00:00.000Z');
    expect(w.teams).toEqual([expect.objectContaining({ to: expect.objectContaining({ name: 'Hannah Head' }), message: expect.objectContaining({ card: expect.objectContaining({ name: 'visit-summary', data: expect.objectContaining({ canRespond: true }) }) }) })]);
  });

  it('when the day of the visit is in the future, then the submit is refused naming the date', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    const result = await submitVisit(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: { ...SUPPORT_ANSWERS, 'visit.visitedDate': '2026-12-01' } });
    expect(result).toMatchObject({ kind: 'invalid', errors: [{ field: 'visit.visitedDate', message: expect.stringContaining('in the future') }] });
  });

  it('when a submitted visit is saved again from an old card, then it is refused as final and nothing changes', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    const done = await submitVisit(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: SUPPORT_ANSWERS });
    if (done.kind !== 'done') throw new Error('expected done');
    const again = await saveDraft(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: done.visit.version, formId: 'g', values: {} });
    expect(again).toMatchObject({ kind: 'closed', message: 'This visit has been submitted and can no longer be changed.', notices: [] });
    expect((await w.store.get('visits', w.tenantId, visit.id))!.version).toBe(done.visit.version);
  });

  it('when a visit is declined, then the reason is required and kept; it lists apart from drafts', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    expect(await declineVisit(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: { 'visit.declinedReason': '  ' } })).toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'visit.declinedReason' }],
    });
    expect(await declineVisit(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: { 'visit.declinedReason': 'Ofsted' } })).toMatchObject({
      kind: 'done',
      visit: { status: 'declined', declinedReason: 'Ofsted', declinedAt: '2026-11-23T10:00:00.000Z' },
    });
    const list = await listVisits(w.store, w.tenantId, w.officer, w.timeZone, w.deps.builtInTemplates);
    expect(list).toEqual({ open: [], recent: [expect.objectContaining({ visitId: visit.id, status: 'declined', schoolName: 'Oakwood Primary School' })] });
  });

  it('when the headteacher answers the copy, then only they may, once, and the officer is told', async () => {
    const w = await visitWorld();
    const visit = await started(w);
    await w.sendAfterAnswer(await submitVisit(w.deps, w.tenantId, w.officer, { visitId: visit.id, version: 1, formId: 'f', values: SUPPORT_ANSWERS }));
    await expect(respondToCopy(w.deps, w.tenantId, w.elmHead, { visitId: visit.id, verdict: 'accurate' })).rejects.toThrow(NotAllowedError);
    await expect(respondToCopy(w.deps, w.tenantId, w.head, { visitId: visit.id, verdict: 'disputed' })).rejects.toThrow('Say what is disputed');
    const answered = await respondToCopy(w.deps, w.tenantId, w.head, { visitId: visit.id, verdict: 'disputed', comment: 'Wrong priority' });
    await w.sendAfterAnswer(answered);
    const { view } = answered;
    expect(view).toMatchObject({ canRespond: false, response: { verdict: 'disputed', byName: 'Hannah Head', comment: 'Wrong priority' } });
    expect(w.teams.at(-1)).toMatchObject({ to: { name: 'Olive Officer' }, message: { text: expect.stringContaining('disputed it: "Wrong priority"') } });
    await expect(respondToCopy(w.deps, w.tenantId, w.head, { visitId: visit.id, verdict: 'accurate' })).rejects.toThrow('already marked this note disputed');
  });

  it('when a concern is raised and no lead is registered, then it is stored apart and the officer is told; with a lead, it goes to them by id', async () => {
    const none = await visitWorld();
    const v1 = await started(none);
    const r1 = await saveDraft(none.deps, none.tenantId, none.officer, { visitId: v1.id, version: 1, formId: 'f', values: { confidentialConcern: 'Worried about safeguarding' } });
    expect(r1.notices[0]).toContain('no concerns lead is registered');
    expect(await none.store.find('concerns', none.tenantId)).toEqual([expect.objectContaining({ visitId: v1.id, text: 'Worried about safeguarding' })]);
    expect(JSON.stringify(await none.store.get('visits', none.tenantId, v1.id))).not.toContain('safeguarding');

    const withLead = await visitWorld({ concernsLead: true });
    const v2 = await started(withLead);
    const r2 = await saveDraft(withLead.deps, withLead.tenantId, withLead.officer, { visitId: v2.id, version: 1, formId: 'f', values: { confidentialConcern: 'Worried about safeguarding' } });
    expect(r2.notices[0]).toContain('is on its way privately to the concerns lead (Connie Lead)');
    expect(withLead.teams).toEqual([]);
    await withLead.sendAfterAnswer(r2);
    expect(withLead.teams).toEqual([expect.objectContaining({ to: expect.objectContaining({ name: 'Connie Lead' }), message: expect.objectContaining({ card: { name: 'concern', data: expect.objectContaining({ text: 'Worried about safeguarding', raisedOn: '2026-11-23' }) } }) })]);
  });
});
