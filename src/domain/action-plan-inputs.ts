import { z } from 'zod/v4';
import { InvalidInputError } from './errors.js';
import { IsoDateSchema } from './iso-date.js';
import { ActionOwnerSchema, LA_SUPPORT_KINDS, LaSupportKindSchema, PLAN_TEXT_LIMITS, type LaSupportKind } from './action-plan.js';
import { wordedWithInput } from './issue-wording.js';

/**
 * What a person types for each part of an action plan (on a card, or in an imported file), with the label each box
 * has, so a problem names the box as the person sees it ("Due date: give a date …") and never a field id.
 */

const text = (max: number) => z.string().trim().min(1, 'fill this in').max(max, `at most ${max.toLocaleString('en-GB')} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max.toLocaleString('en-GB')} characters`)
    .optional()
    .transform((v) => v || undefined).optional();

/** A day as people write it: YYYY-MM-DD (what a date box sends) or DD/MM/YYYY (what a spreadsheet shows). */
export const TypedDateSchema = z
  .string()
  .trim()
  .transform((v) => {
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : v;
  })
  .pipe(IsoDateSchema.refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), 'not a real date'))
  .describe('date');

function kindOf(typed: string): LaSupportKind | undefined {
  const lower = typed.toLowerCase();
  return LaSupportKindSchema.options.find((k) => k.toLowerCase() === lower || LA_SUPPORT_KINDS[k].toLowerCase() === lower);
}

/** LA support as typed: keys (`officerTime`) or the words (`Additional school officer time`), `;`- or `,`-separated. */
export const LaSupportListSchema = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v, ctx) => {
    // `;` separates kinds; a card's multi-select sends keys separated by `,` (one kind's words hold a comma in
    // brackets, so a part is first tried whole, and a comma in brackets never separates).
    const parts = (Array.isArray(v) ? v : (v ?? '').split(';')).map((p) => p.trim()).filter(Boolean);
    const kinds: LaSupportKind[] = [];
    for (const part of parts) {
      for (const piece of kindOf(part) ? [part] : part.split(/,(?![^()]*\))/).map((x) => x.trim()).filter(Boolean)) {
        const kind = kindOf(piece);
        if (!kind) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${piece}" is not one of the nine kinds of LA support` });
          return z.NEVER;
        }
        if (!kinds.includes(kind)) kinds.push(kind);
      }
    }
    return kinds;
  });

/**
 * A date that may be left empty: nothing typed is no date; anything else (spaces too) must be a date. What is wrong
 * with a typed date is told as the date box tells it (zod 4 reports a union whose every side failed as one
 * "invalid input", so an empty string is let through before the date is read instead).
 */
const optionalDate = z
  .string()
  .optional()
  .transform((v) => v || undefined)
  .pipe(TypedDateSchema.optional())
  .optional();

export const PriorityInputSchema = z.object({ text: text(PLAN_TEXT_LIMITS.priority) });
export const ActionInputSchema = z.object({
  priorityId: z.string().trim().optional().transform((v) => v || undefined).optional(),
  text: text(PLAN_TEXT_LIMITS.action),
  owner: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), ActionOwnerSchema),
  ownerName: text(PLAN_TEXT_LIMITS.ownerName),
  successCriteria: text(PLAN_TEXT_LIMITS.successCriteria),
  schoolResources: optionalText(PLAN_TEXT_LIMITS.resources),
  laSupport: LaSupportListSchema,
});
export const MilestoneInputSchema = z.object({ target: text(PLAN_TEXT_LIMITS.target), due: TypedDateSchema });
export const PlanSettingsInputSchema = z
  .object({
    title: text(PLAN_TEXT_LIMITS.title),
    monitoring: optionalText(PLAN_TEXT_LIMITS.monitoring),
    startsOn: optionalDate,
    endsOn: optionalDate,
    reviewDates: z.array(TypedDateSchema).default(() => []),
  })
  .refine((s) => !s.startsOn || !s.endsOn || s.startsOn < s.endsOn, { path: ['endsOn'], message: 'the plan must end after it starts' });

export type PriorityInput = z.infer<typeof PriorityInputSchema>;
export type ActionInput = z.infer<typeof ActionInputSchema>;
export type MilestoneInput = z.infer<typeof MilestoneInputSchema>;
export type PlanSettingsInput = z.infer<typeof PlanSettingsInputSchema>;

/** Every box's label, by its field name, as the cards and the import's columns show it. */
export const PLAN_FIELD_LABELS: Record<string, string> = {
  text: 'Text',
  priorityId: 'Priority',
  owner: 'Owned by (school or LA)',
  ownerName: 'Owner',
  successCriteria: 'Success criteria',
  schoolResources: "School's resources",
  laSupport: 'LA support',
  target: 'Milestone target',
  due: 'Due date',
  title: 'Title',
  monitoring: 'Monitoring (who and how)',
  startsOn: 'Starts on',
  endsOn: 'Ends on',
  reviewDates: 'Review dates',
  governingBodyMetOn: "Date of the governing body's meeting",
  delegates: 'Delegates',
};

/** The label of the `text` box for each part. */
export const ITEM_TEXT_LABELS = { priority: 'Priority', action: 'Action' } as const;

/** A problem in words: what is wrong with which box, e.g. "Due date: give a date as YYYY-MM-DD or DD/MM/YYYY". */
export function describeIssue(issue: z.ZodIssue, textLabel = PLAN_FIELD_LABELS.text!): { field: string; message: string } {
  const field = String(issue.path[0] ?? '');
  const label = field === 'text' ? textLabel : (PLAN_FIELD_LABELS[field] ?? field);
  const isDate = ['due', 'startsOn', 'endsOn', 'reviewDates', 'governingBodyMetOn'].includes(field);
  let problem = issue.message;
  if (issue.code === 'invalid_value' && field === 'owner' && typeof issue.input === 'string') problem = 'say school or la';
  else if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined && 'input' in issue) problem = 'fill this in';
  else if (isDate && issue.code !== 'custom') problem = 'give a date as YYYY-MM-DD or DD/MM/YYYY';
  else if (isDate && issue.message === 'not a real date') problem = 'not a real date (give it as YYYY-MM-DD or DD/MM/YYYY)';
  return { field, message: `${label}: ${problem}.` };
}

/** Parses typed input with the part's schema; a problem is thrown as InvalidInputError naming the box by its label. */
export function parsePlanInput<S extends z.ZodTypeAny>(schema: S, typed: unknown, textLabel?: string): z.infer<S> {
  const parsed = schema.safeParse(typed, wordedWithInput);
  if (parsed.success) return parsed.data as z.infer<S>;
  const { field, message } = describeIssue(parsed.error.issues[0]!, textLabel);
  throw new InvalidInputError(message, field);
}
