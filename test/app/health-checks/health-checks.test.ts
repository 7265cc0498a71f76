import { ConflictError, InvalidInputError, NotAllowedError } from '../../../src/domain/errors.js';
import { openHealthCheck } from '../../../src/app/health-checks/open-health-check.js';
import { submitHealthCheck, type HealthCheckSubmission } from '../../../src/app/health-checks/submit-health-check.js';
import { acknowledgeHealthCheck } from '../../../src/app/health-checks/acknowledge-health-check.js';
import { listHealthChecks } from '../../../src/app/health-checks/list-health-checks.js';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import type { Person } from '../../../src/domain/person.js';
import { retryOutbox } from '../../../src/app/delivery/retry-outbox.js';
import { schoolWorld, type SchoolWorld } from '../school-world.js';

/** A complete, valid submission for every area on the form, Green unless told otherwise. */
async function fullSubmission(w: SchoolWorld, actor: Person, query: string, overrides: Record<string, Partial<HealthCheckSubmission['areas'][number]>> = {}) {
  const opened = await openHealthCheck(w.store, w.tenantId, w.clock, w.timeZone, actor, query);
  if (opened.kind !== 'form') throw new Error(`expected a form, got ${opened.kind}`);
  const { form } = opened;
  const submission: HealthCheckSubmission = {
    urn: form.urn,
    heldOn: form.heldOn,
    previousCheckId: form.previous?.id,
    earlyYearsOrSixthForm: form.stageChoice,
    areas: form.areas.map((a) => ({ area: a.id, rating: 'green', evidence: `Evidence for ${a.title}`, ...overrides[a.id] })),
  };
  return { form, submission };
}

const depsOf = (w: SchoolWorld) => ({ store: w.store, clock: w.clock, timeZone: w.timeZone, messenger: w.messenger, mailer: w.mailer, logger: w.logger, composers: w.composers });

describe('health checks', () => {
  it('when an officer opens a check for a primary school, then the nine areas show, the early years or sixth form one area with early years suggested', async () => {
    const w = await schoolWorld();
    const { form } = await fullSubmission(w, w.officer, 'oakwood');
    expect(form.areas.map((a) => a.title)).toEqual([
      'Quality of education',
      'Behaviour and attitudes',
      'Personal development',
      'Early years or sixth form',
      'Leadership and management',
      'Health and safety',
      'Internal audit',
      'Financial and non-financial controls',
      'Safeguarding',
    ]);
    expect(form.stageChoice).toBe('earlyYears');
    expect(form.previous).toBeUndefined();
    expect(form.heldOn).toBe('2026-11-23');
  });

  it.each([
    ['early years', 'oakwood', 'earlyYears', 9, 'Early years or sixth form: early years'],
    ['the sixth form', 'elm', 'sixthForm', 9, 'Early years or sixth form: sixth form'],
  ])('when the officer rates %s, then nine areas are stored and the view says which', async (_what, query, stage, count, title) => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, query);
    const result = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, { ...submission, earlyYearsOrSixthForm: stage }, 'k');
    expect(result.check.areas).toHaveLength(count);
    expect(result.check.earlyYearsOrSixthForm).toBe(stage);
    expect(result.view.areas.map((a) => a.title)).toContain(title);
  });

  it('when the officer marks the early years or sixth form not applicable and leaves it blank, then eight areas are rated and the view says not applicable', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood', { earlyYearsOrSixthForm: { rating: '', evidence: '' } });
    const result = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, { ...submission, earlyYearsOrSixthForm: 'notApplicable' }, 'k');
    expect(result.check.areas.map((a) => a.area)).not.toContain('earlyYearsOrSixthForm');
    expect(result.check.areas).toHaveLength(8);
    expect(result.view.notApplicable).toEqual(['Early years or sixth form']);
  });

  it.each([
    ['no choice made', undefined, {}, 'earlyYearsOrSixthForm.applies'],
    ['not applicable, yet rated', 'notApplicable', {}, 'earlyYearsOrSixthForm.rating'],
    ['early years, left unrated', 'earlyYears', { earlyYearsOrSixthForm: { rating: '', evidence: '' } }, 'earlyYearsOrSixthForm.rating'],
  ])('when the early years or sixth form has %s, then it is refused naming the input and nothing is stored', async (_case, stage, overrides, field) => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood', overrides);
    await expect(submitHealthCheck(depsOf(w), w.tenantId, w.officer, { ...submission, earlyYearsOrSixthForm: stage }, 'k')).rejects.toMatchObject({ field });
    expect(await w.store.find('healthChecks', w.tenantId)).toEqual([]);
  });

  it('when a headteacher or governor tries to hold one, then they are refused', async () => {
    const w = await schoolWorld();
    await expect(openHealthCheck(w.store, w.tenantId, w.clock, w.timeZone, w.head, 'oakwood')).rejects.toThrow(NotAllowedError);
    await expect(openHealthCheck(w.store, w.tenantId, w.clock, w.timeZone, w.governor, 'oakwood')).rejects.toThrow(NotAllowedError);
  });

  it('when the name fits several schools or none, then the lookup says so instead of a form', async () => {
    const w = await schoolWorld();
    expect((await openHealthCheck(w.store, w.tenantId, w.clock, w.timeZone, w.sit, 'school')).kind).toBe('ambiguous');
    expect((await openHealthCheck(w.store, w.tenantId, w.clock, w.timeZone, w.sit, 'willow')).kind).toBe('none');
  });

  it('when submitted, then it is stored awaiting acknowledgement and the headteacher is sent the summary with Acknowledge', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood', { internalAudit: { rating: 'amber', requiredAction: 'Close the two audit findings' } });
    const result = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'submit-1');
    // Answered before anything is sent: the notice goes after the answer, and the check records how it went.
    expect(result.check).toMatchObject({ status: 'awaitingAcknowledgement', headteacherId: w.head.id, notice: 'queued', officerId: w.officer.id });
    expect(w.sent).toEqual([]);
    await w.sendAfterAnswer(result);
    expect((await w.store.get('healthChecks', w.tenantId, result.check.id))!.notice).toBe('teams');
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]!.to.email).toBe('hannah.head@oakwood.sch.uk');
    expect(w.sent[0]!.message.card).toMatchObject({ name: 'health-check-summary', data: { canAcknowledge: true, overall: 'amber' } });
  });

  it('when Teams cannot reach the headteacher, then the summary goes by e-mail, saying what to type in Teams', async () => {
    const w = await schoolWorld();
    w.messenger.script.then('unreachable');
    const { submission } = await fullSubmission(w, w.officer, 'oakwood', { internalAudit: { rating: 'amber', requiredAction: 'Close the two audit findings' } });
    const result = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'submit-1');
    await w.sendAfterAnswer(result);
    expect((await w.store.get('healthChecks', w.tenantId, result.check.id))!.notice).toBe('mail');
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['hannah.head@oakwood.sch.uk']]);
    expect(w.mailer.sent[0]!.html).toContain('Close the two audit findings');
    // The e-mail says what to type, so the headteacher can find the check in Teams (review #9).
    expect(w.mailer.sent[0]!.html).toContain('type healthcheck in your 1:1 chat with School Improvement Bot');
  });

  it('when the same submit arrives twice, then one check is stored and the headteacher is told once', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood');
    await w.sendAfterAnswer(await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'submit-1'));
    const again = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'submit-1');
    await w.sendAfterAnswer(again);
    expect(again.replayed).toBe(true);
    expect(await w.store.find('healthChecks', w.tenantId)).toHaveLength(1);
    expect(w.sent).toHaveLength(1);
  });

  it('when the bot stops after the check is committed but before the notice is sent, then the outbox job sends it once, and a repeated submit sends nothing more', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood', { safeguarding: { rating: 'amber', requiredAction: 'Update the single central record' } });
    // Answered, then the bot stops before it sends what the press recorded.
    await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'submit-1');
    expect((await w.store.find('healthChecks', w.tenantId)).map((c) => [c.status, c.notice])).toEqual([['awaitingAcknowledgement', 'queued']]);
    expect(w.sent).toEqual([]);
    // The outbox holds a reference to the check, never its evidence.
    expect(JSON.stringify(await w.store.find('outbox', w.tenantId))).not.toContain('single central record');

    expect(await retryOutbox(depsOf(w), w.tenantId, w.clock.now())).toMatchObject({ due: 1, sent: 1 });
    expect(w.sent.map((s) => s.to.email)).toEqual(['hannah.head@oakwood.sch.uk']);
    expect(w.sent[0]!.message.card).toMatchObject({ name: 'health-check-summary', data: { canAcknowledge: true, overall: 'amber' } });

    const again = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'submit-1');
    await w.sendAfterAnswer(again);
    expect(again).toMatchObject({ replayed: true, notice: 'teams' });
    expect(await retryOutbox(depsOf(w), w.tenantId, w.clock.now())).toMatchObject({ due: 0 });
    expect(w.sent).toHaveLength(1);
  });

  it('when the headteacher cannot be reached at all, then the check is still stored and the officer is told why', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood');
    w.messenger.script.then('unreachable');
    const result = await submitHealthCheck({ ...depsOf(w), mailer: undefined }, w.tenantId, w.officer, submission, 's');
    expect(result).toMatchObject({ notice: 'queued', deliveryProblem: undefined });
    await w.sendAfterAnswer(result, { mailer: undefined });
    expect((await w.store.find('healthChecks', w.tenantId)).map((c) => c.status)).toEqual(['awaitingAcknowledgement']);
    // Told by a message once the notice was tried after the answer, as for any notice that cannot go.
    expect(w.sent.map((m) => [m.to.name, m.message.text])).toEqual([['Olive Officer', expect.stringContaining('Hannah Head')]]);
  });

  it.each([
    ['an Amber without an action', { safeguarding: { rating: 'amber', requiredAction: ' ' } }, 'safeguarding.requiredAction'],
    ['a Red without an action', { healthAndSafety: { rating: 'red' } }, 'healthAndSafety.requiredAction'],
    ['an area without evidence', { qualityOfEducation: { evidence: '' } }, 'qualityOfEducation.evidence'],
    ['an area without a rating', { personalDevelopment: { rating: '' } }, 'personalDevelopment.rating'],
  ])('when it has %s, then it is refused naming the field and nothing is stored', async (_name, overrides, field) => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood', overrides as never);
    const err = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).field).toBe(field);
    expect(await w.store.find('healthChecks', w.tenantId)).toEqual([]);
    expect(w.sent).toEqual([]);
  });

  it('when an area that is not one of the nine is rated or one is left out, then it is refused', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood');
    const withSixthForm = { ...submission, areas: [...submission.areas, { area: 'sixthForm', rating: 'green', evidence: 'x' }] };
    await expect(submitHealthCheck(depsOf(w), w.tenantId, w.officer, withSixthForm, 'a')).rejects.toMatchObject({ field: 'sixthForm.rating' });
    const withoutSafeguarding = { ...submission, areas: submission.areas.filter((a) => a.area !== 'safeguarding') };
    await expect(submitHealthCheck(depsOf(w), w.tenantId, w.officer, withoutSafeguarding, 'b')).rejects.toMatchObject({ field: 'safeguarding.rating' });
  });

  it('when the meeting date is in the future, then it is refused naming the date', async () => {
    const w = await schoolWorld();
    const { submission } = await fullSubmission(w, w.officer, 'oakwood');
    await expect(submitHealthCheck(depsOf(w), w.tenantId, w.officer, { ...submission, heldOn: '2026-11-24' }, 'a')).rejects.toMatchObject({ field: 'heldOn' });
  });

  it("when the next check is opened, then the last one's actions show beside their areas and their impact must be judged", async () => {
    const w = await schoolWorld('2025-11-20T10:00:00Z');
    const first = await fullSubmission(w, w.officer, 'oakwood', { internalAudit: { rating: 'red', requiredAction: 'Commission an external audit' } });
    const firstCheck = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, first.submission, 'first');
    const later = { ...w, clock: fixedClock('2026-11-23T10:00:00Z') };
    const next = await fullSubmission(later, w.officer, 'oakwood');
    expect(next.form.previous).toMatchObject({ heldOn: '2025-11-20', nextDue: '2026-11-20' });
    expect(next.form.areas.find((a) => a.id === 'internalAudit')).toMatchObject({ previousRating: 'red', previousAction: 'Commission an external audit' });
    expect(next.form.areas.find((a) => a.id === 'safeguarding')?.previousAction).toBeUndefined();
    await expect(submitHealthCheck(depsOf(later), w.tenantId, w.officer, next.submission, 'second')).rejects.toMatchObject({ field: 'internalAudit.impactOfLastActions' });
    next.submission.areas.find((a) => a.area === 'internalAudit')!.impactOfLastActions = 'Audit done; findings closed';
    const second = await submitHealthCheck(depsOf(later), w.tenantId, w.officer, next.submission, 'second');
    expect(second.check.previousCheckId).toBe(firstCheck.check.id);
    expect(second.check.areas.find((a) => a.area === 'internalAudit')?.impactOfLastActions).toBe('Audit done; findings closed');
  });

  it('when another check was filed after the form was opened, then the later submit is refused', async () => {
    const w = await schoolWorld();
    const a = await fullSubmission(w, w.officer, 'oakwood');
    const b = await fullSubmission(w, w.sit, 'oakwood');
    await submitHealthCheck(depsOf(w), w.tenantId, w.sit, b.submission, 'b');
    await expect(submitHealthCheck(depsOf(w), w.tenantId, w.officer, a.submission, 'a')).rejects.toThrow(ConflictError);
    expect(await w.store.find('healthChecks', w.tenantId)).toHaveLength(1);
  });

  describe('acknowledgement', () => {
    async function submitted() {
      const w = await schoolWorld();
      const { submission } = await fullSubmission(w, w.officer, 'oakwood');
      const { check } = await submitHealthCheck(depsOf(w), w.tenantId, w.officer, submission, 's');
      return { w, check };
    }

    it('when the headteacher acknowledges, then it is recorded with who and when', async () => {
      const { w, check } = await submitted();
      const view = await acknowledgeHealthCheck(w, w.tenantId, w.head, check.id);
      expect(view).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Hannah Head', canAcknowledge: false });
      const stored = await w.store.get('healthChecks', w.tenantId, check.id);
      expect(stored?.acknowledgement).toEqual({ personId: w.head.id, at: '2026-11-23T10:00:00.000Z' });
    });

    it.each(['elmHead', 'officer', 'governor'] as const)('when the %s presses Acknowledge, then they are refused and nothing changes', async (who) => {
      const { w, check } = await submitted();
      await expect(acknowledgeHealthCheck(w, w.tenantId, w[who], check.id)).rejects.toThrow(NotAllowedError);
      const stored = await w.store.get('healthChecks', w.tenantId, check.id);
      expect(stored).toMatchObject({ status: 'awaitingAcknowledgement', version: check.version });
    });

    it('when Acknowledge is pressed twice, then the second changes nothing', async () => {
      const { w, check } = await submitted();
      await acknowledgeHealthCheck(w, w.tenantId, w.head, check.id);
      const once = await w.store.get('healthChecks', w.tenantId, check.id);
      await acknowledgeHealthCheck(w, w.tenantId, w.head, check.id);
      expect(await w.store.get('healthChecks', w.tenantId, check.id)).toEqual(once);
    });

    it("when the officer lists health checks, then the unacknowledged one is first and marked awaiting, until it is acknowledged", async () => {
      const { w, check } = await submitted();
      const rows = await listHealthChecks(w.store, w.tenantId, w.clock, w.timeZone, w.officer);
      expect(rows.map((r) => [r.schoolName, r.last?.status ?? 'never', r.due])).toEqual([
        ['Oakwood Primary School', 'awaitingAcknowledgement', false],
        ['Elm Academy', 'never', true],
      ]);
      expect(rows[0]!.nextDue).toBe('2027-11-23');
      await acknowledgeHealthCheck(w, w.tenantId, w.head, check.id);
      const after = await listHealthChecks(w.store, w.tenantId, w.clock, w.timeZone, w.officer);
      expect(after.find((r) => r.urn === '100001')?.last?.status).toBe('acknowledged');
      expect((await listHealthChecks(w.store, w.tenantId, w.clock, w.timeZone, w.sit)).map((r) => r.urn).sort()).toEqual(['100001', '100002', '100003']);
    });
  });
});
