import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { IsoDateSchema } from './iso-date.js';
import { RiskLevelSchema, UNASSESSED, UrnSchema } from './school.js';
import { InvalidInputError } from './errors.js';
import { isCategoryOfConcern, startCriterionOf, type InspectionOutcome } from './inspection.js';
import { worded } from './issue-wording.js';

/**
 * Risk and schools causing concern (Rutland plan §4). A school's risk level is on a scale the organisation
 * configures (low / medium / high / intensive by default); a level at or above the concern threshold puts the
 * school on the list of schools causing concern. A level changes only after professional dialogue with the
 * school (§4.3): an officer proposes it with the criterion that applies and the evidence, the headteacher agrees
 * or disputes, and only an agreed change is applied (see risk-dialogue.ts). The one exception is rapid response
 * (§4.7): an inspection placing the school in an Ofsted category of concern puts it on the list at once.
 */

/** A risk scale: its levels from least to most risk, and the first level that makes a school a cause for concern. */
export const RiskScaleSchema = z
  .object({
    levels: z.array(RiskLevelSchema).min(2, 'a risk scale needs at least two levels'),
    concernThreshold: RiskLevelSchema,
  })
  .superRefine((scale, ctx) => {
    const lower = scale.levels.map((l) => l.toLowerCase());
    if (new Set(lower).size !== lower.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['levels'], message: 'each level is named once' });
    if (lower.includes(UNASSESSED)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['levels'], message: `"${UNASSESSED}" is not a level: it means none has been set` });
    if (!scale.levels.includes(scale.concernThreshold)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['concernThreshold'], message: `the concern threshold must be one of the levels (${scale.levels.join(', ')})` });
    }
  });
export type RiskScale = z.infer<typeof RiskScaleSchema>;

/** The default scale: high and intensive are causes for concern; low and medium are the ordinary support a school gets. */
export const DEFAULT_RISK_SCALE: RiskScale = { levels: ['low', 'medium', 'high', 'intensive'], concernThreshold: 'high' };

/**
 * Reads a scale from settings text: levels `;`-separated, least risk first ("low;medium;high;intensive"), and the
 * threshold's name. Throws InvalidInputError naming what is wrong.
 */
export function parseRiskScale(levels: string, concernThreshold: string): RiskScale {
  const parsed = RiskScaleSchema.safeParse({ levels: levels.split(';').map((l) => l.trim()).filter(Boolean), concernThreshold: concernThreshold.trim() }, worded);
  if (!parsed.success) throw new InvalidInputError(`The risk scale is not valid: ${parsed.error.issues[0]!.message}.`, parsed.error.issues[0]!.path.join('.'));
  return parsed.data;
}

/** A level's place on the scale: −1 for `unassessed` or a name the scale does not hold. */
export function rankOf(scale: RiskScale, level: string): number {
  return scale.levels.indexOf(level);
}

/** Whether a level makes a school a cause for concern: at or above the threshold. `unassessed` never does. */
export function isConcernLevel(scale: RiskScale, level: string): boolean {
  const rank = rankOf(scale, level);
  return rank >= 0 && rank >= rankOf(scale, scale.concernThreshold);
}

/** Whether the level is one of the scale's (not `unassessed`, not a level a changed scale no longer has). */
export function isLevelOf(scale: RiskScale, level: string): boolean {
  return rankOf(scale, level) >= 0;
}

/** Start criteria for the list of schools causing concern and its strategy meetings (Rutland plan §4.5, with report cards). */
export const StartCriterionSchema = z.enum(['ofstedCategory', 'reportCardConcern', 'challengingCircumstances', 'notResponding']);
export type StartCriterion = z.infer<typeof StartCriterionSchema>;

/** End criteria: the school leaves the list when one is met and agreed with it (Rutland plan §4.5). */
export const EndCriterionSchema = z.enum(['goodOutcome', 'circumstancesResolved', 'sustainedImprovement']);
export type EndCriterion = z.infer<typeof EndCriterionSchema>;

export const RiskCriterionSchema = z.union([StartCriterionSchema, EndCriterionSchema]);
export type RiskCriterion = z.infer<typeof RiskCriterionSchema>;

/** Each criterion in users' words, for cards and lists. */
export const CRITERION_WORDING: Record<RiskCriterion, string> = {
  ofstedCategory: 'In an Ofsted category: Requires Improvement, Serious Weaknesses or Special Measures',
  reportCardConcern: 'A report card with an area at needs attention or urgent improvement, or safeguarding not met',
  challengingCircumstances: 'Facing particularly challenging circumstances',
  notResponding: 'Not responding to support with appropriate urgency',
  goodOutcome: 'A good Ofsted outcome or an agreed self-evaluation grading',
  circumstancesResolved: 'The challenging circumstances are resolved',
  sustainedImprovement: 'Evidence of significant and sustained improvement',
};

export const isStartCriterion = (c: RiskCriterion): c is StartCriterion => StartCriterionSchema.safeParse(c).success;

/**
 * Which kind of criterion a change from one level to another needs: `start` when the new level is a cause for
 * concern (joining the list, or moving within it), `end` when it takes the school off the list, and `either` for
 * changes below the threshold, where a criterion may be given (a start one going up, an end one going down) but
 * none is required.
 */
export function criterionNeeded(scale: RiskScale, from: string, to: string): 'start' | 'end' | 'either' {
  if (isConcernLevel(scale, to)) return 'start';
  if (isConcernLevel(scale, from)) return 'end';
  return 'either';
}

/** Refuses a criterion that does not fit the change (see criterionNeeded); `field` is the card input's id. */
export function checkCriterion(scale: RiskScale, from: string, to: string, criterion: RiskCriterion | undefined): void {
  const needed = criterionNeeded(scale, from, to);
  const rising = rankOf(scale, to) > rankOf(scale, from);
  const wantStart = needed === 'start' || (needed === 'either' && rising);
  if (!criterion) {
    if (needed === 'either') return;
    throw new InvalidInputError(needed === 'start' ? 'Say which start criterion applies.' : 'Say which end criterion has been met.', 'criterion');
  }
  if (isStartCriterion(criterion) !== wantStart) {
    throw new InvalidInputError(
      wantStart ? `${to} needs a start criterion, not "${CRITERION_WORDING[criterion]}".` : `Moving down to ${to} needs an end criterion, not "${CRITERION_WORDING[criterion]}".`,
      'criterion',
    );
  }
}

/** Evidence is typed by an officer and shown to the school as plain text. */
export const EVIDENCE_MAX = 2000;
/** The headteacher's comment on an answer. */
export const ANSWER_COMMENT_MAX = 1000;

export const RiskChangeStatusSchema = z.enum(['proposed', 'agreed', 'disputed', 'revised', 'withdrawn']);
export type RiskChangeStatus = z.infer<typeof RiskChangeStatusSchema>;

const at = instant();

/** The school's answer to a proposal: agreed, or disputed with a comment saying why. */
export const RiskAnswerSchema = z
  .object({
    personId: z.string().min(1),
    at,
    decision: z.enum(['agreed', 'disputed']),
    comment: z.string().trim().max(ANSWER_COMMENT_MAX).optional(),
  })
  .refine((a) => a.decision === 'agreed' || !!a.comment, { path: ['comment'], message: 'Say why you dispute it' });
export type RiskAnswer = z.infer<typeof RiskAnswerSchema>;

/**
 * One proposed change of a school's risk level and what became of it. Every proposal is kept: a revised one stays
 * as `revised` beside the proposal that replaced it (`revises`), a withdrawn one as `withdrawn`.
 * `source: 'inspection'` marks a rapid-response change, applied at once from an inspection outcome.
 */
export const RiskChangeSchema = storedRecord({
  schoolUrn: UrnSchema,
  /** The school's level when the change was proposed. */
  fromLevel: RiskLevelSchema,
  proposedLevel: RiskLevelSchema,
  criterion: RiskCriterionSchema.optional(),
  evidence: z.string().trim().min(1).max(EVIDENCE_MAX),
  /** The monitoring meeting at which the change is discussed with the school. */
  nextMonitoringMeetingOn: IsoDateSchema.optional(),
  proposedBy: z.string().min(1),
  proposedAt: at,
  status: RiskChangeStatusSchema,
  answer: RiskAnswerSchema.optional(),
  /** Who revised or withdrew it, and when. */
  closedBy: z.object({ personId: z.string().min(1), at }).optional(),
  /** The proposal this one replaces after a dispute. */
  revises: z.string().min(1).optional(),
  /** When the level was applied to the school: on agreement, or at once for a rapid response. */
  appliedAt: at.optional(),
  source: z.enum(['dialogue', 'inspection']).default('dialogue'),
});
export type RiskChange = z.infer<typeof RiskChangeSchema>;

/** What applying a level does to the school record: the level, and whether it is now a cause for concern. */
export function schoolRiskAfter(scale: RiskScale, level: string): { riskLevel: string; causingConcern: boolean } {
  return { riskLevel: level, causingConcern: isConcernLevel(scale, level) };
}

/** The rapid-response change an inspection outcome calls for (to apply and store at once), or undefined if none. */
export interface RapidResponse {
  change: Omit<RiskChange, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;
  school: { riskLevel: string; causingConcern: boolean };
}

/**
 * Rapid response (Rutland plan §4.7): an outcome placing the school in an Ofsted category of concern puts it on the
 * list at once, without waiting for dialogue, at the concern threshold (or its present level if that is higher).
 * Nothing happens for other outcomes, or when the school is already on the list at a concern level.
 * `recordedBy` is the person who recorded the inspection; `atIso` when.
 */
export function rapidResponse(
  scale: RiskScale,
  school: { urn: string; riskLevel: string; causingConcern: boolean },
  outcome: InspectionOutcome,
  recordedBy: string,
  atIso: string,
): RapidResponse | undefined {
  if (!isCategoryOfConcern(outcome)) return undefined;
  if (school.causingConcern && isConcernLevel(scale, school.riskLevel)) return undefined;
  const level = isConcernLevel(scale, school.riskLevel) ? school.riskLevel : scale.concernThreshold;
  const category = outcome.framework === 'legacy' ? (outcome.category ?? outcome.overall) : outcome.category;
  return {
    change: {
      schoolUrn: school.urn,
      fromLevel: school.riskLevel,
      proposedLevel: level,
      criterion: startCriterionOf(outcome),
      evidence: `Ofsted inspection of ${outcome.date}: ${category}.`,
      proposedBy: recordedBy,
      proposedAt: atIso,
      status: 'agreed',
      appliedAt: atIso,
      source: 'inspection',
    },
    school: schoolRiskAfter(scale, level),
  };
}
