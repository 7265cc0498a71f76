import { describe, expect, it } from '@jest/globals';
import { milestoneChanges, type ActionPlan, type Milestone } from '../../src/domain/action-plan.js';
import { lastWeekdayOf, reminderStage, termForSummary, termSummaryOf } from '../../src/domain/milestone-steps.js';
import { isWorkingTime } from '../../src/domain/working-hours.js';

const milestone = (id: string, due: string, extra: Partial<Milestone> = {}): Milestone => ({ id, target: `Target ${id}`, due, status: 'notStarted', queries: [], ...extra });
const plan = (urn: string, milestones: Milestone[], extra: Partial<ActionPlan> = {}) =>
  ({ id: `plan-${urn}`, urn, kind: 'school', status: 'live', title: 'Reading', actions: [{ id: 'a', text: 'Phonics', owner: 'school', ownerName: 'Deputy', successCriteria: '80% pass', laSupport: [], milestones }], ...extra }) as unknown as ActionPlan;
const met = (at: string) => ({ status: 'met' as const, confirmation: { outcome: 'met' as const, evidence: 'Seen', by: 'head', at } });

describe('reminder stages', () => {
  it.each([
    ['2026-11-22', undefined],
    ['2026-11-23', 'dueSoon'],
    ['2026-12-06', 'dueSoon'],
    ['2026-12-07', 'dueToday'],
    ['2026-12-08', 'overdue'],
    ['2026-12-21', 'overdue'],
    ['2026-12-22', undefined],
  ])('on %s a milestone due on 7 December is at stage %s', (today, stage) => {
    expect(reminderStage(milestone('m', '2026-12-07'), today)).toBe(stage);
  });
  it('a confirmed milestone has no stage', () => {
    expect(reminderStage(milestone('m', '2026-12-07', met('2026-12-01T10:00:00Z')), '2026-12-07')).toBeUndefined();
  });
});

describe('working hours', () => {
  it('are weekdays from 08:00 to 18:00 on the organisation’s clock', () => {
    expect(isWorkingTime(new Date('2026-11-23T08:00:00Z'), 'Europe/London')).toBe(true);
    expect(isWorkingTime(new Date('2026-11-23T07:59:00Z'), 'Europe/London')).toBe(false);
    expect(isWorkingTime(new Date('2026-11-23T18:00:00Z'), 'Europe/London')).toBe(false);
    expect(isWorkingTime(new Date('2026-11-28T10:00:00Z'), 'Europe/London')).toBe(false);
    // 07:30 UTC in June is 08:30 in London.
    expect(isWorkingTime(new Date('2027-06-14T07:30:00Z'), 'Europe/London')).toBe(true);
  });
});

describe('the termly evaluation', () => {
  it('is due from the last weekday of a term, and for three weeks after its end', () => {
    expect(lastWeekdayOf({ end: '2027-03-27' })).toBe('2027-03-26');
    expect(termForSummary('2026-12-30')).toBeUndefined();
    expect(termForSummary('2026-12-31')).toMatchObject({ name: 'autumn', academicYear: '2026/27' });
    expect(termForSummary('2027-01-21')).toMatchObject({ name: 'autumn' });
    expect(termForSummary('2027-01-22')).toBeUndefined();
    expect(termForSummary('2027-03-26')).toMatchObject({ name: 'spring' });
  });

  it('counts the milestones due in the term met, partly met and missed, and lists the success criteria', () => {
    const p = plan('100001', [
      milestone('a', '2026-10-01', met('2026-10-01T10:00:00Z')),
      milestone('b', '2026-11-01', { status: 'partlyMet' }),
      milestone('c', '2026-11-15', { status: 'notMet' }),
      milestone('d', '2026-12-01', { status: 'inProgress' }),
      milestone('e', '2027-02-01'),
    ]);
    expect(termSummaryOf(p, { start: '2026-09-01', end: '2026-12-31' }, '2026-12-31')).toMatchObject({
      met: 1,
      partlyMet: 1,
      missed: 2,
      open: 0,
      successCriteria: [{ action: 'Phonics', criteria: '80% pass' }],
    });
  });
});

describe('milestone changes for the digests', () => {
  const period = { from: '2026-11-09T00:00:00Z', to: '2026-11-23T08:00:00Z', toDate: '2026-11-23' };

  it('gives the milestones of school plans confirmed in the period and those overdue at its end, never an individual plan or a draft', () => {
    const plans = [
      plan('100002', [milestone('x', '2026-11-01'), milestone('y', '2026-11-20', met('2026-11-19T10:00:00Z')), milestone('z', '2026-11-10', met('2026-11-02T10:00:00Z'))]),
      plan('100001', [milestone('p', '2026-11-15'), milestone('q', '2026-12-15')]),
      plan('100003', [milestone('s', '2026-11-01')], { kind: 'individual' } as Partial<ActionPlan>),
      plan('100004', [milestone('t', '2026-11-01')], { status: 'draft' } as Partial<ActionPlan>),
      plan('100005', [milestone('u', '2026-12-15')]),
    ];
    const changes = milestoneChanges(plans, period, period.to);
    expect(changes.map((c) => [c.urn, c.milestoneId, c.state])).toEqual([
      ['100001', 'p', 'overdue'],
      ['100002', 'x', 'overdue'],
      ['100002', 'y', 'met'],
    ]);
  });

  it('when a milestone overdue at the end of the period is confirmed later, then read now it shows confirmed, and read at the end still overdue', () => {
    const plans = [plan('100001', [milestone('p', '2026-11-15', met('2026-11-25T10:00:00Z'))])];
    expect(milestoneChanges(plans, period, period.to)).toEqual([expect.objectContaining({ milestoneId: 'p', state: 'overdue' })]);
    expect(milestoneChanges(plans, period, '2026-11-26T09:00:00Z')).toEqual([expect.objectContaining({ milestoneId: 'p', state: 'met', confirmedAt: '2026-11-25T10:00:00Z' })]);
  });
});
