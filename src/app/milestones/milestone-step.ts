import { mayReadPlan } from '../../domain/action-plan.js';
import { NotAllowedError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import { applyMilestoneStep, type MilestoneStep } from '../../domain/milestone-steps.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf, linkOfficerOf } from '../../domain/school-roles.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { queuedStanding } from '../delivery/enqueue.js';
import { toldOf, type Told } from '../notices/told.js';
import { milestoneOn, milestoneView, milestoneContext, PLAN_NOT_READABLE, type MilestoneView } from './milestone-view.js';
import { queueMilestoneNotice } from './milestone-notice.js';

/** The result of a step: the milestone as the actor now sees it, and how the other party is being told. */
export interface MilestoneStepResult {
  view: MilestoneView;
  told?: Told;
  /** The notices recorded with the step, for the caller to send once it has answered (a press never waits on them). */
  outboxIds: string[];
}

export interface MilestoneStepRequest {
  planId: string;
  milestoneId: string;
  /** The milestone's revision the actor's card showed: a press on an older card is refused as stale. */
  expectedRevision: number;
  step: MilestoneStep;
}

const NOBODY: Partial<Record<MilestoneStep['kind'], string>> = {
  confirm: 'No link officer is registered for this school, so nobody was told. An administrator can add one.',
  query: 'No headteacher is registered for this school, so nobody was told.',
};

/**
 * One step on a milestone of a live plan (rules in applyMilestoneStep): in progress, a confirmation with evidence, the
 * link officer's query, the headteacher's answer. The plan is written in one unit with the notice to the other party
 * (a confirmation and an answer to the link officer, a query to the headteacher), which the caller sends after it has
 * answered. Each step is recorded in the plan's history of changes, as an edit to a live plan is. Idempotent by the caller's key: the same press twice stores one step and tells them once.
 */
export async function takeMilestoneStep(deps: DeliveryDeps, tenantId: string, actor: Person, request: MilestoneStepRequest, idempotencyKey: string): Promise<MilestoneStepResult> {
  const now = deps.clock.now();
  const { value, replayed } = await deps.store.transact(
    async (tx) => {
      const plan = await tx.get('actionPlans', tenantId, request.planId);
      if (!plan) throw new NotFoundError('This action plan');
      const current = milestoneOn(plan, request.milestoneId).milestone;
      if ((current.revision ?? 0) !== request.expectedRevision) throw new StaleWriteError('actionPlans', plan.id, request.expectedRevision, current.revision ?? 0);
      const school = (await tx.find('schools', tenantId, { urn: plan.urn }))[0];
      if (!school) throw new NotFoundError(`The school ${plan.urn}`);
      const people = await tx.find('people', tenantId);
      const { actions, milestone, what } = applyMilestoneStep(plan, request.milestoneId, request.step, actor, school, people, now.toISOString());
      // Nothing is stored for someone who may not read the plan (a delegate named on an individual plan, say).
      if (!mayReadPlan(actor, plan, school)) throw new NotAllowedError(PLAN_NOT_READABLE);
      // A step changes the live plan: its history (version, who, when, what) says so, as for an edit.
      const changes = [...plan.changes, { version: plan.version + 1, by: actor.id, at: now.toISOString(), what: [what] }];
      const updated = await tx.update('actionPlans', tenantId, plan.id, plan.version, { actions, changes }, { action: `milestone.${request.step.kind}` });
      const tell = (to: Person | undefined, ask: 'confirmed' | 'queried' | 'answered') =>
        to ? queueMilestoneNotice(tx, tenantId, { plan: updated, milestone, schoolName: school.name, to, requestedBy: actor.id, ask }, now).then((id) => [id]) : Promise.resolve([]);
      const kind = request.step.kind;
      const asker = kind === 'answer' ? people.find((p) => p.id === milestone.queries.at(-1)?.by) : undefined;
      const outboxIds =
        kind === 'confirm' ? await tell(linkOfficerOf(school, people), 'confirmed') : kind === 'query' ? await tell(headteacherOf(school, people), 'queried') : kind === 'answer' ? await tell(asker, 'answered') : [];
      return { outboxIds };
    },
    { actor: actor.id, idempotencyKey },
  );
  const plan = (await deps.store.get('actionPlans', tenantId, request.planId))!;
  const view = milestoneView(plan, request.milestoneId, await milestoneContext(deps.store, tenantId, plan.urn), actor, now, deps.timeZone);
  const [standing] = await queuedStanding(deps, tenantId, value.outboxIds);
  const nobody = NOBODY[request.step.kind];
  const told: Told | undefined = standing ? toldOf(standing) : replayed || !nobody ? undefined : { name: 'nobody', notice: 'none', problem: nobody };
  return { view, ...(told ? { told } : {}), outboxIds: value.outboxIds };
}
