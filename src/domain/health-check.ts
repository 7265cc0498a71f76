import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { UrnSchema, type School } from './school.js';
import { stagesOf } from './school-stages.js';
import { RagSchema, type Rag } from './rag.js';
import { NoticeSchema } from './notice.js';

/**
 * The annual school health check (DDAT school improvement policy): nine areas, each rated
 * Red / Amber / Green with the evidence and, for Amber and Red, the action the school must take.
 * The headteacher acknowledges it, and the next check judges the impact of the last one's actions.
 */

/** The one area the policy names "the early years or sixth form": the officer says which applies, or that neither does. */
export const EARLY_YEARS_OR_SIXTH_FORM = 'earlyYearsOrSixthForm';

/** The policy's nine areas, in its order. */
export const HEALTH_CHECK_AREAS = [
  { id: 'qualityOfEducation', title: 'Quality of education' },
  { id: 'behaviourAndAttitudes', title: 'Behaviour and attitudes' },
  { id: 'personalDevelopment', title: 'Personal development' },
  { id: EARLY_YEARS_OR_SIXTH_FORM, title: 'Early years or sixth form' },
  { id: 'leadershipAndManagement', title: 'Leadership and management' },
  { id: 'healthAndSafety', title: 'Health and safety' },
  { id: 'internalAudit', title: 'Internal audit' },
  { id: 'financialControls', title: 'Financial and non-financial controls' },
  { id: 'safeguarding', title: 'Safeguarding' },
] as const satisfies ReadonlyArray<{ id: string; title: string }>;

/** Checks filed before the area was one rated early years and sixth form apart: kept so they still read, never offered. */
const EARLIER_AREAS = [
  { id: 'earlyYears', title: 'Early years' },
  { id: 'sixthForm', title: 'Sixth form' },
] as const;

export type HealthCheckArea = (typeof HEALTH_CHECK_AREAS)[number];
export type HealthCheckAreaId = HealthCheckArea['id'] | (typeof EARLIER_AREAS)[number]['id'];
const ALL_AREAS: ReadonlyArray<{ id: HealthCheckAreaId; title: string }> = [...HEALTH_CHECK_AREAS, ...EARLIER_AREAS];
export const HealthCheckAreaIdSchema = z.enum(ALL_AREAS.map((a) => a.id) as [HealthCheckAreaId, ...HealthCheckAreaId[]]);

/** Which of the early years or the sixth form the check looks at, or that neither applies. */
export const StageChoiceSchema = z.enum(['earlyYears', 'sixthForm', 'notApplicable']);
export type StageChoice = z.infer<typeof StageChoiceSchema>;
export const STAGE_CHOICE_TITLES: Record<StageChoice, string> = { earlyYears: 'Early years', sixthForm: 'Sixth form', notApplicable: 'Not applicable' };

/** A health check is annual by default; more often is allowed where there is a need. */
export const HEALTH_CHECK_INTERVAL_MONTHS = 12;

/**
 * What the form suggests for the early years or sixth form: the stage the school has, `notApplicable` when it
 * has neither, and nothing when it has both (the officer picks the one the check looks at).
 */
export function suggestedStageChoice(school: Pick<School, 'phase' | 'hasNursery' | 'hasSixthForm'>): StageChoice | undefined {
  const { earlyYears, sixthForm } = stagesOf(school);
  if (earlyYears && sixthForm) return undefined;
  return earlyYears ? 'earlyYears' : sixthForm ? 'sixthForm' : 'notApplicable';
}

/** The areas a check rates: all nine, less the early years or sixth form where the officer marked it not applicable. */
export function ratedAreas(stage: StageChoice | undefined): HealthCheckArea[] {
  return HEALTH_CHECK_AREAS.filter((a) => a.id !== EARLY_YEARS_OR_SIXTH_FORM || stage !== 'notApplicable');
}

/** An area's title; the early years or sixth form says which the check looked at. */
export function healthCheckAreaTitle(id: HealthCheckAreaId, stage?: StageChoice): string {
  const title = ALL_AREAS.find((a) => a.id === id)!.title;
  return id === EARLY_YEARS_OR_SIXTH_FORM && stage && stage !== 'notApplicable' ? `${title}: ${STAGE_CHOICE_TITLES[stage].toLowerCase()}` : title;
}

/** Amber and Red ask the school to act; Green does not. */
export function ragNeedsAction(rating: Rag): boolean {
  return rating !== 'green';
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** Optional free text: blank means not given. */
const optionalText = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((t) => (t ? t : undefined)).optional();

/** One area's rating as the officer records it. */
export const AreaRatingSchema = z
  .object({
    area: HealthCheckAreaIdSchema,
    rating: RagSchema,
    evidence: z.string().trim().min(1, 'Give the evidence for the rating').max(2000),
    requiredAction: optionalText,
    /** The impact of the previous check's required action for this area, where there was one. */
    impactOfLastActions: optionalText,
  })
  .superRefine((a, ctx) => {
    if (ragNeedsAction(a.rating) && !a.requiredAction) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requiredAction'], message: `${healthCheckAreaTitle(a.area)} is ${a.rating}: say what action is required` });
    }
  });
export type AreaRating = z.infer<typeof AreaRatingSchema>;

export const HealthCheckStatusSchema = z.enum(['awaitingAcknowledgement', 'acknowledged']);
export type HealthCheckStatus = z.infer<typeof HealthCheckStatusSchema>;

export const HealthCheckSchema = storedRecord({
  urn: UrnSchema,
  /** The date of the health check meeting. */
  heldOn: isoDate,
  /** Person id of the officer or SIT member who held it. */
  officerId: z.string().min(1),
  areas: z.array(AreaRatingSchema).min(1),
  /** Which of the early years or sixth form was rated, or that neither applies; absent on checks filed before it was one area. */
  earlyYearsOrSixthForm: StageChoiceSchema.optional(),
  /** The check whose required actions this one judged, if the school had one. */
  previousCheckId: z.string().optional(),
  /** Person id of the headteacher asked to acknowledge, where one is known. */
  headteacherId: z.string().optional(),
  status: HealthCheckStatusSchema,
  submittedAt: instant(),
  acknowledgement: z.object({ personId: z.string().min(1), at: instant() }).optional(),
  /** How the headteacher was told of the check. */
  notice: NoticeSchema.default('none'),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/** A problem with one area's input: `field` is the area's input that needs attention. */
export interface AreaIssue {
  area: HealthCheckAreaId;
  field: 'rating' | 'evidence' | 'requiredAction' | 'impactOfLastActions' | 'applies';
  message: string;
}

/**
 * Checks a whole set of ratings against the officer's early years or sixth form choice and the previous check:
 * the choice is made, every area that applies is rated once, none that does not, and the impact of each
 * previous required action is judged. Returns the issues in the card's order, so the first is the one to show.
 */
export function areaIssues(
  ratings: readonly Pick<AreaRating, 'area' | 'impactOfLastActions'>[],
  stage: StageChoice | undefined,
  previous: Pick<HealthCheck, 'areas'> | undefined,
): AreaIssue[] {
  const issues: AreaIssue[] = [];
  const applicable = ratedAreas(stage);
  for (const r of ratings) {
    if (r.area === EARLY_YEARS_OR_SIXTH_FORM && stage === 'notApplicable') {
      issues.push({ area: r.area, field: 'rating', message: 'Early years or sixth form is marked not applicable: leave it unrated, or say which applies' });
    } else if (!applicable.some((a) => a.id === r.area)) issues.push({ area: r.area, field: 'rating', message: `${healthCheckAreaTitle(r.area)} is not one of the health check's areas` });
  }
  for (const a of applicable) {
    if (a.id === EARLY_YEARS_OR_SIXTH_FORM && !stage) {
      issues.push({ area: a.id, field: 'applies', message: 'Say whether the early years or the sixth form is looked at, or mark it not applicable' });
      continue;
    }
    const given = ratings.filter((r) => r.area === a.id);
    if (given.length === 0) issues.push({ area: a.id, field: 'rating', message: `Rate ${a.title}` });
    if (given.length > 1) issues.push({ area: a.id, field: 'rating', message: `${a.title} is rated more than once` });
    if (given.length === 1 && previousActionFor(previous, a.id) && !given[0]!.impactOfLastActions) {
      issues.push({ area: a.id, field: 'impactOfLastActions', message: `Judge the impact of the last action required for ${a.title}` });
    }
  }
  return issues;
}

/**
 * The action the previous check required for an area, if any: shown beside the area next time so its impact is
 * judged. For the early years or sixth form, a check filed when they were rated apart gives whichever had one.
 */
export function previousActionFor(previous: Pick<HealthCheck, 'areas'> | undefined, area: HealthCheckAreaId): string | undefined {
  const ids: HealthCheckAreaId[] = area === EARLY_YEARS_OR_SIXTH_FORM ? [area, 'earlyYears', 'sixthForm'] : [area];
  return previous?.areas.find((a) => ids.includes(a.area) && a.requiredAction)?.requiredAction;
}

/** The check the next one follows on from: the latest held, ties broken by when it was submitted. */
export function latestHealthCheck<H extends Pick<HealthCheck, 'heldOn' | 'submittedAt'>>(checks: readonly H[]): H | undefined {
  return [...checks].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.submittedAt.localeCompare(a.submittedAt))[0];
}

/** When the next annual check falls due after one held on `heldOn` (YYYY-MM-DD). */
export function nextHealthCheckDue(heldOn: string): string {
  const [y, m, d] = heldOn.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y, m - 1 + HEALTH_CHECK_INTERVAL_MONTHS, d));
  return due.toISOString().slice(0, 10);
}

/** The worst rating in a check: the headline on summaries and lists. */
export function overallRag(areas: readonly Pick<AreaRating, 'rating'>[]): Rag {
  if (areas.some((a) => a.rating === 'red')) return 'red';
  if (areas.some((a) => a.rating === 'amber')) return 'amber';
  return 'green';
}
