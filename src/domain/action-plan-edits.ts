import { ConflictError, NotFoundError } from './errors.js';
import { shortDate } from './human-date.js';
import type { ActionPlan, Milestone, PlanAction, Priority } from './action-plan.js';
import type { ActionInput, MilestoneInput, PlanSettingsInput, PriorityInput } from './action-plan-inputs.js';
import type { Zone } from './time-zone.js';

/**
 * Changes to a plan's content (priorities, actions, milestones, its details), as pure functions: each returns the
 * changed fields and what changed in people's words ("Milestone 'Reading ages up' due date 3 Dec → 10 Dec"), which a
 * live plan keeps in its history (see `changes`).
 */

export type PlanItemKind = 'priority' | 'action' | 'milestone';
export type PlanContent = Pick<ActionPlan, 'title' | 'priorities' | 'actions' | 'monitoring' | 'startsOn' | 'endsOn' | 'reviewDates'>;

export type PlanEdit =
  | { op: 'savePriority'; id?: string; input: PriorityInput }
  | { op: 'saveAction'; id?: string; input: ActionInput }
  | { op: 'saveMilestone'; id?: string; actionId: string; input: MilestoneInput }
  | { op: 'saveSettings'; input: PlanSettingsInput }
  | { op: 'move'; item: PlanItemKind; id: string; direction: 'up' | 'down' }
  | { op: 'remove'; item: PlanItemKind; id: string };

export interface EditResult {
  patch: Partial<PlanContent>;
  what: string[];
}

/** A short quotation of what someone wrote, for a history line. */
export function quote(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `'${one.length > 60 ? `${one.slice(0, 57)}…` : one}'`;
}

const day = (d: string | undefined, timeZone: Zone) => (d ? shortDate(d, timeZone) : 'not set');
const days = (ds: readonly string[], timeZone: Zone) => (ds.length ? ds.map((d) => shortDate(d, timeZone)).join(', ') : 'none');

function swap<T>(list: readonly T[], i: number, j: number): T[] {
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

function findAction(plan: PlanContent, id: string): PlanAction {
  const action = plan.actions.find((a) => a.id === id);
  if (!action) throw new NotFoundError('That action (it may have been removed)');
  return action;
}

function findPriority(plan: PlanContent, id: string): Priority {
  const p = plan.priorities.find((x) => x.id === id);
  if (!p) throw new NotFoundError('That priority (it may have been removed)');
  return p;
}

function milestoneHome(plan: PlanContent, id: string): { action: PlanAction; milestone: Milestone } {
  for (const action of plan.actions) {
    const milestone = action.milestones.find((m) => m.id === id);
    if (milestone) return { action, milestone };
  }
  throw new NotFoundError('That milestone (it may have been removed)');
}

function savePriority(plan: PlanContent, id: string | undefined, input: PriorityInput, newId: () => string): EditResult {
  if (!id) return { patch: { priorities: [...plan.priorities, { id: newId(), text: input.text }] }, what: [`Priority added: ${quote(input.text)}`] };
  const old = findPriority(plan, id);
  if (old.text === input.text) return { patch: {}, what: [] };
  return { patch: { priorities: plan.priorities.map((p) => (p.id === id ? { ...p, text: input.text } : p)) }, what: [`Priority ${quote(old.text)} → ${quote(input.text)}`] };
}

function saveAction(plan: PlanContent, id: string | undefined, input: ActionInput, newId: () => string): EditResult {
  if (input.priorityId) findPriority(plan, input.priorityId);
  const fields = { ...input, laSupport: input.laSupport ?? [] };
  if (!id) return { patch: { actions: [...plan.actions, { id: newId(), ...fields, milestones: [] }] }, what: [`Action added: ${quote(input.text)}`] };
  const old = findAction(plan, id);
  const name = quote(old.text);
  const what: string[] = [];
  if (old.text !== fields.text) what.push(`Action ${name} → ${quote(fields.text)}`);
  if (old.priorityId !== fields.priorityId) what.push(`Action ${name} moved to priority ${fields.priorityId ? quote(findPriority(plan, fields.priorityId).text) : 'none'}`);
  if (old.owner !== fields.owner) what.push(`Action ${name} owned by ${old.owner === 'la' ? 'the LA' : 'the school'} → ${fields.owner === 'la' ? 'the LA' : 'the school'}`);
  if (old.ownerName !== fields.ownerName) what.push(`Action ${name} owner ${quote(old.ownerName)} → ${quote(fields.ownerName)}`);
  if (old.successCriteria !== fields.successCriteria) what.push(`Action ${name} success criteria changed`);
  if ((old.schoolResources ?? '') !== (fields.schoolResources ?? '')) what.push(`Action ${name} school's resources changed`);
  if (old.laSupport.join(';') !== fields.laSupport.join(';')) what.push(`Action ${name} LA support changed`);
  return { patch: { actions: plan.actions.map((a) => (a.id === id ? { ...a, ...fields } : a)) }, what };
}

function saveMilestone(plan: PlanContent, id: string | undefined, actionId: string, input: MilestoneInput, newId: () => string, timeZone: Zone): EditResult {
  const action = findAction(plan, actionId);
  const withMilestones = (milestones: Milestone[]) => ({ actions: plan.actions.map((a) => (a.id === actionId ? { ...a, milestones } : a)) });
  if (!id) {
    const added: Milestone = { id: newId(), target: input.target, due: input.due, status: 'notStarted', queries: [] };
    return { patch: withMilestones([...action.milestones, added]), what: [`Milestone added to ${quote(action.text)}: ${quote(input.target)} due ${day(input.due, timeZone)}`] };
  }
  const old = action.milestones.find((m) => m.id === id);
  if (!old) throw new NotFoundError('That milestone (it may have been removed)');
  const what: string[] = [];
  if (old.target !== input.target) what.push(`Milestone ${quote(old.target)} → ${quote(input.target)}`);
  if (old.due !== input.due) what.push(`Milestone ${quote(input.target)} due date ${day(old.due, timeZone)} → ${day(input.due, timeZone)}`);
  return { patch: withMilestones(action.milestones.map((m) => (m.id === id ? { ...m, ...input } : m))), what };
}

function saveSettings(plan: PlanContent, input: PlanSettingsInput, timeZone: Zone): EditResult {
  const what: string[] = [];
  const reviewDates = [...new Set(input.reviewDates)].sort();
  if (plan.title !== input.title) what.push(`Title ${quote(plan.title)} → ${quote(input.title)}`);
  if ((plan.monitoring ?? '') !== (input.monitoring ?? '')) what.push('Monitoring changed');
  if (plan.startsOn !== input.startsOn || plan.endsOn !== input.endsOn) {
    what.push(`Period ${day(plan.startsOn, timeZone)} – ${day(plan.endsOn, timeZone)} → ${day(input.startsOn, timeZone)} – ${day(input.endsOn, timeZone)}`);
  }
  if (plan.reviewDates.join() !== reviewDates.join()) what.push(`Review dates ${days(plan.reviewDates, timeZone)} → ${days(reviewDates, timeZone)}`);
  return { patch: { title: input.title, monitoring: input.monitoring, startsOn: input.startsOn, endsOn: input.endsOn, reviewDates }, what };
}

function move(plan: PlanContent, item: PlanItemKind, id: string, direction: 'up' | 'down'): EditResult {
  const step = direction === 'up' ? -1 : 1;
  const refuse = () => new ConflictError(`It is already ${direction === 'up' ? 'first' : 'last'}.`);
  if (item === 'priority') {
    const i = plan.priorities.findIndex((p) => p.id === id);
    const p = findPriority(plan, id);
    if (!plan.priorities[i + step]) throw refuse();
    return { patch: { priorities: swap(plan.priorities, i, i + step) }, what: [`Priority ${quote(p.text)} moved ${direction}`] };
  }
  if (item === 'action') {
    const action = findAction(plan, id);
    // Actions move among those of the same priority, as the card groups them.
    const peers = plan.actions.map((a, i) => ({ a, i })).filter(({ a }) => a.priorityId === action.priorityId);
    const at = peers.findIndex(({ a }) => a.id === id);
    const other = peers[at + step];
    if (!other) throw refuse();
    return { patch: { actions: swap(plan.actions, peers[at]!.i, other.i) }, what: [`Action ${quote(action.text)} moved ${direction}`] };
  }
  const { action, milestone } = milestoneHome(plan, id);
  const i = action.milestones.findIndex((m) => m.id === id);
  if (!action.milestones[i + step]) throw refuse();
  const milestones = swap(action.milestones, i, i + step);
  return { patch: { actions: plan.actions.map((a) => (a.id === action.id ? { ...a, milestones } : a)) }, what: [`Milestone ${quote(milestone.target)} moved ${direction}`] };
}

function remove(plan: PlanContent, item: PlanItemKind, id: string): EditResult {
  if (item === 'priority') {
    const p = findPriority(plan, id);
    // Its actions stay on the plan, under no priority, until someone places or removes them.
    const actions = plan.actions.map((a) => (a.priorityId === id ? { ...a, priorityId: undefined } : a));
    return { patch: { priorities: plan.priorities.filter((x) => x.id !== id), actions }, what: [`Priority ${quote(p.text)} removed`] };
  }
  if (item === 'action') {
    const action = findAction(plan, id);
    const also = action.milestones.length ? ` with its ${action.milestones.length === 1 ? 'milestone' : `${action.milestones.length} milestones`}` : '';
    return { patch: { actions: plan.actions.filter((a) => a.id !== id) }, what: [`Action ${quote(action.text)} removed${also}`] };
  }
  const { action, milestone } = milestoneHome(plan, id);
  const milestones = action.milestones.filter((m) => m.id !== id);
  return { patch: { actions: plan.actions.map((a) => (a.id === action.id ? { ...a, milestones } : a)) }, what: [`Milestone ${quote(milestone.target)} removed`] };
}

/** Applies one edit to the plan's content: the changed fields and what changed, in people's words (nothing when nothing did). */
export function applyPlanEdit(plan: PlanContent, edit: PlanEdit, newId: () => string, timeZone: Zone): EditResult {
  switch (edit.op) {
    case 'savePriority':
      return savePriority(plan, edit.id, edit.input, newId);
    case 'saveAction':
      return saveAction(plan, edit.id, edit.input, newId);
    case 'saveMilestone':
      return saveMilestone(plan, edit.id, edit.actionId, edit.input, newId, timeZone);
    case 'saveSettings':
      return saveSettings(plan, edit.input, timeZone);
    case 'move':
      return move(plan, edit.item, edit.id, edit.direction);
    case 'remove':
      return remove(plan, edit.item, edit.id);
  }
}
