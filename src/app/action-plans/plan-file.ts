import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { ActionPlan, PlanAction, Priority } from '../../domain/action-plan.js';
import { ActionInputSchema, describeIssue, ITEM_TEXT_LABELS, MilestoneInputSchema, PlanSettingsInputSchema, PriorityInputSchema } from '../../domain/action-plan-inputs.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { CsvTable } from '../registers/csv-table.js';
import { wordedWithInput } from '../../domain/issue-wording.js';

/**
 * A plan written elsewhere, read from a file: CSV with one row per milestone, or JSON in the plan's shape. Every
 * problem is named by where it is (a row number, or the priority, action and milestone); one bad row and nothing
 * is imported.
 */

/** The plan's content as imported: what the store keeps, less what agreement and confirmation add later. */
export type ImportedPlan = Pick<ActionPlan, 'title' | 'priorities' | 'actions' | 'reviewDates'> & Partial<Pick<ActionPlan, 'monitoring' | 'startsOn' | 'endsOn'>>;

/** The CSV columns, by their names with case, spaces and punctuation ignored. */
const COLUMNS = {
  priority: ['priority'],
  action: ['action'],
  owner: ['owner'],
  ownerName: ['ownername'],
  successCriteria: ['successcriteria'],
  schoolResources: ['schoolresources', 'resources'],
  laSupport: ['lasupport'],
  target: ['milestonetarget', 'milestone', 'target'],
  due: ['due', 'duedate', 'milestonedue'],
} as const;
const REQUIRED: (keyof typeof COLUMNS)[] = ['priority', 'action', 'owner', 'ownerName', 'successCriteria', 'target', 'due'];
const squash = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

function refuse(problems: string[]): never {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new InvalidInputError(`${problems[0]}${more}. Nothing was imported.`);
}

/** Builds the plan from rows of (priority, action fields, milestone or none), in the file's order. */
class PlanBuilder {
  readonly priorities: Priority[] = [];
  readonly actions: PlanAction[] = [];

  /** The priority with this text, added when new (a priority may have no actions yet). */
  priority(text: string): Priority {
    let priority = this.priorities.find((p) => p.text === text);
    if (!priority) this.priorities.push((priority = { id: randomUUID(), text }));
    return priority;
  }

  add(priorityText: string, action: z.infer<typeof ActionInputSchema>, milestone?: z.infer<typeof MilestoneInputSchema>): void {
    const priority = this.priority(priorityText);
    // The same action on several rows (one per milestone) is one action: its first row says who owns it.
    let found = this.actions.find((a) => a.priorityId === priority.id && a.text === action.text);
    // The priority is the one the file puts the action under: a priorityId the file gives too (even empty) is not it.
    if (!found) this.actions.push((found = { id: randomUUID(), ...action, priorityId: priority.id, laSupport: action.laSupport ?? [], milestones: [] }));
    if (milestone) found.milestones.push({ id: randomUUID(), ...milestone, status: 'notStarted', queries: [] });
  }
}

/** Reads a CSV plan: one row per milestone (a row with no target and no due date is an action without one yet). */
export function planFromCsv(table: CsvTable, title = 'Action plan'): ImportedPlan {
  const column = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, names]) => [key, table.columns.find((c) => (names as readonly string[]).includes(squash(c)))]),
  ) as Record<keyof typeof COLUMNS, string | undefined>;
  const missing = REQUIRED.filter((k) => !column[k]);
  if (missing.length) throw new InvalidInputError(`The file has no "${missing[0]}" column: a plan's columns are ${Object.keys(COLUMNS).join(', ')}. Nothing was imported.`, missing[0]);
  if (table.rows.length === 0) throw new InvalidInputError('The file has no rows under its header. Nothing was imported.');
  const builder = new PlanBuilder();
  const problems: string[] = [];
  for (const { row, values } of table.rows) {
    const cell = (k: keyof typeof COLUMNS) => (column[k] ? (values[column[k]] ?? '') : '');
    const at = (issue: z.ZodIssue, label?: string) => `Row ${row}: ${describeIssue(issue, label).message.replace(/\.$/, '')}`;
    const priority = PriorityInputSchema.safeParse({ text: cell('priority') }, wordedWithInput);
    const action = ActionInputSchema.safeParse({ text: cell('action'), owner: cell('owner'), ownerName: cell('ownerName'), successCriteria: cell('successCriteria'), schoolResources: cell('schoolResources'), laSupport: cell('laSupport') }, wordedWithInput);
    const noMilestone = !cell('target').trim() && !cell('due').trim();
    const milestone = noMilestone ? undefined : MilestoneInputSchema.safeParse({ target: cell('target'), due: cell('due') }, wordedWithInput);
    if (!priority.success) problems.push(at(priority.error.issues[0]!, ITEM_TEXT_LABELS.priority));
    else if (!action.success) problems.push(at(action.error.issues[0]!, ITEM_TEXT_LABELS.action));
    else if (milestone && !milestone.success) problems.push(at(milestone.error.issues[0]!));
    else builder.add(priority.data.text, action.data, milestone?.data);
  }
  if (problems.length) refuse(problems);
  return { title, priorities: builder.priorities, actions: builder.actions, reviewDates: [] };
}

const JsonPlanSchema = z.object({
  title: z.string().optional(),
  monitoring: z.string().optional(),
  startsOn: z.string().optional(),
  endsOn: z.string().optional(),
  reviewDates: z.array(z.string()).optional(),
  priorities: z
    .array(z.object({ text: z.unknown(), actions: z.array(z.record(z.string(), z.unknown()).and(z.object({ milestones: z.array(z.record(z.string(), z.unknown())).default(() => []) }))).default(() => []) }))
    .min(1, 'a plan needs at least one priority'),
});

/** Reads a JSON plan: `{ title, monitoring, startsOn, endsOn, reviewDates, priorities: [{ text, actions: [{ …, milestones: [{ target, due }] }] }] }`. */
export function planFromJson(json: unknown): ImportedPlan {
  const shape = JsonPlanSchema.safeParse(json, wordedWithInput);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    throw new InvalidInputError(`The JSON is not a plan (${issue.path.join('.') || 'the whole file'}: ${issue.message}). Nothing was imported.`);
  }
  const plan = shape.data;
  const settings = PlanSettingsInputSchema.safeParse({ title: plan.title ?? 'Action plan', monitoring: plan.monitoring, startsOn: plan.startsOn, endsOn: plan.endsOn, reviewDates: plan.reviewDates ?? [] }, wordedWithInput);
  if (!settings.success) refuse([`The plan: ${describeIssue(settings.error.issues[0]!).message.replace(/\.$/, '')}`]);
  const builder = new PlanBuilder();
  const problems: string[] = [];
  plan.priorities.forEach((p, i) => {
    const where = `Priority ${i + 1}`;
    const priority = PriorityInputSchema.safeParse({ text: p.text }, wordedWithInput);
    if (!priority.success) return void problems.push(`${where}: ${describeIssue(priority.error.issues[0]!, ITEM_TEXT_LABELS.priority).message.replace(/\.$/, '')}`);
    builder.priority(priority.data.text);
    p.actions.forEach((a, j) => {
      const action = ActionInputSchema.safeParse(a, wordedWithInput);
      if (!action.success) return void problems.push(`${where}, action ${j + 1}: ${describeIssue(action.error.issues[0]!, ITEM_TEXT_LABELS.action).message.replace(/\.$/, '')}`);
      if (a.milestones.length === 0) builder.add(priority.data.text, action.data);
      a.milestones.forEach((m, k) => {
        const milestone = MilestoneInputSchema.safeParse(m, wordedWithInput);
        if (!milestone.success) problems.push(`${where}, action ${j + 1}, milestone ${k + 1}: ${describeIssue(milestone.error.issues[0]!).message.replace(/\.$/, '')}`);
        else builder.add(priority.data.text, action.data, milestone.data);
      });
    });
  });
  if (problems.length) refuse(problems);
  const { title, monitoring, startsOn, endsOn, reviewDates } = settings.data;
  return { title, monitoring, startsOn, endsOn, reviewDates: [...new Set(reviewDates)].sort(), priorities: builder.priorities, actions: builder.actions };
}
