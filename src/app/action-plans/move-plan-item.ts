import { randomUUID } from 'node:crypto';
import { applyPlanEdit, type PlanItemKind } from '../../domain/action-plan-edits.js';
import type { Person } from '../../domain/person.js';
import { changePlan, type PlanRef, type PlanStepResult } from './change-plan.js';
import { mustEdit, type PlanDeps } from './plan-records.js';

/** Moves a priority, an action (among its priority's) or a milestone (within its action) up or down one place. */
export function movePlanItem(
  deps: PlanDeps,
  tenantId: string,
  actor: Person,
  request: PlanRef & { item: PlanItemKind; id: string; direction: 'up' | 'down' },
  idempotencyKey: string,
): Promise<PlanStepResult> {
  return changePlan(deps, tenantId, actor, request, idempotencyKey, ({ plan, school }) => {
    mustEdit(actor, plan, school);
    return applyPlanEdit(plan, { op: 'move', item: request.item, id: request.id, direction: request.direction }, randomUUID, deps.timeZone);
  });
}
