import { localDate } from '../../domain/academic-year.js';
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import {
  AreaRatingSchema,
  areaIssues,
  healthCheckAreasFor,
  HealthCheckAreaIdSchema,
  healthCheckAreaTitle,
  latestHealthCheck,
  type AreaRating,
  type HealthCheck,
} from '../../domain/health-check.js';
import type { Notice } from '../../domain/notice.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { School } from '../../domain/school.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store } from '../ports/store.port.js';
import { mailHtml } from '../notices/mail-html.js';
import { notifyReporting, type NotifyPerson } from '../notices/notify-person.js';
import { healthCheckView, HOW_TO_ACKNOWLEDGE, namesOf, type HealthCheckView } from './health-check-view.js';

/** What the health-check form sends: one entry per area, as typed. */
export interface HealthCheckSubmission {
  urn: string;
  heldOn: string;
  /** The check the form was opened against (its previous actions were shown); absent for a school's first. */
  previousCheckId?: string;
  areas: Array<{ area: string; rating?: string; evidence?: string; requiredAction?: string; impactOfLastActions?: string }>;
}

export interface HealthCheckDeps {
  store: Store;
  clock: Clock;
  timeZone: string;
  notify: NotifyPerson;
}

export interface SubmittedHealthCheck {
  check: HealthCheck;
  /** The check as the officer sees it (no Acknowledge button). */
  view: HealthCheckView;
  /** The headteacher asked to acknowledge it, when the bot knows one. */
  headteacherName?: string;
  /** How the headteacher was told; `none` when the school has no headteacher the bot knows. */
  notice: Notice;
  /** True when this was a repeat of a submit already stored (a double click, a Teams retry). */
  replayed: boolean;
  /** Why the headteacher could not be told, in words for the officer, when they could not. */
  deliveryProblem?: string;
}

/** The card input an area's problem is shown against: `<area>.<field>`, e.g. `internalAudit.requiredAction`. */
export const areaField = (area: string, field: string) => `${area}.${field}`;

function parseAreas(submission: HealthCheckSubmission): AreaRating[] {
  return submission.areas.map((a) => {
    const parsed = AreaRatingSchema.safeParse(a);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'rating');
    const area = HealthCheckAreaIdSchema.safeParse(a.area);
    const title = area.success ? healthCheckAreaTitle(area.data) : a.area;
    const message = field === 'rating' ? `Rate ${title} red, amber or green` : field === 'evidence' ? `Give the evidence for ${title}` : issue.message;
    throw new InvalidInputError(message, areaField(a.area, field));
  });
}

/**
 * Files a health check: validates every area (Amber and Red need the action required; each previous action's
 * impact is judged), stores it once however often the form is sent, and sends the headteacher the summary to
 * acknowledge. Refused when another check for the school was filed after this form was opened, since its
 * previous actions would then be the wrong ones.
 */
export async function submitHealthCheck(deps: HealthCheckDeps, tenantId: string, actor: Person, submission: HealthCheckSubmission, idempotencyKey: string): Promise<SubmittedHealthCheck> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only a school improvement officer or SIT member can hold a health check.');
  const today = localDate(deps.clock.now(), deps.timeZone);
  const { value: checkId, replayed } = await deps.store.transact(
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
      const areas = parseAreas(submission);
      const issue = areaIssues(areas, healthCheckAreasFor(school), previous)[0];
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
          previousCheckId: previous?.id,
          headteacherId: headteacher?.id,
          status: 'awaitingAcknowledgement',
          submittedAt: deps.clock.now().toISOString(),
          notice: 'none',
        },
        { action: 'healthCheck.submitted' },
      );
      return check.id;
    },
    { actor: actor.id, idempotencyKey },
  );
  const stored = (await deps.store.get('healthChecks', tenantId, checkId))!;
  const [school, people] = await Promise.all([deps.store.find('schools', tenantId, { urn: stored.urn }).then((s) => s[0]!), deps.store.find('people', tenantId)]);
  const headteacher = people.find((p) => p.id === stored.headteacherId);
  const result = (check: HealthCheck, notice: Notice, deliveryProblem?: string): SubmittedHealthCheck => ({
    check,
    view: healthCheckView(check, school, namesOf(people), actor, deps.timeZone),
    headteacherName: headteacher?.name,
    notice,
    replayed,
    deliveryProblem,
  });
  if (replayed) return result(stored, stored.notice);
  const { notice, problem } = await tellHeadteacher(deps, tenantId, actor, stored, school, headteacher);
  if (notice === 'none') return result(stored, notice, problem);
  // Plumbing beside the record: the acknowledgement may land first, and this patch touches nothing it sets.
  const { value } = await deps.store.transact(async (tx) => tx.update('healthChecks', tenantId, checkId, 'any', { notice }), { actor: actor.id });
  return result(value as HealthCheck, notice);
}

/**
 * Sends the headteacher the summary with Acknowledge (Teams, else e-mail, else the outbox). The check is already
 * stored, so a headteacher who cannot be reached at all is reported to the officer rather than failing the submit.
 */
async function tellHeadteacher(
  deps: HealthCheckDeps,
  tenantId: string,
  actor: Person,
  check: HealthCheck,
  school: School,
  headteacher: Person | undefined,
): Promise<{ notice: Notice; problem?: string }> {
  if (!check.headteacherId) return { notice: 'none', problem: 'The bot does not know who the headteacher is, so nobody was asked to acknowledge it.' };
  if (!headteacher) return { notice: 'none', problem: 'The headteacher is no longer registered, so nobody was asked to acknowledge it.' };
  const view = healthCheckView(check, school, namesOf([actor, headteacher]), headteacher, deps.timeZone);
  return notifyReporting(deps.notify, tenantId, {
    to: { aadObjectId: headteacher.aadObjectId, name: headteacher.name, email: headteacher.email },
    message: { text: `Health check for ${school.name} held on ${check.heldOn}: please acknowledge it.`, card: { name: 'health-check-summary', data: view } },
    mail: healthCheckMail(view, headteacher.email, school),
    requestedBy: actor.id,
    idempotencyKey: `healthCheck.notice:${check.id}`,
  });
}

function healthCheckMail(view: HealthCheckView, to: string, school: Pick<School, 'name'>) {
  const rows = view.areas.map((a) => [a.title, `${a.rating.toUpperCase()}: ${a.evidence}${a.requiredAction ? ` Action required: ${a.requiredAction}` : ''}`] as const);
  return {
    to: [to],
    subject: `Health check for ${school.name}: please acknowledge`,
    html: mailHtml(
      `Health check for ${school.name}, ${view.heldOn}`,
      [`${view.officerName} held the school's health check. Overall: ${view.overall.toUpperCase()}.`, HOW_TO_ACKNOWLEDGE],
      rows,
    ),
  };
}
