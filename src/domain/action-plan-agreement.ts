import { ConflictError, InvalidInputError, NotAllowedError } from './errors.js';
import { isOfficer, type Person } from './person.js';
import type { School } from './school.js';
import { isSchoolHeadteacher } from './school-roles.js';
import { isFullyAgreed, planPeriod, type ActionPlan, type Agreement } from './action-plan.js';
import type { IsoDate } from './academic-year.js';

/**
 * Agreement (Rutland plan §4.4, §4.8): a plan is a draft until the governing body has agreed it (the headteacher
 * records the date of the meeting) and the LA has agreed it (the link officer, or another officer). When both are in,
 * it goes live and its period is set (`planPeriod`: from that day for four months unless the plan says otherwise).
 */

type Who = Pick<Person, 'id' | 'roles' | 'schools' | 'email'>;
type PlanForAgreement = Pick<ActionPlan, 'status' | 'agreement' | 'actions' | 'startsOn' | 'endsOn' | 'kind'>;

export type AgreementSide = 'governingBody' | 'la';

export interface AgreementResult {
  patch: Pick<ActionPlan, 'agreement'> & Partial<Pick<ActionPlan, 'status' | 'startsOn' | 'endsOn'>>;
  /** Whether this agreement made the plan live. */
  wentLive: boolean;
}

function mustBeDraftWithMilestones(plan: PlanForAgreement): void {
  if (plan.status !== 'draft') throw new ConflictError('This plan is already agreed and live: changes to it are recorded in its history.');
  if (!plan.actions.some((a) => a.milestones.length > 0)) {
    throw new ConflictError('A plan is agreed once it has at least one action with a milestone: add them first.');
  }
}

function withAgreement(plan: PlanForAgreement, agreement: Agreement, today: IsoDate): AgreementResult {
  if (!isFullyAgreed(agreement)) return { patch: { agreement }, wentLive: false };
  return { patch: { agreement, status: 'live', ...planPeriod(plan, today) }, wentLive: true };
}

/** The school's headteacher records the governing body's agreement and the date of its meeting (not in the future). */
export function recordGoverningBodyAgreement(plan: PlanForAgreement, school: Pick<School, 'urn' | 'headteacherEmail'>, actor: Who, metOn: IsoDate, atIso: string, today: IsoDate): AgreementResult {
  if (!isSchoolHeadteacher(actor, school)) throw new NotAllowedError("Only the school's headteacher records the governing body's agreement.");
  mustBeDraftWithMilestones(plan);
  if (metOn > today) throw new InvalidInputError("Date of the governing body's meeting: it cannot be in the future.", 'governingBodyMetOn');
  return withAgreement(plan, { ...plan.agreement, governingBodyMetOn: metOn, governingBodyRecordedBy: actor.id, governingBodyRecordedAt: atIso }, today);
}

/** An officer (the link officer, above all) agrees the plan for the LA. */
export function agreeForLa(plan: PlanForAgreement, actor: Who, atIso: string, today: IsoDate): AgreementResult {
  if (!isOfficer(actor)) throw new NotAllowedError('Only an officer of the LA agrees the plan for the LA.');
  mustBeDraftWithMilestones(plan);
  return withAgreement(plan, { ...plan.agreement, laAgreedBy: actor.id, laAgreedAt: atIso }, today);
}

/**
 * A draft changed after one side agreed it is no longer what they agreed: their agreement is set aside, so both
 * sides agree the plan as it stands. Returns the agreement to keep and whether one was set aside.
 */
export function agreementAfterDraftEdit(plan: Pick<ActionPlan, 'status' | 'agreement'>): { agreement: Agreement; setAside: boolean } {
  const had = !!plan.agreement.governingBodyMetOn || !!plan.agreement.laAgreedBy;
  return plan.status === 'draft' && had ? { agreement: {}, setAside: true } : { agreement: plan.agreement, setAside: false };
}
