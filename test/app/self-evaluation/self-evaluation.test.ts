import { ConflictError, InvalidInputError, NotAllowedError, StaleWriteError } from '../../../src/domain/errors.js';
import type { Person } from '../../../src/domain/person.js';
import { DEFAULT_REPORT_CARD_AREAS } from '../../../src/domain/inspection.js';
import { openSelfEvaluation } from '../../../src/app/self-evaluation/open-self-evaluation.js';
import { submitSelfEvaluation, type SelfEvaluationSubmission } from '../../../src/app/self-evaluation/submit-self-evaluation.js';
import { signOffSelfEvaluation, viewSelfEvaluation, type SignOffRequest } from '../../../src/app/self-evaluation/sign-off-self-evaluation.js';
import { selfEvaluationStatus } from '../../../src/app/self-evaluation/self-evaluation-status.js';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { retryOutbox } from '../../../src/app/delivery/retry-outbox.js';
import { schoolWorld, stopsBeforeSending, type SchoolWorld } from '../school-world.js';

const depsOf = (w: SchoolWorld) => ({ store: w.store, clock: w.clock, timeZone: w.timeZone, messenger: w.messenger, mailer: w.mailer, logger: w.logger, composers: w.composers });

async function formOf(w: SchoolWorld, actor: Person, query = '') {
  const opened = await openSelfEvaluation(depsOf(w), w.tenantId, actor, query);
  if (opened.kind !== 'form') throw new Error(`expected a form, got ${opened.kind}`);
  return opened.form;
}

async function submitted(w: SchoolWorld, overrides: Partial<SelfEvaluationSubmission> = {}) {
  const form = await formOf(w, w.head);
  const submission: SelfEvaluationSubmission = {
    urn: form.urn,
    expectedVersion: form.expectedVersion,
    grades: form.areas.map((a) => ({ area: a.area, grade: 'expected standard', evidence: `Evidence on ${a.area}` })),
    ...overrides,
  };
  const result = await submitSelfEvaluation(depsOf(w), w.tenantId, w.head, submission, `submit-${form.expectedVersion}`);
  await w.sendAfterAnswer(result);
  return result.view;
}

/** A sign-off press, answered, then what it recorded sent (as the server does after its answer). */
async function act(w: SchoolWorld, actor: Person, request: SignOffRequest) {
  const result = await signOffSelfEvaluation(depsOf(w), w.tenantId, actor, request, `${request.action}:${request.selfEvaluationId}:${request.expectedVersion}:${actor.id}`);
  await w.sendAfterAnswer(result);
  return result;
}

const judged = { feedbackDueOn: '2026-12-18', comments: 'Evidence on attendance is thin' };

describe('self-evaluation', () => {
  it('when the bot stops after a submission or a judgement is committed but before the notice is sent, then the outbox job sends each once', async () => {
    const w = await schoolWorld();
    const form = await formOf(w, w.head);
    const submission: SelfEvaluationSubmission = { urn: form.urn, expectedVersion: 0, grades: form.areas.map((a) => ({ area: a.area, grade: 'expected standard', evidence: `Evidence on ${a.area}` })) };
    const stopping = { ...depsOf(w), store: stopsBeforeSending(w.store) };
    await expect(submitSelfEvaluation(stopping, w.tenantId, w.head, submission, 'submit-0')).rejects.toThrow('the bot stopped');
    expect(w.sent).toEqual([]);
    expect(JSON.stringify(await w.store.find('outbox', w.tenantId))).not.toContain('Evidence on');
    expect(await retryOutbox(depsOf(w), w.tenantId, w.clock.now())).toMatchObject({ due: 1, sent: 1 });
    expect(w.sent.map((n) => [n.to.email, (n.message.card?.data as { actions: string[] }).actions])).toEqual([['olive.officer@la.gov.uk', ['agree', 'challenge']]]);

    const { version, selfEvaluationId } = await viewSelfEvaluation(w, w.tenantId, w.officer, '100001-2026');
    const request: SignOffRequest = { selfEvaluationId, expectedVersion: version, action: 'agree', judgement: judged };
    await expect(signOffSelfEvaluation(stopping, w.tenantId, w.officer, request, 'agree-1')).rejects.toThrow('the bot stopped');
    expect(await retryOutbox(depsOf(w), w.tenantId, w.clock.now())).toMatchObject({ due: 1, sent: 1 });
    expect(w.sent.at(-1)).toMatchObject({ to: { email: 'hannah.head@oakwood.sch.uk' }, message: { card: { data: { actions: ['sign'] } } } });

    // The headteacher's and the officer's presses repeated: nothing is sent twice.
    await w.sendAfterAnswer(await submitSelfEvaluation(depsOf(w), w.tenantId, w.head, submission, 'submit-0'));
    await w.sendAfterAnswer(await signOffSelfEvaluation(depsOf(w), w.tenantId, w.officer, request, 'agree-1'));
    expect(await retryOutbox(depsOf(w), w.tenantId, w.clock.now())).toMatchObject({ due: 0 });
    expect(w.sent).toHaveLength(2);
  });

  it('when the headteacher of a primary opens it, then the report-card areas show with early years and without sixth form, as required of a maintained school', async () => {
    const w = await schoolWorld();
    const form = await formOf(w, w.head);
    expect(form).toMatchObject({ urn: '100001', academicYear: '2026/27', requirement: 'required', expectedVersion: 0 });
    expect(form.areas.map((a) => a.area)).toEqual(DEFAULT_REPORT_CARD_AREAS.filter((a) => a !== 'sixth form'));
    expect(form.areas[1]!.key).toBe('curriculum-and-teaching');
  });

  it('when an academy with a sixth form opens it, then it is invited and grades sixth form', async () => {
    const w = await schoolWorld();
    const form = await formOf(w, w.elmHead);
    expect(form.requirement).toBe('invited');
    expect(form.areas.map((a) => a.area)).toContain('sixth form');
    expect(form.areas.map((a) => a.area)).not.toContain('early years');
  });

  it('when the headteacher submits, then it is stored once and the link officer is asked to agree or challenge it', async () => {
    const w = await schoolWorld();
    const view = await submitted(w);
    expect(view).toMatchObject({ status: 'submitted', viewer: 'headteacher', actions: [], submittedBy: 'Hannah Head' });
    expect(view.signerUserIds).toEqual([]);
    const again = await submitSelfEvaluation(depsOf(w), w.tenantId, w.head, { urn: '100001', expectedVersion: 0, grades: [] }, 'submit-0');
    await w.sendAfterAnswer(again);
    expect(again.replayed).toBe(true);
    expect(await w.store.find('selfEvaluations', w.tenantId)).toHaveLength(1);
    expect(w.sent.map((n) => [n.to.email, (n.message.card?.data as { actions: string[] }).actions])).toEqual([['olive.officer@la.gov.uk', ['agree', 'challenge']]]);
  });

  it('when both signers have chatted with the bot, then the card names their Teams user ids for its refresh', async () => {
    const w = await schoolWorld();
    await w.store.transact(async (tx) => {
      for (const p of [w.head, w.officer]) {
        const reference = { user: { id: `29:${p.aadObjectId}`, aadObjectId: p.aadObjectId }, conversation: { id: `a:${p.id}` } };
        await tx.insert('conversations', w.tenantId, { id: `personal:${p.aadObjectId}`, kind: 'personal', aadObjectId: p.aadObjectId, reference });
      }
    }, { actor: 'test' });
    const view = await submitted(w);
    expect(view.signerUserIds.sort()).toEqual(['29:aad-head', '29:aad-officer']);
  });

  it('when the school has no link officer, then the headteacher is told a SIT member will judge it, and a SIT member can', async () => {
    const w = await schoolWorld();
    await w.store.transact((tx) => tx.update('schools', w.tenantId, w.oakwood.id, 'any', { linkOfficerEmail: undefined }), { actor: 'test' });
    const form = await formOf(w, w.head);
    const grades = form.areas.map((a) => ({ area: a.area, grade: 'strong standard', evidence: 'x' }));
    const result = await submitSelfEvaluation(depsOf(w), w.tenantId, w.head, { urn: form.urn, expectedVersion: 0, grades }, 'k');
    expect(result.told).toMatchObject({ notice: 'none', problem: 'Oakwood Primary School has no link officer registered: a SIT member will agree or challenge it.' });
    expect(w.sent).toEqual([]);
    expect((await viewSelfEvaluation(w, w.tenantId, w.sit, result.view.selfEvaluationId)).actions).toEqual(['agree', 'challenge']);
    expect((await viewSelfEvaluation(w, w.tenantId, w.officer, result.view.selfEvaluationId)).actions).toEqual([]);
  });

  it.each([
    ['a missing grade', { grade: '' }, 'inclusion.grade'],
    ['a grade off the scale', { grade: 'good' }, 'inclusion.grade'],
    ['no evidence', { evidence: ' ' }, 'inclusion.evidence'],
  ])('when an area has %s, then it is refused naming the field and nothing is stored', async (_name, change, field) => {
    const w = await schoolWorld();
    const form = await formOf(w, w.head);
    const grades = form.areas.map((a) => ({ area: a.area, grade: 'strong standard', evidence: 'x', ...(a.area === 'inclusion' ? change : {}) }));
    const err = await submitSelfEvaluation(depsOf(w), w.tenantId, w.head, { urn: form.urn, expectedVersion: 0, grades }, 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).field).toBe(field);
    expect(await w.store.find('selfEvaluations', w.tenantId)).toEqual([]);
  });

  it.each(['officer', 'elmHead', 'governor'] as const)("when the %s submits another school's self-evaluation, then they are refused", async (who) => {
    const w = await schoolWorld();
    const grades = [{ area: 'inclusion', grade: 'strong standard', evidence: 'x' }];
    await expect(submitSelfEvaluation(depsOf(w), w.tenantId, w[who], { urn: '100001', expectedVersion: 0, grades }, 'k')).rejects.toThrow(NotAllowedError);
  });

  it('when two forms were opened and both submitted, then the later is refused as stale', async () => {
    const w = await schoolWorld();
    const form = await formOf(w, w.head);
    await submitted(w);
    const grades = form.areas.map((a) => ({ area: a.area, grade: 'exceptional', evidence: 'x' }));
    await expect(submitSelfEvaluation(depsOf(w), w.tenantId, w.head, { urn: form.urn, expectedVersion: 0, grades }, 'other')).rejects.toThrow(StaleWriteError);
  });

  describe('two-party sign-off', () => {
    it('when the officer agrees and the headteacher signs, then the record keeps who did what and when, and both see it signed', async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      const agreed = await act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'agree', judgement: judged });
      expect(agreed.view).toMatchObject({ status: 'agreed', actions: ['feedbackGiven'], judgement: { accurateAndRobust: true, furtherChallenge: false, by: 'Olive Officer', feedbackDueOn: '2026-12-18' } });
      expect(w.sent.at(-1)).toMatchObject({ to: { email: 'hannah.head@oakwood.sch.uk' }, message: { card: { data: { actions: ['sign'] } } } });

      const later = { ...w, clock: fixedClock('2026-11-24T09:00:00Z') };
      const signed = await act(later, w.head, { selfEvaluationId: view.selfEvaluationId, expectedVersion: agreed.view.version, action: 'sign' });
      expect(signed.view).toMatchObject({ stage: 'agreed and signed', signedBy: 'Hannah Head', signedOn: '2026-11-24', actions: [] });
      const stored = await w.store.get('selfEvaluations', w.tenantId, view.selfEvaluationId);
      expect(stored?.history.map((h) => [h.event, h.personId, h.at])).toEqual([
        ['submitted', w.head.id, '2026-11-23T10:00:00.000Z'],
        ['agreed', w.officer.id, '2026-11-23T10:00:00.000Z'],
        ['signed', w.head.id, '2026-11-24T09:00:00.000Z'],
      ]);
    });

    it('when each person refreshes the card, then the headteacher sees Sign, the officer sees the feedback button, another SIT member reads it without buttons, anyone else nothing', async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      const officerView = await viewSelfEvaluation(w, w.tenantId, w.officer, view.selfEvaluationId);
      expect(officerView.actions).toEqual(['agree', 'challenge']);
      // Agreed: a challenged one offers the headteacher no Sign (review #8).
      await act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'agree', judgement: judged });
      const seen = async (p: Person) => {
        const v = await viewSelfEvaluation(w, w.tenantId, p, view.selfEvaluationId);
        return [v.viewer, v.actions, v.grades.length > 0];
      };
      expect(await seen(w.head)).toEqual(['headteacher', ['sign'], true]);
      expect(await seen(w.officer)).toEqual(['officer', ['feedbackGiven'], true]);
      expect(await seen(w.sit)).toEqual(['other', [], true]);
      // Another school's headteacher and a governor see nothing of it (review #16).
      for (const outsider of [w.elmHead, w.governor]) await expect(seen(outsider)).rejects.toThrow(NotAllowedError);
    });

    it.each<[string, 'elmHead' | 'sit' | 'head' | 'governor', SignOffRequest['action'], typeof NotAllowedError | typeof ConflictError]>([
      ['another school’s headteacher agreeing', 'elmHead', 'agree', NotAllowedError],
      ['a SIT member challenging a school with a link officer', 'sit', 'challenge', NotAllowedError],
      ['the headteacher agreeing their own', 'head', 'agree', NotAllowedError],
      ['a governor signing', 'governor', 'sign', NotAllowedError],
      ['the headteacher signing before the judgement', 'head', 'sign', ConflictError],
    ])('when %s, then it is refused and the record is unchanged', async (_name, who, action, error) => {
      const w = await schoolWorld();
      const view = await submitted(w);
      await expect(act(w, w[who], { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action, judgement: judged })).rejects.toThrow(error);
      expect((await w.store.get('selfEvaluations', w.tenantId, view.selfEvaluationId))?.version).toBe(view.version);
    });

    it('when the officer presses Agree on an out-of-date card, then it is refused as stale', async () => {
      const w = await schoolWorld();
      const first = await submitted(w);
      await submitted(w, { expectedVersion: first.version, grades: (await formOf(w, w.head)).areas.map((a) => ({ area: a.area, grade: 'exceptional', evidence: 'revised' })) });
      await expect(act(w, w.officer, { selfEvaluationId: first.selfEvaluationId, expectedVersion: first.version, action: 'agree', judgement: judged })).rejects.toThrow(StaleWriteError);
    });

    it.each([
      ['without a feedback date', { comments: 'x' }, 'agree', 'feedbackDueOn'],
      ['with a feedback date in the past', { feedbackDueOn: '2026-11-01' }, 'agree', 'feedbackDueOn'],
      ['challenging without comments', { feedbackDueOn: '2026-12-18' }, 'challenge', 'comments'],
    ] as const)('when the officer judges %s, then the field is named and nothing changes', async (_name, judgement, action, field) => {
      const w = await schoolWorld();
      const view = await submitted(w);
      await expect(act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action, judgement })).rejects.toMatchObject({ field });
      expect((await w.store.get('selfEvaluations', w.tenantId, view.selfEvaluationId))?.version).toBe(view.version);
    });

    it('when challenged, then the headteacher may revise and resubmit, which asks for a fresh judgement', async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      const challenged = await act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'challenge', judgement: judged });
      expect(challenged.view.judgement).toMatchObject({ accurateAndRobust: false, furtherChallenge: true });
      const form = await formOf(w, w.head);
      expect(form).toMatchObject({ expectedVersion: challenged.view.version, challenge: judged.comments });
      expect(form.areas[0]).toMatchObject({ grade: 'expected standard', evidence: 'Evidence on inclusion' });
      const revised = await submitted(w, { expectedVersion: form.expectedVersion });
      expect(revised).toMatchObject({ status: 'submitted', judgement: undefined });
    });

    it('when agreed, then the headteacher can no longer resubmit and gets the sign-off card instead', async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      const agreed = await act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'agree', judgement: judged });
      expect((await openSelfEvaluation(depsOf(w), w.tenantId, w.head, '')).kind).toBe('view');
      const grades = view.grades.map((g) => ({ ...g, grade: 'exceptional' }));
      await expect(submitSelfEvaluation(depsOf(w), w.tenantId, w.head, { urn: '100001', expectedVersion: agreed.view.version, grades }, 'late')).rejects.toThrow(ConflictError);
    });

    it('when the officer records the feedback as given, then it is no longer due or overdue and only once', async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      const agreed = await act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'agree', judgement: judged });
      const late = { ...w, clock: fixedClock('2026-12-20T10:00:00Z') };
      expect((await selfEvaluationStatus(depsOf(late), w.tenantId, w.officer)).rows.find((r) => r.urn === '100001')?.feedbackOverdue).toBe(true);
      await expect(act(late, w.head, { selfEvaluationId: view.selfEvaluationId, expectedVersion: agreed.view.version, action: 'feedbackGiven' })).rejects.toThrow(NotAllowedError);
      const given = await act(late, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: agreed.view.version, action: 'feedbackGiven' });
      expect(given.view).toMatchObject({ feedbackGivenOn: '2026-12-20', feedbackOverdue: false, actions: [] });
      expect((await selfEvaluationStatus(depsOf(late), w.tenantId, w.officer)).rows.find((r) => r.urn === '100001')).toMatchObject({ feedbackGiven: true, feedbackOverdue: false });
      await expect(act(late, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: given.view.version, action: 'feedbackGiven' })).rejects.toThrow(ConflictError);
    });

    it('when the same button press arrives twice, then it is applied once', async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      const request: SignOffRequest = { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'agree', judgement: judged };
      await act(w, w.officer, request);
      const again = await act(w, w.officer, request);
      expect(again.replayed).toBe(true);
      expect((await w.store.get('selfEvaluations', w.tenantId, view.selfEvaluationId))?.history).toHaveLength(2);
    });
  });

  describe('status list', () => {
    it("when the link officer lists this year's self-evaluations, then each school shows required or invited, progress and overdue feedback", async () => {
      const w = await schoolWorld();
      const view = await submitted(w);
      await act(w, w.officer, { selfEvaluationId: view.selfEvaluationId, expectedVersion: view.version, action: 'agree', judgement: judged });
      const now = await selfEvaluationStatus(depsOf(w), w.tenantId, w.officer);
      expect(now.academicYear).toBe('2026/27');
      expect(now.rows.map((r) => [r.schoolName, r.requirement, r.progress, r.feedbackOverdue])).toEqual([
        ['Elm Academy', 'invited', 'not started', false],
        ['Oakwood Primary School', 'required', 'agreed', false],
      ]);
      const after = await selfEvaluationStatus({ ...depsOf(w), clock: fixedClock('2026-12-19T10:00:00Z') }, w.tenantId, w.officer);
      expect(after.rows[0]).toMatchObject({ schoolName: 'Oakwood Primary School', feedbackOverdue: true, feedbackDueOn: '2026-12-18' });
    });

    it('when a SIT member lists them, then every school shows, required ones not started before the rest', async () => {
      const w = await schoolWorld();
      const { rows } = await selfEvaluationStatus(depsOf(w), w.tenantId, w.sit);
      expect(rows.map((r) => [r.schoolName, r.requirement, r.progress])).toEqual([
        ['Birch Infant School', 'required', 'not started'],
        ['Oakwood Primary School', 'required', 'not started'],
        ['Elm Academy', 'invited', 'not started'],
      ]);
    });

    it('when a headteacher asks for the list, then they are refused', async () => {
      const w = await schoolWorld();
      await expect(selfEvaluationStatus(depsOf(w), w.tenantId, w.head)).rejects.toThrow(NotAllowedError);
    });
  });
});
