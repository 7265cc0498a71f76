import type { ActionPlan, Milestone } from '../../src/domain/action-plan.js';
import type { NewRecord } from '../../src/domain/record.js';
import type { School } from '../../src/domain/school.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { TEST_TENANT_ID } from './builders.js';

export type NewActionPlan = NewRecord<ActionPlan>;

/** A milestone due on a day, not started unless told, with a target in the plan's words. */
export const aMilestone = (id: string, due: string, overrides: Partial<Milestone> = {}): Milestone => ({
  id,
  target: `Target ${id}: every Year 1 teacher trained in phonics`,
  due,
  status: 'notStarted',
  queries: [],
  ...overrides,
});

/**
 * A live school action plan for the school, agreed by both sides, as `plan` would leave it: one school-owned action
 * (phonics) holding the given milestones, with its success criteria. Overrides for what the test is about.
 */
export function aLivePlan(school: Pick<School, 'urn'>, milestones: Milestone[], overrides: Partial<NewActionPlan> = {}): NewActionPlan {
  return {
    id: `plan-${school.urn}`,
    urn: school.urn,
    kind: 'school',
    title: 'Raising attainment in reading',
    status: 'live',
    createdBy: 'person-olivia.officer',
    priorities: [{ id: 'p1', text: 'Reading in Key Stage 1' }],
    actions: [
      {
        id: 'a1',
        priorityId: 'p1',
        text: 'Daily systematic phonics in Reception and Year 1',
        owner: 'school',
        ownerName: 'Deputy head',
        successCriteria: 'At least 80% of Year 1 meet the expected standard in the phonics check',
        laSupport: ['pupilTracking'],
        milestones,
      },
    ],
    startsOn: '2026-09-14',
    endsOn: '2027-01-14',
    reviewDates: [],
    agreement: { governingBodyMetOn: '2026-09-10', laAgreedBy: 'person-olivia.officer', laAgreedAt: '2026-09-14T10:00:00Z' },
    delegateIds: [],
    changes: [],
    ...overrides,
  };
}

/** Stores plans as they would be once live (as `test`). */
export async function storePlans(store: Store, ...plans: NewActionPlan[]): Promise<void> {
  await store.transact(
    async (tx) => {
      for (const plan of plans) await tx.insert('actionPlans', TEST_TENANT_ID, plan);
    },
    { actor: 'test' },
  );
}
