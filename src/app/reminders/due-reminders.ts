import { academicYearOf, daysBetween, DEFAULT_TIME_ZONE, localDate } from '../../domain/academic-year.js';
import type { Person } from '../../domain/person.js';
import type { SelfEvaluation } from '../../domain/self-evaluation.js';
import { feedbackDueOf, type AnnualFeedback, type FeedbackDue } from '../../domain/annual-feedback.js';
import { longDate } from '../../domain/human-date.js';
import { zoneName, type Zone } from '../../domain/time-zone.js';
import { annualFeedbackView } from '../self-evaluation/annual-feedback.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { StoreReader } from '../ports/store.port.js';
import { healthCheckView, HOW_TO_ACKNOWLEDGE, namesOf } from '../health-checks/health-check-view.js';
import { selfEvaluationContext, selfEvaluationView } from '../self-evaluation/self-evaluation-view.js';
import { mailHtml } from '../notices/mail-html.js';
import type { PersonNotice } from '../notices/notify-person.js';
import { openSchools } from '../schools/open-schools.js';

/** A headteacher is reminded of a health check they have not acknowledged from this many days after it was sent. */
export const ACKNOWLEDGE_REMINDER_AFTER_DAYS = 7;
/** The officer is reminded of annual-visit feedback from this many days before its agreed date. */
export const FEEDBACK_REMINDER_DAYS_BEFORE = 7;
/** After the first, a reminder about the same item goes once a week: daily reminders get ignored. */
export const REMINDER_INTERVAL_DAYS = 7;
/**
 * At most this many reminders about one item (an unacknowledged check, overdue feedback): after four weeks more
 * of the same will not help, and the officer's lists still show it.
 */
export const MAX_REMINDERS = 4;

/**
 * Which reminder about an item is due `days` after it first became due (day 0): the 1st on day 0, the 2nd a
 * week later, and so on up to MAX_REMINDERS; undefined before day 0 and after the last. Keyed by this number
 * rather than the date, a run that was missed (a weekend, downtime) sends it at the next run, still once.
 */
export function reminderNumber(days: number): number | undefined {
  if (days < 0) return undefined;
  const n = Math.floor(days / REMINDER_INTERVAL_DAYS) + 1;
  return n <= MAX_REMINDERS ? n : undefined;
}

export type ReminderKind = 'healthCheckUnacknowledged' | 'feedbackDueSoon' | 'feedbackOverdue';

/** One reminder for one person about one record, due today. */
export interface Reminder {
  /** The same reminder about the same item has the same key (its number, not the date), so it is sent once however often the job runs. */
  key: string;
  kind: ReminderKind;
  recordId: string;
  personId: string;
  notice: PersonNotice;
}

/** Every school's feedback date this year: the judged self-evaluation's, else the one agreed on its own. */
function feedbackDues(sefs: readonly SelfEvaluation[], feedback: readonly AnnualFeedback[]): FeedbackDue[] {
  const urns = new Set([...sefs.map((e) => e.urn), ...feedback.map((f) => f.urn)]);
  return [...urns].flatMap((urn) => feedbackDueOf(sefs.find((e) => e.urn === urn), feedback.find((f) => f.urn === urn)) ?? []);
}

const recipient = (p: Person) => ({ aadObjectId: p.aadObjectId, name: p.name, email: p.email });

/**
 * Who to remind of what at `now`, for this academic year's items only (last year's are history, not to-dos):
 * - the headteacher of a health check still unacknowledged a week after it was sent, then weekly, at most
 *   MAX_REMINDERS times;
 * - the officer of agreed annual-visit feedback once when it is due within a week, then when it is overdue on
 *   the day after its date and weekly after that, at most MAX_REMINDERS times — for every school, the date agreed
 *   with a judged self-evaluation or, where there is none (an academy that did not self-evaluate), on its own.
 * A reminder names ids and schools, never the content of a check or a judgement beyond what its card shows.
 */
export async function dueReminders(store: StoreReader, tenantId: string, now: Date, timeZone: Zone = DEFAULT_TIME_ZONE): Promise<Reminder[]> {
  const today = localDate(now, timeZone);
  const year = academicYearOf(now, timeZone);
  const [schools, people, checks, sefs, feedback] = await Promise.all([
    openSchools(store, tenantId),
    store.find('people', tenantId),
    store.find('healthChecks', tenantId, { status: 'awaitingAcknowledgement' }),
    store.find('selfEvaluations', tenantId, { academicYear: year.label }),
    store.find('annualFeedback', tenantId, { academicYear: year.label }),
  ]);
  const names = namesOf(people);
  const reminders: Reminder[] = [];

  for (const check of checks) {
    const school = schools.find((s) => s.urn === check.urn);
    const sentOn = localDate(check.submittedAt, timeZone);
    const number = reminderNumber(daysBetween(sentOn, today) - ACKNOWLEDGE_REMINDER_AFTER_DAYS);
    if (!school || sentOn < year.start || !number) continue;
    const head = people.find((p) => p.id === check.headteacherId) ?? headteacherOf(school, people);
    if (!head) continue;
    const key = `healthCheckUnacknowledged:${check.id}:${number}`;
    const text = `Reminder: the health check for ${school.name} held on ${longDate(check.heldOn, timeZone)} is waiting for your acknowledgement.`;
    reminders.push({
      key,
      kind: 'healthCheckUnacknowledged',
      recordId: check.id,
      personId: head.id,
      notice: {
        to: recipient(head),
        message: { text, card: { name: 'health-check-summary', data: healthCheckView(check, school, names, head, timeZone) } },
        mail: { to: [head.email], subject: `Reminder: acknowledge the health check for ${school.name}`, html: mailHtml('Health check awaiting acknowledgement', [text, HOW_TO_ACKNOWLEDGE]) },
        idempotencyKey: `reminder:${key}`,
      },
    });
  }

  for (const due of feedbackDues(sefs, feedback)) {
    if (due.given) continue;
    const daysLeft = daysBetween(today, due.dueOn);
    const school = schools.find((s) => s.urn === due.urn);
    const officer = people.find((p) => p.id === due.officerId);
    const kind: ReminderKind = daysLeft < 0 ? 'feedbackOverdue' : 'feedbackDueSoon';
    // Due soon: once, within the week before. Overdue: from the day after, weekly, capped.
    const number = kind === 'feedbackDueSoon' ? (daysLeft <= FEEDBACK_REMINDER_DAYS_BEFORE ? 1 : undefined) : reminderNumber(-daysLeft - 1);
    if (!number || !school || !officer) continue;
    const key = `${kind}:${due.recordId}:${number}`;
    const when = `${daysLeft < 0 ? 'was' : 'is'} due on ${longDate(due.dueOn, timeZone)}`;
    const where = due.source === 'selfEvaluation' ? 'the self-evaluation card' : `the feedback card (type sef ${school.urn})`;
    const text = `Reminder: the annual-visit feedback for ${school.name} ${when}. Record it on ${where} once given.`;
    const card =
      due.source === 'selfEvaluation'
        ? { name: 'self-evaluation', data: selfEvaluationView(sefs.find((e) => e.id === due.recordId)!, await selfEvaluationContext(store, tenantId, due.urn), officer, now, timeZone) }
        : { name: 'annual-feedback', data: { ...(await annualFeedbackView({ store, clock: { now: () => now }, timeZone }, tenantId, officer, due.urn)), timeZone: zoneName(timeZone) } };
    reminders.push({
      key,
      kind,
      recordId: due.recordId,
      personId: officer.id,
      notice: {
        to: recipient(officer),
        message: { text, card },
        mail: { to: [officer.email], subject: `Reminder: annual-visit feedback for ${school.name}`, html: mailHtml('Annual-visit feedback', [text]) },
        idempotencyKey: `reminder:${key}`,
      },
    });
  }
  return reminders;
}
