import { localDate } from '../../domain/academic-year.js';
import { InvalidInputError, NotAllowedError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf, maySeeSchoolReview } from '../../domain/school-roles.js';
import {
  assertMay,
  JudgementInputSchema,
  judgementOf,
  type SelfEvaluation,
  type SelfEvaluationAction,
} from '../../domain/self-evaluation.js';
import type { SelfEvaluationDeps } from './submit-self-evaluation.js';
import { selfEvaluationContext, selfEvaluationView, viewerOf, type SelfEvaluationView } from './self-evaluation-view.js';
import { queuedStanding } from '../delivery/enqueue.js';
import { toldOf, type Told } from '../notices/told.js';
import type { SelfEvaluationAsk } from './self-evaluation-notice.js';
import { queueSelfEvaluationNotice } from './tell-about-self-evaluation.js';
import { overLimit, TEXT_LIMITS } from '../../domain/text-limits.js';
import { worded } from '../../domain/issue-wording.js';

/** A button pressed on the sign-off card, with the officer's judgement inputs when agreeing or challenging. */
export interface SignOffRequest {
  selfEvaluationId: string;
  /** The version the card showed. */
  expectedVersion: number;
  action: SelfEvaluationAction;
  judgement?: { furtherChallenge?: boolean; comments?: string; feedbackDueOn?: string };
}

const EVENT: Record<SelfEvaluationAction, SelfEvaluation['history'][number]['event']> = {
  agree: 'agreed',
  challenge: 'challenged',
  sign: 'signed',
  feedbackGiven: 'feedbackGiven',
};

/** What the headteacher is asked once the officer has judged: sign an agreed one, revise a challenged one. */
const ASK_HEADTEACHER: Partial<Record<SelfEvaluationAction, SelfEvaluationAsk>> = { agree: 'sign', challenge: 'revise' };

function patchFor(sef: SelfEvaluation, request: SignOffRequest, actor: Person, now: Date, today: string): Partial<SelfEvaluation> {
  const at = now.toISOString();
  const history = [...sef.history, { at, personId: actor.id, event: EVENT[request.action] }];
  if (request.action === 'sign') return { headteacherSignature: { personId: actor.id, at }, history };
  if (request.action === 'feedbackGiven') return { feedbackGiven: { personId: actor.id, on: today }, history };
  const decision = request.action === 'agree' ? 'agreed' : 'challenged';
  const tooLong = overLimit('The comments', request.judgement?.comments, TEXT_LIMITS.judgementComments);
  if (tooLong) throw new InvalidInputError(tooLong, 'comments');
  const parsed = JudgementInputSchema.safeParse({ ...request.judgement, decision }, worded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    throw new InvalidInputError(field === 'feedbackDueOn' ? 'Give the date the annual-visit feedback is due' : issue.message, field);
  }
  if (parsed.data.feedbackDueOn < today) throw new InvalidInputError('The annual-visit feedback cannot be due before today', 'feedbackDueOn');
  return { status: decision, judgement: judgementOf(parsed.data, actor.id, at), history };
}

/**
 * The two-party sign-off: the link officer agrees (accurate and robust) or challenges, with comments and the
 * date the annual-visit feedback is due; the headteacher then signs an agreed one, or revises and resubmits a
 * challenged one; the officer later records the feedback as given. Anyone pressing a button that is not theirs is refused and nothing changes; a button pressed on
 * an out-of-date card is refused as stale.
 */
export async function signOffSelfEvaluation(
  deps: SelfEvaluationDeps,
  tenantId: string,
  actor: Person,
  request: SignOffRequest,
  idempotencyKey: string,
): Promise<{ view: SelfEvaluationView; replayed: boolean; told?: Told; outboxIds: string[] }> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timeZone);
  const { value: outboxIds, replayed } = await deps.store.transact(
    async (tx) => {
      const sef = await tx.get('selfEvaluations', tenantId, request.selfEvaluationId);
      if (!sef) throw new NotFoundError('The self-evaluation', request.selfEvaluationId);
      const school = (await tx.find('schools', tenantId, { urn: sef.urn }))[0];
      if (!school) throw new NotFoundError(`The school ${sef.urn}`);
      const people = await tx.find('people', tenantId);
      assertMay(sef, viewerOf(actor, school, people, sef), request.action);
      if (sef.version !== request.expectedVersion) throw new StaleWriteError('selfEvaluations', sef.id, request.expectedVersion, sef.version);
      const updated = await tx.update('selfEvaluations', tenantId, sef.id, sef.version, patchFor(sef, request, actor, now, today), { action: `selfEvaluation.${EVENT[request.action]}` });
      // Told in the same unit of work, sent right after the commit (or by the outbox job if the bot stops first).
      const headteacher = headteacherOf(school, people);
      const ask = ASK_HEADTEACHER[request.action];
      return headteacher && ask ? [await queueSelfEvaluationNotice(tx, tenantId, { sef: updated, schoolName: school.name, to: headteacher, requestedBy: actor.id, ask }, now)] : [];
    },
    { actor: actor.id, idempotencyKey },
  );
  // Nothing is sent here: the caller sends `outboxIds` once it has answered.
  const [dispatched] = await queuedStanding(deps, tenantId, outboxIds);
  const told = dispatched && toldOf(dispatched);
  const sef = (await deps.store.get('selfEvaluations', tenantId, request.selfEvaluationId))!;
  const context = await selfEvaluationContext(deps.store, tenantId, sef.urn);
  return { view: selfEvaluationView(sef, context, actor, now, deps.timeZone), replayed, told, outboxIds };
}

/**
 * The sign-off card as this person sees it: what the refresh returns to each viewer. Like a health check, it is
 * for the officers and SIT and the school's headteacher; anyone else is refused and sees nothing of it, not even
 * where it stands (the ids are guessable).
 */
export async function viewSelfEvaluation(deps: Pick<SelfEvaluationDeps, 'store' | 'clock' | 'timeZone'>, tenantId: string, viewer: Person, selfEvaluationId: string): Promise<SelfEvaluationView> {
  const sef = await deps.store.get('selfEvaluations', tenantId, selfEvaluationId);
  if (!sef) throw new NotFoundError('The self-evaluation', selfEvaluationId);
  const context = await selfEvaluationContext(deps.store, tenantId, sef.urn);
  if (!maySeeSchoolReview(viewer, context.school)) throw new NotAllowedError("Only officers and the school's headteacher can see its self-evaluation.");
  return selfEvaluationView(sef, context, viewer, deps.clock.now(), deps.timeZone);
}
