import { z } from 'zod/v4';
import { shownDay } from './shown-date.js';
import { areaKey } from '../../domain/self-evaluation.js';
import { UrnSchema } from '../../domain/school.js';
import { REPORT_CARDS_BEGAN } from '../../domain/inspection.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { CATEGORY_CHOICES, GRADE_CHOICES, RISK_VERBS, schoolRiskFormShape } from './risk.card.js';
import { capitalise } from './self-evaluation.card.js';

/**
 * The inspection card (`InspectionHistoryView`): the school's history with both frameworks side by side, never
 * converted, and the form to record a report-card inspection, one grade per configured area.
 */
export const InspectionCardSchema = z
  .object({
    ...schoolRiskFormShape,
    history: z.array(z.object({ date: z.string(), framework: z.string(), summary: z.string() })),
    areas: z.array(z.string().min(1)).min(1),
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.string().default(''),
    note: z.string().default(''),
  })
  .transform((v) => ({
    ...v,
    verb: RISK_VERBS.recordInspection,
    history: v.history.map((h) => ({ ...h, date: shownDay(h.date) })),
    riskLine: `Risk level: ${v.riskLevel}${v.causingConcern ? ' (causing concern)' : ''}.`,
    began: REPORT_CARDS_BEGAN,
    date: v.values.date ?? '',
    safeguarding: v.values.safeguarding ?? '',
    category: v.values.category ?? 'none',
    gradeChoices: GRADE_CHOICES,
    categoryChoices: CATEGORY_CHOICES,
    areas: v.areas.map((a) => ({ id: `grade.${areaKey(a)}`, title: capitalise(a), value: v.values[`grade.${areaKey(a)}`] ?? '' })),
  }));
export type InspectionCard = z.input<typeof InspectionCardSchema>;

export function renderInspectionCard(data: InspectionCard): AdaptiveCard {
  return expandCard('inspection', InspectionCardSchema, data);
}

/** What the Record button sends: the school, and every input (grades as `grade.<area key>`). */
export const RecordInspectionDataSchema = z
  .object({ urn: UrnSchema, formId: z.string().min(1), date: z.string().optional(), safeguarding: z.string().optional(), category: z.string().optional() })
  .passthrough();

/** The grades typed on the card, by area key. */
export function gradesOf(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data)
      .filter((e): e is [string, string] => e[0].startsWith('grade.') && typeof e[1] === 'string' && !!e[1])
      .map(([k, v]) => [k.slice('grade.'.length), v]),
  );
}
