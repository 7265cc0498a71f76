import { describe, expect, it } from '@jest/globals';
import {
  ActionPlanSchema,
  ConfirmationSchema,
  isFullyAgreed,
  mayConfirmMilestones,
  mayEditPlan,
  mayReadPlan,
  milestoneStanding,
  milestonesOf,
  planPeriod,
  planRag,
  type Milestone,
  type PlanAction,
} from '../../src/domain/action-plan.js';

const school = { urn: '100001', headteacherEmail: 'head@oak.sch.uk', linkOfficerEmail: 'link@la.gov.uk' };
const person = (id: string, roles: string[], extra: Partial<{ email: string; schools: string[] }> = {}) =>
  ({ id, roles, schools: extra.schools ?? [], email: extra.email ?? `${id}@example.org` }) as never;
const head = person('head', ['headteacher'], { schools: ['100001'], email: 'head@oak.sch.uk' });
const otherHead = person('other', ['headteacher'], { schools: ['100002'] });
const officer = person('officer', ['officer']);
const link = person('link', ['officer'], { email: 'link@la.gov.uk' });
const deputy = person('deputy', ['governor']);

const milestone = (due: string, status: Milestone['status'] = 'notStarted'): Milestone => ({ id: due + status, target: 'Reading ages up', due, status, queries: [] });
const action = (...milestones: Milestone[]): PlanAction => ({ id: 'a', text: 'Phonics', owner: 'school', ownerName: 'Deputy head', successCriteria: 'All Y1 pass', laSupport: [], milestones });

describe('milestones', () => {
  it('are due soon within 14 days, due today on the day, overdue after it, and neither once confirmed', () => {
    expect(milestoneStanding(milestone('2026-12-20'), '2026-12-03')).toBe('upcoming');
    expect(milestoneStanding(milestone('2026-12-17'), '2026-12-03')).toBe('dueSoon');
    expect(milestoneStanding(milestone('2026-12-03'), '2026-12-03')).toBe('dueToday');
    expect(milestoneStanding(milestone('2026-12-02', 'inProgress'), '2026-12-03')).toBe('overdue');
    expect(milestoneStanding(milestone('2026-12-02', 'partlyMet'), '2026-12-03')).toBe('confirmed');
  });

  it('need evidence when met or partly met, and not when not met', () => {
    const base = { by: 'head', at: '2026-12-03T10:00:00Z' };
    expect(ConfirmationSchema.safeParse({ ...base, outcome: 'met' }).success).toBe(false);
    expect(ConfirmationSchema.safeParse({ ...base, outcome: 'partlyMet', evidence: '  ' }).success).toBe(false);
    expect(ConfirmationSchema.safeParse({ ...base, outcome: 'met', evidence: 'Test results' }).success).toBe(true);
    expect(ConfirmationSchema.safeParse({ ...base, outcome: 'notMet' }).success).toBe(true);
  });

  it('are listed soonest first across the actions', () => {
    const plan = { actions: [action(milestone('2027-01-10')), { ...action(milestone('2026-12-10')), id: 'b' }] };
    expect(milestonesOf(plan).map((m) => m.milestone.due)).toEqual(['2026-12-10', '2027-01-10']);
  });
});

describe('the plan RAG', () => {
  const today = '2026-12-03';
  it('is red when any milestone is not met or overdue', () => {
    expect(planRag({ actions: [action(milestone('2026-11-01', 'met'), milestone('2026-11-20', 'notMet'))] }, today)).toBe('red');
    expect(planRag({ actions: [action(milestone('2026-12-01', 'inProgress'))] }, today)).toBe('red');
  });
  it('is amber when one is partly met, or due soon and not started', () => {
    expect(planRag({ actions: [action(milestone('2026-11-01', 'partlyMet'))] }, today)).toBe('amber');
    expect(planRag({ actions: [action(milestone('2026-12-10'))] }, today)).toBe('amber');
    expect(planRag({ actions: [action()] }, today)).toBe('amber');
  });
  it('is green when every milestone is met or on track', () => {
    expect(planRag({ actions: [action(milestone('2026-11-01', 'met'), milestone('2026-12-10', 'inProgress'), milestone('2027-02-01'))] }, today)).toBe('green');
  });
});

describe('agreement and period', () => {
  it('needs both the governing body and the LA', () => {
    expect(isFullyAgreed({ governingBodyMetOn: '2026-12-01' })).toBe(false);
    expect(isFullyAgreed({ laAgreedBy: 'link' })).toBe(false);
    expect(isFullyAgreed({ governingBodyMetOn: '2026-12-01', laAgreedBy: 'link' })).toBe(true);
  });
  it('runs four months from agreement unless the plan gives its dates', () => {
    expect(planPeriod({}, '2026-12-03')).toEqual({ startsOn: '2026-12-03', endsOn: '2027-04-03' });
    expect(planPeriod({ startsOn: '2027-01-04', endsOn: '2027-03-31' }, '2026-12-03')).toEqual({ startsOn: '2027-01-04', endsOn: '2027-03-31' });
  });
});

describe('who may do what', () => {
  const live = { status: 'live' as const, delegateIds: ['deputy'] };
  it('only the school headteacher or their delegate confirms, and only on a live plan', () => {
    expect(mayConfirmMilestones(head, live, school)).toBe(true);
    expect(mayConfirmMilestones(deputy, live, school)).toBe(true);
    expect(mayConfirmMilestones(otherHead, live, school)).toBe(false);
    expect(mayConfirmMilestones(officer, live, school)).toBe(false);
    expect(mayConfirmMilestones(head, { ...live, status: 'draft' }, school)).toBe(false);
  });
  it('officers and the school headteacher build the plan; nobody else', () => {
    expect(mayEditPlan(officer, school)).toBe(true);
    expect(mayEditPlan(head, school)).toBe(true);
    expect(mayEditPlan(otherHead, school)).toBe(false);
    expect(mayEditPlan(deputy, school)).toBe(false);
  });
  it('an individual staff support plan is read only by the headteacher and its officer', () => {
    const individual = { kind: 'individual' as const, officerId: 'officer', createdBy: 'officer', delegateIds: ['deputy'] };
    expect(mayReadPlan(head, individual, school)).toBe(true);
    expect(mayReadPlan(officer, individual, school)).toBe(true);
    expect(mayReadPlan(link, individual, school)).toBe(true);
    expect(mayReadPlan(person('sit', ['sit']), individual, school)).toBe(false);
    expect(mayReadPlan(deputy, individual, school)).toBe(false);
    expect(mayReadPlan(deputy, { ...individual, kind: 'school' }, school)).toBe(true);
    expect(mayReadPlan(otherHead, { ...individual, kind: 'school' }, school)).toBe(false);
  });
});

it('a stored plan fills its lists when they are left out', () => {
  const parsed = ActionPlanSchema.parse({ id: 'p', tenantId: 't', version: 1, createdAt: '2026-12-03T10:00:00Z', updatedAt: '2026-12-03T10:00:00Z', urn: '100001', kind: 'school', title: 'Plan', status: 'draft', createdBy: 'officer' });
  expect(parsed).toMatchObject({ priorities: [], actions: [], reviewDates: [], agreement: {}, delegateIds: [], changes: [] });
});
