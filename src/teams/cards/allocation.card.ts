import { z } from 'zod/v4';
import { shownDay, shownShortDay } from './shown-date.js';
import type { AllocationView } from '../../app/allocation/officer-time.js';
import { UrnSchema } from '../../domain/school.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { formCardSchema, readFormSubmit } from './form-card.js';

/** The Action.Execute verbs of the allocation card. */
export const ALLOCATION_VERBS = {
  /** Keep the days as typed (stored, shown next time). */
  keep: 'allocation.keep',
  /** A fresh suggestion for the days available as typed, with the days typed so far kept. */
  suggest: 'allocation.suggest',
} as const;

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const sum = (ns: readonly number[]) => Math.round(ns.reduce((a, b) => a + b, 0) * 100) / 100;

/** The rows as suggested, carried in the actions' data so a card sent back needs no lookup. */
export const AllocationFormSchema = z.object({
  officerDays: z.number().positive(),
  rows: z.array(z.object({ urn: UrnSchema, name: z.string(), why: z.string(), suggested: z.number(), kept: z.number().optional() })),
  kept: z.object({ officerDays: z.number(), by: z.string(), on: z.string(), total: z.number() }).optional(),
});
export type AllocationForm = z.infer<typeof AllocationFormSchema>;

/** The input id of a school's days. */
export const daysInputId = (urn: string) => `days.${urn}`;

export const AllocationCardSchema = formCardSchema(AllocationFormSchema)
  .extend({ note: z.string().default('') })
  .transform(({ form, formId, values, error, note }) => {
    const typedDays = form.rows.map((r) => values[daysInputId(r.urn)] ?? String(r.suggested));
    return {
      verbs: ALLOCATION_VERBS,
      formId,
      form,
      title: 'Officer time, in inverse proportion to success',
      headline: `A suggested share of ${days(form.officerDays)} across ${form.rows.length} open schools: more time where the risk is higher, the latest inspection weaker and visits behind. Adjust the days and keep them.`,
      note,
      error: error?.message ?? '',
      officerDaysValue: Number(values.officerDays ?? form.officerDays),
      keptHeading: form.kept ? `Kept ${shownShortDay(form.kept.on)}` : 'Kept',
      rows: form.rows.map((r, i) => ({
        school: `${r.name} (${r.urn})`,
        why: r.why,
        suggestedText: String(r.suggested),
        keptText: r.kept === undefined ? '–' : String(r.kept),
        inputId: daysInputId(r.urn),
        days: Number(typedDays[i]) || 0,
      })),
      totalLine: `Suggested total ${days(sum(form.rows.map((r) => r.suggested)))} of ${days(form.officerDays)} available.`,
      keptLine: form.kept ? `Kept by ${form.kept.by} on ${shownDay(form.kept.on)}: ${days(form.kept.total)} of ${days(form.kept.officerDays)}.` : '',
    };
  });
export type AllocationCard = z.input<typeof AllocationCardSchema>;

/** The form from the use case's view: the fresh suggestion, each row beside what was kept last for that school. */
export function allocationForm(view: AllocationView): AllocationForm {
  const keptDays = new Map(view.kept?.shares.map((s) => [s.urn, s.days]) ?? []);
  return {
    officerDays: view.suggestion.officerDays,
    rows: view.suggestion.rows.map((r) => ({ urn: r.urn, name: r.name, why: r.reasons.join('; '), suggested: r.days, ...(keptDays.has(r.urn) ? { kept: keptDays.get(r.urn)! } : {}) })),
    ...(view.kept
      ? { kept: { officerDays: view.kept.officerDays, by: view.kept.keptByName, on: view.kept.keptAt.slice(0, 10), total: sum(view.kept.shares.map((s) => s.days)) } }
      : {}),
  };
}

export function renderAllocationCard(data: AllocationCard): AdaptiveCard {
  return expandCard('allocation', AllocationCardSchema, data);
}

/** What a press sends: the form, what was typed, and the days as numbers (NaN where what was typed is not one). */
export function readAllocationSubmit(data: unknown): { form: AllocationForm; formId: string; values: Record<string, string>; officerDays: number; days: Record<string, number> } {
  const { form, formId, values } = readFormSubmit(AllocationFormSchema, data);
  const number = (typed: string | undefined, fallback: number) => (typed === undefined || typed.trim() === '' ? fallback : Number(typed));
  return {
    form,
    formId,
    values,
    officerDays: number(values.officerDays, form.officerDays),
    days: Object.fromEntries(form.rows.map((r) => [r.urn, number(values[daysInputId(r.urn)], r.suggested)])),
  };
}
