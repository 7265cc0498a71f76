import { randomUUID } from 'node:crypto';
import { applyPlanEdit, type PlanEdit } from '../../domain/action-plan-edits.js';
import { ActionInputSchema, ITEM_TEXT_LABELS, MilestoneInputSchema, parsePlanInput, PlanSettingsInputSchema, PriorityInputSchema } from '../../domain/action-plan-inputs.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { changePlan, type PlanRef, type PlanStepResult } from './change-plan.js';
import { mustEdit, type PlanDeps } from './plan-records.js';

/** The parts of a plan edited on its card's form. */
export type PlanFormKind = 'priority' | 'action' | 'milestone' | 'settings';

/** What the form sent: which part (an id to edit one, none to add), the action a new milestone goes under, and what was typed. */
export interface SavePlanItemRequest extends PlanRef {
  item: PlanFormKind;
  id?: string;
  actionId?: string;
  typed: Record<string, string | undefined>;
}

/** What was typed as the part's edit, checked box by box (a problem names the box by its label). */
export function editOf(request: Pick<SavePlanItemRequest, 'item' | 'id' | 'actionId' | 'typed'>): PlanEdit {
  const { item, id, typed } = request;
  switch (item) {
    case 'priority':
      return { op: 'savePriority', id, input: parsePlanInput(PriorityInputSchema, typed, ITEM_TEXT_LABELS.priority) };
    case 'action':
      return { op: 'saveAction', id, input: parsePlanInput(ActionInputSchema, typed, ITEM_TEXT_LABELS.action) };
    case 'milestone':
      if (!request.actionId) throw new InvalidInputError('This card is out of date: type plan ‹school› to get a fresh one.', 'actionId');
      return { op: 'saveMilestone', id, actionId: request.actionId, input: parsePlanInput(MilestoneInputSchema, typed) };
    case 'settings': {
      const reviewDates = Object.entries(typed)
        .filter(([k, v]) => k.startsWith('reviewDate') && v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, v]) => v!);
      return { op: 'saveSettings', input: parsePlanInput(PlanSettingsInputSchema, { ...typed, reviewDates }) };
    }
  }
}

/** The headteacher or an officer adds or changes a priority, an action, a milestone or the plan's details. */
export async function savePlanItem(deps: PlanDeps, tenantId: string, actor: Person, request: SavePlanItemRequest, idempotencyKey: string): Promise<PlanStepResult> {
  const edit = editOf(request);
  return changePlan(deps, tenantId, actor, request, idempotencyKey, ({ plan, school }) => {
    mustEdit(actor, plan, school);
    return applyPlanEdit(plan, edit, randomUUID, deps.timeZone);
  });
}
