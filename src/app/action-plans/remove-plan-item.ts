import { randomUUID } from 'node:crypto';
import { applyPlanEdit, type PlanItemKind } from '../../domain/action-plan-edits.js';
import type { Person } from '../../domain/person.js';
import { changePlan, type PlanRef, type PlanStepResult } from './change-plan.js';
import { mustEdit, type PlanDeps } from './plan-records.js';

/** Removes a priority (its actions stay, under no priority), an action with its milestones, or a milestone. */
export function removePlanItem(deps: PlanDeps, tenantId: string, actor: Person, request: PlanRef & { item: PlanItemKind; id: string }, idempotencyKey: string): Promise<PlanStepResult> {
  return changePlan(deps, tenantId, actor, request, idempotencyKey, ({ plan, school }) => {
    mustEdit(actor, plan, school);
    return applyPlanEdit(plan, { op: 'remove', item: request.item, id: request.id }, randomUUID, deps.timeZone);
  });
}
