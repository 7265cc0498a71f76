import { planPeriod, type ActionPlan, type Milestone, type PlanAction, type Priority } from '../../src/domain/action-plan.js';
import type { NewRecord } from '../../src/domain/record.js';
import type { School } from '../../src/domain/school.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { TEST_TENANT_ID } from './builders.js';

/**
 * Action plans for tests, one set for every suite: `anActionPlan` (a draft), `aLivePlan` (both sides agreed),
 * `oneActionWith` (a plan whose single school action holds the milestones a test is about) and `storePlans`.
 */
export type NewActionPlan = NewRecord<ActionPlan>;

/** A milestone not yet started; pass the target and due date the test is about. */
export function aMilestone(id: string, overrides: Partial<Milestone> = {}): Milestone {
  return { id, target: 'Reading ages up by six months for the Year 4 target group', due: '2027-01-15', status: 'notStarted', queries: [], ...overrides };
}

/** An action owned by the school, with a named owner, success criteria, resources and one milestone. */
export function aPlanAction(id: string, overrides: Partial<PlanAction> = {}): PlanAction {
  return {
    id,
    priorityId: 'priority-1',
    text: 'Daily phonics catch-up for the Year 4 target group',
    owner: 'school',
    ownerName: 'Priya Patel (English lead)',
    successCriteria: 'Four in five of the group read at their age by the end of the plan',
    schoolResources: 'Two teaching assistants, 30 minutes a day',
    laSupport: [],
    milestones: [aMilestone(`${id}-m1`)],
    ...overrides,
  };
}

export const aPriority = (id = 'priority-1', text = 'Raise attainment in reading at Key Stage 2'): Priority => ({ id, text });

/** Overrides for a plan with one school action (`action-1`) holding just these milestones. */
export const oneActionWith = (...milestones: Milestone[]): Pick<NewActionPlan, 'actions'> => ({ actions: [aPlanAction('action-1', { milestones })] });

/**
 * A draft school action plan for the school: one priority, a school action with one milestone and an LA action
 * (officer time, with a milestone of its own). Pass overrides for what the test is about; `aLivePlan` for one both
 * sides have agreed.
 */
export function anActionPlan(school: Pick<School, 'urn'>, overrides: Partial<NewActionPlan> = {}): NewActionPlan {
  return {
    id: `plan-${school.urn}`,
    urn: school.urn,
    kind: 'school',
    title: 'Action plan',
    status: 'draft',
    createdBy: 'person-olivia.officer',
    priorities: [aPriority()],
    actions: [
      aPlanAction('action-1'),
      aPlanAction('action-2', {
        text: 'Moderate reading assessments with a partner school',
        owner: 'la',
        ownerName: 'Olivia Officer',
        successCriteria: 'Teacher assessment agrees with the partner school in every sampled case',
        schoolResources: undefined,
        laSupport: ['officerTime', 'partnerSchool'],
        milestones: [aMilestone('action-2-m1', { target: 'Joint moderation held', due: '2027-02-05' })],
      }),
    ],
    monitoring: 'Headteacher and link officer review progress at each strategy meeting',
    reviewDates: ['2027-02-26'],
    agreement: {},
    delegateIds: [],
    changes: [],
    ...overrides,
  } as NewActionPlan;
}

/** A plan both sides agreed on `agreedOn` (governing body and LA), live from that day for four months. */
export function aLivePlan(school: Pick<School, 'urn'>, overrides: Partial<NewActionPlan> = {}, agreedOn = '2026-11-20'): NewActionPlan {
  return anActionPlan(school, {
    status: 'live',
    ...planPeriod({}, agreedOn),
    agreement: {
      governingBodyMetOn: agreedOn,
      governingBodyRecordedBy: 'person-hannah.head',
      governingBodyRecordedAt: `${agreedOn}T16:00:00Z`,
      laAgreedBy: 'person-olivia.officer',
      laAgreedAt: `${agreedOn}T17:00:00Z`,
    },
    ...overrides,
  });
}

/** Stores the plans as they are (the audit's actor: `test`). */
export async function storePlans(store: Store, ...plans: NewActionPlan[]): Promise<void> {
  await store.transact(
    async (tx) => {
      for (const plan of plans) await tx.insert('actionPlans', TEST_TENANT_ID, plan);
    },
    { actor: 'test' },
  );
}
