import { dueReminders } from '../../../src/app/reminders/due-reminders.js';
import { schoolWorld, TENANT, type SchoolWorld } from '../school-world.js';
import { anAgreedSelfEvaluation } from '../../support/builders.js';

async function insertCheck(w: SchoolWorld, submittedAt: string, status: 'awaitingAcknowledgement' | 'acknowledged' = 'awaitingAcknowledgement') {
  const { value } = await w.store.transact(
    (tx) =>
      tx.insert('healthChecks', TENANT, {
        urn: '100001',
        heldOn: submittedAt.slice(0, 10),
        officerId: w.officer.id,
        areas: [{ area: 'safeguarding', rating: 'green', evidence: 'Single central record checked' }],
        headteacherId: w.head.id,
        status,
        submittedAt,
        notice: 'teams',
      }),
    { actor: 'test' },
  );
  return value;
}

async function insertJudged(w: SchoolWorld, feedbackDueOn: string, feedbackGiven = false, academicYear = '2026/27') {
  const at = '2026-11-01T10:00:00Z';
  await w.store.transact(
    (tx) =>
      tx.insert(
        'selfEvaluations',
        TENANT,
        anAgreedSelfEvaluation('100001', academicYear, { head: w.head.id, officer: w.officer.id, submittedAt: at, judgedAt: at, feedbackDueOn }, {
          id: `100001-${academicYear.slice(0, 4)}`,
          feedbackGiven: feedbackGiven ? { personId: w.officer.id, on: '2026-11-20' } : undefined,
        }),
      ),
    { actor: 'test' },
  );
}

const summary = async (w: SchoolWorld, at: string) =>
  (await dueReminders(w.store, TENANT, new Date(at), w.timeZone)).map((r) => [r.kind, r.notice.to.email, r.key]);

describe('dueReminders', () => {
  it.each([
    ['2026-11-20T10:00:00Z', []],
    ['2026-11-16T10:00:00Z', [['healthCheckUnacknowledged', 'hannah.head@oakwood.sch.uk']]],
  ])('when a check sent at %s is unacknowledged on 23 November, then the reminders are %j', async (submittedAt, expected) => {
    const w = await schoolWorld();
    const check = await insertCheck(w, submittedAt);
    const due = await summary(w, '2026-11-23T10:00:00Z');
    expect(due.map(([k, e]) => [k, e])).toEqual(expected);
    if (expected.length) expect(due[0]![2]).toBe(`healthCheckUnacknowledged:${check.id}:1`);
  });

  it('when the check is acknowledged, then nobody is reminded', async () => {
    const w = await schoolWorld();
    await insertCheck(w, '2026-11-01T10:00:00Z', 'acknowledged');
    expect(await summary(w, '2026-11-23T10:00:00Z')).toEqual([]);
  });

  it.each([
    ['2026-12-18', false, []],
    ['2026-11-30', false, ['feedbackDueSoon']],
    ['2026-11-23', false, ['feedbackDueSoon']],
    ['2026-11-22', false, ['feedbackOverdue']],
    ['2026-11-22', true, []],
  ])('when the feedback is due on %s (given %s), then on 23 November the officer is reminded: %j', async (dueOn, given, kinds) => {
    const w = await schoolWorld();
    await insertJudged(w, dueOn, given);
    const due = await summary(w, '2026-11-23T10:00:00Z');
    expect(due.map(([k]) => k)).toEqual(kinds);
    for (const [, email] of due) expect(email).toBe('olive.officer@la.gov.uk');
  });

  it.each([
    ['2026-11-07T10:00:00Z', undefined],
    ['2026-11-08T10:00:00Z', 1],
    ['2026-11-14T10:00:00Z', 1],
    ['2026-11-16T10:00:00Z', 2],
    ['2026-11-29T10:00:00Z', 4],
    ['2026-12-06T10:00:00Z', undefined],
    ['2027-02-01T10:00:00Z', undefined],
  ])('when a check sent on 1 November is still unacknowledged at %s, then the reminder due is number %s (day 7, then weekly, at most 4)', async (at, number) => {
    const w = await schoolWorld();
    const check = await insertCheck(w, '2026-11-01T10:00:00Z');
    expect((await summary(w, at)).map(([, , key]) => key)).toEqual(number ? [`healthCheckUnacknowledged:${check.id}:${number}`] : []);
  });

  it.each([
    ['2026-11-25T10:00:00Z', 'feedbackDueSoon:100001-2026:1'],
    ['2026-11-30T10:00:00Z', 'feedbackDueSoon:100001-2026:1'],
    ['2026-12-02T10:00:00Z', 'feedbackOverdue:100001-2026:1'],
    ['2026-12-08T10:00:00Z', 'feedbackOverdue:100001-2026:1'],
    ['2026-12-09T10:00:00Z', 'feedbackOverdue:100001-2026:2'],
    ['2026-12-23T10:00:00Z', 'feedbackOverdue:100001-2026:4'],
    ['2026-12-30T10:00:00Z', undefined],
  ])('when feedback due on 1 December is not given by %s, then the reminder due is %s (once within the week, then overdue weekly, at most 4)', async (at, key) => {
    const w = await schoolWorld();
    await insertJudged(w, '2026-12-01');
    expect((await summary(w, at)).map(([, , k]) => k)).toEqual(key ? [key] : []);
  });

  it("when last academic year's feedback is overdue or its health check unacknowledged, then nobody is reminded of them", async () => {
    const w = await schoolWorld();
    await insertJudged(w, '2026-08-20', false, '2025/26');
    await insertCheck(w, '2026-08-25T10:00:00Z');
    expect(await summary(w, '2026-09-02T10:00:00Z')).toEqual([]);
    expect(await summary(w, '2026-11-23T10:00:00Z')).toEqual([]);
  });
});
