import { z } from 'zod/v4';
import { mayEditPlan, PLAN_TEXT_LIMITS, PlanKindSchema } from '../../domain/action-plan.js';
import { parsePlanInput } from '../../domain/action-plan-inputs.js';
import { ConflictError, NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { currentPlans, schoolOf, viewPlanFor, type PlanDeps } from './plan-records.js';
import type { PlanView } from './plan-view.js';

const StartInputSchema = z.object({
  kind: PlanKindSchema,
  title: z.string().trim().max(PLAN_TEXT_LIMITS.title, `at most ${PLAN_TEXT_LIMITS.title} characters`).optional().transform((v) => v || undefined).optional(),
});

/** What the start card sends: which kind of plan and, optionally, its title. */
export interface StartPlanRequest {
  urn: string;
  kind: string;
  title?: string;
}

/**
 * The headteacher or an officer starts a draft plan for the school: its one action plan (refused while one is
 * current), or an individual staff support plan (kept apart: the officer who starts it is its officer).
 */
export async function startPlan(deps: PlanDeps, tenantId: string, actor: Person, request: StartPlanRequest, idempotencyKey: string): Promise<PlanView> {
  const input = parsePlanInput(StartInputSchema, request);
  const { value } = await deps.store.transact(
    async (tx) => {
      const school = await schoolOf(tx, tenantId, request.urn);
      if (!mayEditPlan(actor, school)) throw new NotAllowedError(`Only the headteacher of ${school.name} and the LA's officers start its action plans.`);
      if (input.kind === 'school' && (await currentPlans(tx, tenantId, school.urn)).some((p) => p.kind === 'school')) {
        throw new ConflictError(`${school.name} already has an action plan: type plan ${school.urn} to see it.`);
      }
      const plan = await tx.insert(
        'actionPlans',
        tenantId,
        {
          urn: school.urn,
          kind: input.kind,
          title: input.title ?? (input.kind === 'school' ? 'Action plan' : 'Individual staff support plan'),
          status: 'draft',
          createdBy: actor.id,
          ...(input.kind === 'individual' && isOfficer(actor) ? { officerId: actor.id } : {}),
          priorities: [],
          actions: [],
          reviewDates: [],
          agreement: {},
          delegateIds: [],
          changes: [],
        },
        { action: 'actionPlan.started' },
      );
      return plan.id;
    },
    { actor: actor.id, idempotencyKey, serializable: true },
  );
  return viewPlanFor(deps, tenantId, actor, value);
}
