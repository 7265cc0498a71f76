import { agreeForLa, recordGoverningBodyAgreement, type AgreementSide } from '../../domain/action-plan-agreement.js';
import { TypedDateSchema } from '../../domain/action-plan-inputs.js';
import { longDate } from '../../domain/human-date.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf, linkOfficerOf } from '../../domain/school-roles.js';
import { changePlan, type PlanRef, type PlanStepResult } from './change-plan.js';
import { mustRead, type PlanDeps } from './plan-records.js';
import { queueAgreementNotice } from './plan-notice.js';

export interface AgreePlanRequest extends PlanRef {
  side: AgreementSide;
  /** For the governing body's side: the date of its meeting, as typed. */
  governingBodyMetOn?: string;
}

function meetingDate(typed: string | undefined): string {
  const parsed = TypedDateSchema.safeParse(typed ?? '');
  if (!parsed.success) throw new InvalidInputError("Date of the governing body's meeting: give the date the governing body agreed the plan.", 'governingBodyMetOn');
  return parsed.data;
}

/**
 * One side agrees the plan: the headteacher records the governing body's agreement (with its meeting date), or an
 * officer agrees it for the LA. When both are in, it goes live with its period set. The other side is told.
 */
export function agreePlan(deps: PlanDeps, tenantId: string, actor: Person, request: AgreePlanRequest, idempotencyKey: string): Promise<PlanStepResult> {
  const metOn = request.side === 'governingBody' ? meetingDate(request.governingBodyMetOn) : undefined;
  return changePlan(deps, tenantId, actor, request, idempotencyKey, async ({ tx, plan, school, now, today }) => {
    mustRead(actor, plan, school);
    const at = now.toISOString();
    const { patch, wentLive } = metOn ? recordGoverningBodyAgreement(plan, school, actor, metOn, at, today) : agreeForLa(plan, actor, at, today);
    const people = await tx.find('people', tenantId);
    const other =
      request.side === 'la'
        ? headteacherOf(school, people)
        : (people.find((p) => p.id === plan.agreement.laAgreedBy) ?? (plan.officerId ? people.find((p) => p.id === plan.officerId) : undefined) ?? linkOfficerOf(school, people));
    const live = { ...plan, ...patch, version: plan.version + 1 };
    const outboxIds = other && other.id !== actor.id ? [await queueAgreementNotice(tx, tenantId, { plan: live, wentLive, school, by: actor, to: other, side: request.side }, now, deps.timeZone)] : [];
    const said = request.side === 'la' ? 'Agreed for the LA' : `Governing body's agreement recorded (meeting on ${longDate(metOn!, deps.timeZone)})`;
    const what = [wentLive && live.startsOn && live.endsOn ? `${said}. The plan is live from ${longDate(live.startsOn, deps.timeZone)} to ${longDate(live.endsOn, deps.timeZone)}` : said];
    return { patch, what, outboxIds, action: wentLive ? 'actionPlan.live' : 'actionPlan.agreed', versioned: false };
  });
}
