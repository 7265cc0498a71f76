import { mayEditPlan, mayReadPlan, type ActionPlan } from '../../domain/action-plan.js';
import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { DeliveryDeps } from '../delivery/delivery-deps.js';
import type { StoreReader } from '../ports/store.port.js';
import { planView, type PlanView } from './plan-view.js';

/** What the action-plan use cases need: the store, the clock and the time zone, and delivery for the agreement notices. */
export type PlanDeps = DeliveryDeps;

/** The school's plans that are not closed: its one school plan (draft or live) and any individual staff support plans. */
export async function currentPlans(store: StoreReader, tenantId: string, urn: string): Promise<ActionPlan[]> {
  return (await store.find('actionPlans', tenantId, { urn })).filter((p) => p.status !== 'closed');
}

export async function schoolOf(store: StoreReader, tenantId: string, urn: string): Promise<School> {
  const school = (await store.find('schools', tenantId, { urn }))[0];
  if (!school) throw new NotFoundError(`The school ${urn}`);
  return school;
}

/** Refuses, with nothing read out, anyone who may not read the plan (an individual plan: its headteacher and officer alone). */
export function mustRead(person: Person, plan: ActionPlan, school: School): void {
  if (mayReadPlan(person, plan, school)) return;
  throw new NotAllowedError(
    plan.kind === 'individual'
      ? "An individual staff support plan is read only by the school's headteacher and the officer who wrote it with them."
      : "Only the LA's officers, the school's headteacher and the delegates they name can see this action plan.",
  );
}

/** Refuses anyone who may not change the plan: the school's headteacher and the officers build it, no one else. */
export function mustEdit(person: Person, plan: ActionPlan, school: School): void {
  mustRead(person, plan, school);
  if (!mayEditPlan(person, school)) throw new NotAllowedError("Only the school's headteacher and the LA's officers change an action plan.");
  if (plan.status === 'closed') throw new NotAllowedError('This plan is closed: it can be read but no longer changed.');
}

/** The plan with its school, for one reader (refused as `mustRead` says), as they see it. */
export async function viewPlanFor(deps: Pick<PlanDeps, 'store' | 'clock' | 'timeZone'>, tenantId: string, person: Person, planId: string): Promise<PlanView> {
  const plan = await deps.store.get('actionPlans', tenantId, planId);
  if (!plan) throw new NotFoundError('This action plan');
  const school = await schoolOf(deps.store, tenantId, plan.urn);
  mustRead(person, plan, school);
  return planView(plan, school, person, await deps.store.find('people', tenantId), deps.clock.now(), deps.timeZone);
}

/** The plan for someone about to change it (refused as `mustEdit` says; delegates are named by the headteacher alone). */
export async function viewPlanForEditing(deps: Pick<PlanDeps, 'store' | 'clock' | 'timeZone'>, tenantId: string, person: Person, planId: string, delegates = false): Promise<PlanView> {
  const plan = await deps.store.get('actionPlans', tenantId, planId);
  if (!plan) throw new NotFoundError('This action plan');
  const school = await schoolOf(deps.store, tenantId, plan.urn);
  mustEdit(person, plan, school);
  if (delegates && !isSchoolHeadteacher(person, school)) throw new NotAllowedError(`Only the headteacher of ${school.name} names delegates.`);
  return planView(plan, school, person, await deps.store.find('people', tenantId), deps.clock.now(), deps.timeZone);
}
