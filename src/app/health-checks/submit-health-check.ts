import { discardFormDraft } from '../drafts/form-drafts.js';
import { localDate } from '../../domain/academic-year.js';
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import {
  AreaRatingSchema,
  areaIssues,
  EARLY_YEARS_OR_SIXTH_FORM,
  HealthCheckAreaIdSchema,
  StageChoiceSchema,
  healthCheckAreaTitle,
  latestHealthCheck,
  type AreaRating,
  type HealthCheck,
} from '../../domain/health-check.js';
import type { Notice } from '../../domain/notice.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { School } from '../../domain/school.js';
import type { StoreTransaction } from '../ports/store.port.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import { HEALTH_CHECK_NOTICE_COMPOSER } from './health-check-notice.js';
import { healthCheckView, namesOf, type HealthCheckView } from './health-check-view.js';
import { overLimit, TEXT_LIMITS } from '../../domain/text-limits.js';
import { worded } from '../../domain/issue-wording.js';

/** What the health-check form sends: one entry per area, as typed. */
export interface HealthCheckSubmission {
  urn: string;
  heldOn: string;
  /** The check the form was opened against (its previous actions were shown); absent for a school's first. */
  previousCheckId?: string;
  /** Which of the early years or sixth form the check looks at (`earlyYears`, `sixthForm`), or `notApplicable`. */
  earlyYearsOrSixthForm?: string;
  areas: Array<{ area: string; rating?: string; evidence?: string; requiredAction?: string; impactOfLastActions?: string }>;
}

/** What filing a health check needs: the store and clock, and delivery to tell the headteacher. */
export type HealthCheckDeps = DeliveryDeps;

export interface SubmittedHealthCheck {
  check: HealthCheck;
  /** The check as the officer sees it (no Acknowledge button). */
  view: HealthCheckView;
  /** The headteacher asked to acknowledge it, when the bot knows one. */
  headteacherName?: string;
  /** How the headteacher was told: `queued` until the notice has gone (after the answer), `none` when the school has no headteacher the bot knows. */
  notice: Notice;
  /** True when this was a repeat of a submit already stored (a double click, a Teams retry). */
  replayed: boolean;
  /** Why the headteacher could not be told, in words for the officer, when they could not. */
  deliveryProblem?: string;
  /** The headteacher's notice, for the caller to send once it has answered (`AfterAnswerDispatcher`). */
  outboxIds: string[];
}

/** The card input an area's problem is shown against: `<area>.<field>`, e.g. `internalAudit.requiredAction`. */
export const areaField = (area: string, field: string) => `${area}.${field}`;

/** What an area's boxes may hold, with the words for each. */
const AREA_TEXT_LIMITS = [
  ['evidence', 'The evidence', TEXT_LIMITS.healthCheckEvidence],
  ['requiredAction', 'The action required', TEXT_LIMITS.healthCheckAction],
  ['impactOfLastActions', 'The impact of the last action', TEXT_LIMITS.healthCheckAction],
] as const;

function titleOf(areaId: string): string {
  const area = HealthCheckAreaIdSchema.safeParse(areaId);
  return area.success ? healthCheckAreaTitle(area.data) : areaId;
}

/** The areas as typed; the early years or sixth form left blank because it is not applicable is no rating at all. */
function parseAreas(submission: HealthCheckSubmission, stage: string | undefined): AreaRating[] {
  const blank = (a: HealthCheckSubmission['areas'][number]) => !a.rating && !a.evidence && !a.requiredAction && !a.impactOfLastActions;
  const typed = submission.areas.filter((a) => !(a.area === EARLY_YEARS_OR_SIXTH_FORM && stage === 'notApplicable' && blank(a)));
  return typed.map((a) => {
    for (const [field, what, limit] of AREA_TEXT_LIMITS) {
      const tooLong = overLimit(`${what} for ${titleOf(a.area)}`, a[field], limit);
      if (tooLong) throw new InvalidInputError(tooLong, areaField(a.area, field));
    }
    const parsed = AreaRatingSchema.safeParse(a, worded);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'rating');
    const title = titleOf(a.area);
    const message = field === 'rating' ? `Rate ${title} red, amber or green` : field === 'evidence' ? `Give the evidence for ${title}` : issue.message;
    throw new InvalidInputError(message, areaField(a.area, field));
  });
}

/** Told to the officer when the school has no headteacher the bot knows. */
const NO_HEADTEACHER = 'The bot does not know who the headteacher is, so nobody was asked to acknowledge it.';

/**
 * Files a health check: validates every area (the early years or sixth form says which applies, or that neither
 * does; Amber and Red need the action required; each previous action's impact is judged), stores it once however often the form is sent, and sends the headteacher the summary to
 * acknowledge. Refused when another check for the school was filed after this form was opened, since its
 * previous actions would then be the wrong ones.
 *
 * The headteacher's notice is recorded in the outbox in the check's own unit of work and sent after the press is
 * answered (built then from the stored check; `outboxIds`): if the bot stops in between, the outbox job sends it;
 * a repeated submit sends whatever the first left unsent and nothing twice. A headteacher who cannot be reached
 * at all is told to the officer by a message, as for every notice the outbox gives up on.
 */
export async function submitHealthCheck(deps: HealthCheckDeps, tenantId: string, actor: Person, submission: HealthCheckSubmission, idempotencyKey: string): Promise<SubmittedHealthCheck> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only a school improvement officer or SIT member can hold a health check.');
  const today = localDate(deps.clock.now(), deps.timeZone);
  const { value, replayed } = await deps.store.transact(
    async (tx) => {
      const school = (await tx.find('schools', tenantId, { urn: submission.urn }))[0];
      if (!school) throw new NotFoundError(`The school ${submission.urn}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(submission.heldOn) || submission.heldOn > today) {
        throw new InvalidInputError('Give the date the health check was held: today or earlier', 'heldOn');
      }
      const previous = latestHealthCheck(await tx.find('healthChecks', tenantId, { urn: school.urn }));
      if (previous?.id !== submission.previousCheckId) {
        throw new ConflictError(`Another health check for ${school.name} was filed since you opened this one: judge the impact of its actions and submit again.`);
      }
      const stage = StageChoiceSchema.safeParse(submission.earlyYearsOrSixthForm?.trim());
      const areas = parseAreas(submission, stage.data);
      const issue = areaIssues(areas, stage.data, previous)[0];
      if (issue) throw new InvalidInputError(issue.message, areaField(issue.area, issue.field));
      const headteacher = headteacherOf(school, await tx.find('people', tenantId));
      const check = await tx.insert(
        'healthChecks',
        tenantId,
        {
          urn: school.urn,
          heldOn: submission.heldOn,
          officerId: actor.id,
          areas,
          earlyYearsOrSixthForm: stage.data,
          previousCheckId: previous?.id,
          headteacherId: headteacher?.id,
          status: 'awaitingAcknowledgement',
          submittedAt: deps.clock.now().toISOString(),
          // Queued with the check; what happened is recorded once it has been tried.
          notice: headteacher ? 'queued' : 'none',
        },
        { action: 'healthCheck.submitted' },
      );
      const outboxIds = headteacher ? [await queueNotice(tx, tenantId, actor, check, school, headteacher, deps.clock.now())] : [];
      // The officer's saved draft of it has been submitted: it goes with the check's own unit of work.
      await discardFormDraft(tx, tenantId, actor, { kind: 'healthCheck', urn: school.urn });
      return { checkId: check.id, outboxIds };
    },
    { actor: actor.id, idempotencyKey, serializable: true },
  );
  // Nothing is sent here: the caller sends `outboxIds` once it has answered (the notice records how it went).
  const stored = (await deps.store.get('healthChecks', tenantId, value.checkId))!;
  const [school, people] = await Promise.all([deps.store.find('schools', tenantId, { urn: stored.urn }).then((s) => s[0]!), deps.store.find('people', tenantId)]);
  return {
    check: stored,
    view: healthCheckView(stored, school, namesOf(people), actor, deps.timeZone),
    headteacherName: people.find((p) => p.id === stored.headteacherId)?.name,
    notice: stored.notice,
    replayed,
    deliveryProblem: stored.headteacherId ? undefined : NO_HEADTEACHER,
    outboxIds: value.outboxIds,
  };
}

/** Records the headteacher's notice in the check's unit of work: a reference to the check, built when it is sent. */
function queueNotice(tx: StoreTransaction, tenantId: string, actor: Person, check: HealthCheck, school: School, headteacher: Person, now: Date): Promise<string> {
  return enqueueDelivery(
    tx,
    {
      tenantId,
      to: { person: headteacher.id },
      content: { kind: 'composed', composer: HEALTH_CHECK_NOTICE_COMPOSER, ref: { checkId: check.id } },
      about: `the health check for ${school.name}`,
      requestedBy: actor.id,
      idempotencyKey: `healthCheck.notice:${check.id}`,
    },
    now,
  );
}
