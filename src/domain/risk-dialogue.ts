import { z } from 'zod/v4';
import { IsoDateSchema } from './iso-date.js';
import { ConflictError, InvalidInputError, NotAllowedError } from './errors.js';
import { isOfficer, type Person } from './person.js';
import { isSchoolHeadteacher } from './school-roles.js';
import type { School } from './school.js';
import {
  ANSWER_COMMENT_MAX,
  checkCriterion,
  EVIDENCE_MAX,
  isLevelOf,
  RiskCriterionSchema,
  schoolRiskAfter,
  type RiskAnswer,
  type RiskChange,
  type RiskScale,
} from './risk.js';

/**
 * The dialogue over a risk change (Rutland plan §4.3), as pure rules: who may do what, and what each step writes.
 *
 *   proposed ──agree (the school's headteacher)──▶ agreed (the level is applied)
 *      │  └────dispute with a comment (the school's headteacher)──▶ disputed
 *      └──withdraw (officer)──▶ withdrawn           disputed ──revise (officer)──▶ revised + a new proposal
 *                                                   disputed ──withdraw (officer)──▶ withdrawn
 *
 * Only that school's headteacher answers; only the officer who proposed it or the school's link officer revises or
 * withdraws. A school has at most one open proposal (proposed or disputed) at a time.
 */

export type RiskAction = 'agree' | 'dispute' | 'revise' | 'withdraw';

type Change = Pick<RiskChange, 'schoolUrn' | 'status' | 'proposedBy'>;
type Who = Pick<Person, 'id' | 'roles' | 'schools' | 'email'>;
type SchoolRef = Pick<School, 'urn' | 'headteacherEmail' | 'linkOfficerEmail'>;

/** A proposal still under dialogue: waiting for the school, or disputed and back with the officer. */
export const isOpen = (c: Pick<RiskChange, 'status'>): boolean => c.status === 'proposed' || c.status === 'disputed';

/** The school's open proposal, if any. */
export function openRiskChange<C extends Pick<RiskChange, 'schoolUrn' | 'status'>>(changes: readonly C[], urn: string): C | undefined {
  return changes.find((c) => c.schoolUrn === urn && isOpen(c));
}

/** Whether the person is an officer who may revise or withdraw this proposal: its proposer or the school's link officer. */
function isOwningOfficer(change: Change, school: SchoolRef, person: Who): boolean {
  return isOfficer(person) && (person.id === change.proposedBy || (!!school.linkOfficerEmail && person.email === school.linkOfficerEmail));
}

/** The actions this person may take on the change now. */
export function riskActionsFor(change: Change, school: SchoolRef, person: Who): RiskAction[] {
  if (change.status === 'proposed' && isSchoolHeadteacher(person, school)) return ['agree', 'dispute'];
  if (!isOwningOfficer(change, school, person)) return [];
  if (change.status === 'proposed') return ['withdraw'];
  if (change.status === 'disputed') return ['revise', 'withdraw'];
  return [];
}

const ACTION_WORDS: Record<RiskAction, string> = {
  agree: 'agree this risk level',
  dispute: 'dispute this risk level',
  revise: 'revise this proposal',
  withdraw: 'withdraw this proposal',
};

const STATUS_WORDS: Record<RiskChange['status'], string> = {
  proposed: "waiting for the school's answer",
  agreed: 'agreed',
  disputed: 'disputed by the school',
  revised: 'replaced by a revised proposal',
  withdrawn: 'withdrawn',
};

/**
 * Refuses what the person may not do: NotAllowedError when the action is not theirs (another school's headteacher,
 * an officer who neither proposed it nor links the school), ConflictError when it is theirs but the change has
 * moved past it (already agreed, withdrawn...).
 */
export function assertMayAct(change: Change, school: SchoolRef, person: Who, action: RiskAction): void {
  const forHead = action === 'agree' || action === 'dispute';
  const allowed = forHead ? isSchoolHeadteacher(person, school) : isOwningOfficer(change, school, person);
  if (!allowed) {
    throw new NotAllowedError(
      forHead ? `Only the school's headteacher can ${ACTION_WORDS[action]}.` : `Only the officer who proposed it or the school's link officer can ${ACTION_WORDS[action]}.`,
    );
  }
  if (!riskActionsFor(change, school, person).includes(action)) throw new ConflictError(`This proposal is ${STATUS_WORDS[change.status]}: you cannot ${ACTION_WORDS[action]} now.`);
}

/** What an officer types to propose (or revise) a level. */
export const RiskProposalInputSchema = z.object({
  level: z.string().trim().min(1, 'Choose a level'),
  criterion: RiskCriterionSchema.optional(),
  evidence: z.string().trim().min(1, 'Give the evidence').max(EVIDENCE_MAX),
  nextMonitoringMeetingOn: IsoDateSchema,
});
export type RiskProposalInput = z.infer<typeof RiskProposalInputSchema>;

/** The new record a proposal writes (the store adds id, tenant, version and times). */
export type NewRiskChange = Omit<RiskChange, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;

/**
 * A proposal: only an officer proposes; the level must be on the scale and differ from the school's present one;
 * the criterion must fit the change (checkCriterion); the monitoring meeting is today or later (`today`,
 * YYYY-MM-DD); and the school has no other open proposal.
 */
export function proposeRiskChange(
  scale: RiskScale,
  school: Pick<School, 'urn' | 'riskLevel'>,
  proposer: Pick<Person, 'id' | 'roles'>,
  input: RiskProposalInput,
  context: { openChange?: Pick<RiskChange, 'status'>; atIso: string; today: string },
): NewRiskChange {
  if (!isOfficer(proposer)) throw new NotAllowedError('Only a school improvement officer can propose a risk level.');
  if (context.openChange) throw new ConflictError('This school already has a proposal under discussion: revise or withdraw it first.');
  if (!isLevelOf(scale, input.level)) throw new InvalidInputError(`Choose one of the levels: ${scale.levels.join(', ')}.`, 'level');
  if (input.level === school.riskLevel) throw new InvalidInputError(`The school is already at ${input.level}.`, 'level');
  checkCriterion(scale, school.riskLevel, input.level, input.criterion);
  if (input.nextMonitoringMeetingOn < context.today) throw new InvalidInputError('The monitoring meeting must be today or later.', 'nextMonitoringMeetingOn');
  return {
    schoolUrn: school.urn,
    fromLevel: school.riskLevel,
    proposedLevel: input.level,
    ...(input.criterion ? { criterion: input.criterion } : {}),
    evidence: input.evidence,
    nextMonitoringMeetingOn: input.nextMonitoringMeetingOn,
    proposedBy: proposer.id,
    proposedAt: context.atIso,
    status: 'proposed',
    source: 'dialogue',
  };
}

/** What the headteacher sends: agree, or dispute with a comment. */
export const RiskAnswerInputSchema = z
  .object({
    decision: z.enum(['agreed', 'disputed']),
    comment: z
      .string()
      .trim()
      .max(ANSWER_COMMENT_MAX)
      .optional()
      .transform((t) => (t ? t : undefined)).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.decision === 'disputed' && !a.comment) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['comment'], message: 'Say why you dispute it' });
  });
export type RiskAnswerInput = z.input<typeof RiskAnswerInputSchema>;

/** What an answer writes: the change's new status and answer, and, on agreement only, the school's new level. */
export interface AnsweredRiskChange {
  change: Pick<RiskChange, 'status' | 'answer' | 'appliedAt'>;
  school?: { riskLevel: string; causingConcern: boolean };
}

/** The headteacher's answer (checked by assertMayAct): on agreement the level is applied; a dispute goes back to the officer. */
export function answerRiskChange(
  scale: RiskScale,
  change: Pick<RiskChange, 'schoolUrn' | 'status' | 'proposedBy' | 'proposedLevel'>,
  school: SchoolRef,
  person: Who,
  input: RiskAnswerInput,
  atIso: string,
): AnsweredRiskChange {
  const parsed = RiskAnswerInputSchema.parse(input);
  assertMayAct(change, school, person, parsed.decision === 'agreed' ? 'agree' : 'dispute');
  const answer: RiskAnswer = { personId: person.id, at: atIso, decision: parsed.decision, ...(parsed.comment ? { comment: parsed.comment } : {}) };
  if (parsed.decision === 'disputed') return { change: { status: 'disputed', answer } };
  return { change: { status: 'agreed', answer, appliedAt: atIso }, school: schoolRiskAfter(scale, change.proposedLevel) };
}

/** The officer withdraws a proposal (waiting or disputed): it stays in the history as withdrawn; the level is unchanged. */
export function withdrawRiskChange(change: Change, school: SchoolRef, person: Who, atIso: string): Pick<RiskChange, 'status' | 'closedBy'> {
  assertMayAct(change, school, person, 'withdraw');
  return { status: 'withdrawn', closedBy: { personId: person.id, at: atIso } };
}

/**
 * The officer revises a disputed proposal: the old one is closed as `revised` and a new proposal, pointing back to
 * it, goes to the school. The new one is checked like any proposal, from the school's present level.
 */
export function reviseRiskChange(
  scale: RiskScale,
  change: Change & Pick<RiskChange, 'id'>,
  school: SchoolRef & Pick<School, 'riskLevel'>,
  person: Who,
  input: RiskProposalInput,
  context: { atIso: string; today: string },
): { closed: Pick<RiskChange, 'status' | 'closedBy'>; next: NewRiskChange } {
  assertMayAct(change, school, person, 'revise');
  const next = proposeRiskChange(scale, school, person, input, context);
  return { closed: { status: 'revised', closedBy: { personId: person.id, at: context.atIso } }, next: { ...next, revises: change.id } };
}
