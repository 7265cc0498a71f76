import { z } from 'zod';
import { storedRecord } from './record.js';
import { UrnSchema, type School } from './school.js';
import { stagesOf, type SchoolStages } from './school-stages.js';
import { RagSchema, type Rag } from './rag.js';
import { NoticeSchema } from './notice.js';

/**
 * The annual school health check (DDAT school improvement policy): nine areas, each rated
 * Red / Amber / Green with the evidence and, for Amber and Red, the action the school must take.
 * The headteacher acknowledges it, and the next check judges the impact of the last one's actions.
 */

/** The policy's areas, in its order. "Early years or sixth form" is one area in the policy, judged for whichever stages the school has. */
export const HEALTH_CHECK_AREAS = [
  { id: 'qualityOfEducation', title: 'Quality of education' },
  { id: 'behaviourAndAttitudes', title: 'Behaviour and attitudes' },
  { id: 'personalDevelopment', title: 'Personal development' },
  { id: 'earlyYears', title: 'Early years', stage: 'earlyYears' },
  { id: 'sixthForm', title: 'Sixth form', stage: 'sixthForm' },
  { id: 'leadershipAndManagement', title: 'Leadership and management' },
  { id: 'healthAndSafety', title: 'Health and safety' },
  { id: 'internalAudit', title: 'Internal audit' },
  { id: 'financialControls', title: 'Financial and non-financial controls' },
  { id: 'safeguarding', title: 'Safeguarding' },
] as const satisfies ReadonlyArray<{ id: string; title: string; stage?: keyof SchoolStages }>;

export type HealthCheckArea = (typeof HEALTH_CHECK_AREAS)[number];
export type HealthCheckAreaId = HealthCheckArea['id'];
export const HealthCheckAreaIdSchema = z.enum(HEALTH_CHECK_AREAS.map((a) => a.id) as [HealthCheckAreaId, ...HealthCheckAreaId[]]);

/** A health check is annual by default; more often is allowed where there is a need. */
export const HEALTH_CHECK_INTERVAL_MONTHS = 12;

/** The areas this school's health check rates: early years and sixth form only where the school has them. */
export function healthCheckAreasFor(school: Pick<School, 'phase' | 'hasNursery' | 'hasSixthForm'>): HealthCheckArea[] {
  const stages = stagesOf(school);
  return HEALTH_CHECK_AREAS.filter((a) => !('stage' in a) || stages[a.stage]);
}

export function healthCheckAreaTitle(id: HealthCheckAreaId): string {
  return HEALTH_CHECK_AREAS.find((a) => a.id === id)!.title;
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
  .transform((t) => (t ? t : undefined));

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
  /** The check whose required actions this one judged, if the school had one. */
  previousCheckId: z.string().optional(),
  /** Person id of the headteacher asked to acknowledge, where one is known. */
  headteacherId: z.string().optional(),
  status: HealthCheckStatusSchema,
  submittedAt: z.string().datetime({ offset: true }),
  acknowledgement: z.object({ personId: z.string().min(1), at: z.string().datetime({ offset: true }) }).optional(),
  /** How the headteacher was told of the check. */
  notice: NoticeSchema.default('none'),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/** A problem with one area's input: `field` is the area's input that needs attention. */
export interface AreaIssue {
  area: HealthCheckAreaId;
  field: 'rating' | 'evidence' | 'requiredAction' | 'impactOfLastActions';
  message: string;
}

/**
 * Checks a whole set of ratings against the school and the previous check: every area the school has is
 * rated once, none it lacks, and the impact of each previous required action is judged. Returns the issues
 * in the card's order, so the first is the one to show.
 */
export function areaIssues(
  ratings: readonly Pick<AreaRating, 'area' | 'impactOfLastActions'>[],
  applicable: readonly HealthCheckArea[],
  previous: Pick<HealthCheck, 'areas'> | undefined,
): AreaIssue[] {
  const issues: AreaIssue[] = [];
  for (const r of ratings) {
    if (!applicable.some((a) => a.id === r.area)) issues.push({ area: r.area, field: 'rating', message: `${healthCheckAreaTitle(r.area)} does not apply to this school` });
  }
  for (const a of applicable) {
    const given = ratings.filter((r) => r.area === a.id);
    if (given.length === 0) issues.push({ area: a.id, field: 'rating', message: `Rate ${a.title}` });
    if (given.length > 1) issues.push({ area: a.id, field: 'rating', message: `${a.title} is rated more than once` });
    if (given.length === 1 && previousActionFor(previous, a.id) && !given[0]!.impactOfLastActions) {
      issues.push({ area: a.id, field: 'impactOfLastActions', message: `Judge the impact of the last action required for ${a.title}` });
    }
  }
  return issues;
}

/** The action the previous check required for an area, if any: shown beside the area next time so its impact is judged. */
export function previousActionFor(previous: Pick<HealthCheck, 'areas'> | undefined, area: HealthCheckAreaId): string | undefined {
  return previous?.areas.find((a) => a.area === area)?.requiredAction;
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
