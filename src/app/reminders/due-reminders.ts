import { daysBetween, DEFAULT_TIME_ZONE, localDate } from '../../domain/academic-year.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { StoreReader } from '../ports/store.port.js';
import { healthCheckView, HOW_TO_ACKNOWLEDGE, namesOf } from '../health-checks/health-check-view.js';
import { selfEvaluationContext, selfEvaluationView } from '../self-evaluation/self-evaluation-view.js';
import { mailHtml } from '../notices/mail-html.js';
import type { PersonNotice } from '../notices/notify-person.js';

/** A headteacher is reminded of a health check they have not acknowledged from this many days after it was sent. */
export const ACKNOWLEDGE_REMINDER_AFTER_DAYS = 7;
/** The officer is reminded of annual-visit feedback from this many days before its agreed date. */
export const FEEDBACK_REMINDER_DAYS_BEFORE = 7;

export type ReminderKind = 'healthCheckUnacknowledged' | 'feedbackDueSoon' | 'feedbackOverdue';

/** One reminder for one person about one record, due today. */
export interface Reminder {
  /** The same item on the same day has the same key, so it is sent once however often the job runs. */
  key: string;
  kind: ReminderKind;
  recordId: string;
  personId: string;
  notice: PersonNotice;
}

const recipient = (p: Person) => ({ aadObjectId: p.aadObjectId, name: p.name, email: p.email });

/**
 * Who to remind of what at `now`: headteachers of health checks still unacknowledged a week after they were sent,
 * and officers of annual-visit feedback due within a week or overdue. Each reminder is due once a day while the
 * item stays open; it names ids and schools, never the content of a check or a judgement beyond what its card shows.
 */
export async function dueReminders(store: StoreReader, tenantId: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Promise<Reminder[]> {
  const today = localDate(now, timeZone);
  const [schools, people, checks, sefs] = await Promise.all([
    store.find('schools', tenantId),
    store.find('people', tenantId),
    store.find('healthChecks', tenantId, { status: 'awaitingAcknowledgement' }),
    store.find('selfEvaluations', tenantId),
  ]);
  const names = namesOf(people);
  const reminders: Reminder[] = [];

  for (const check of checks) {
    const school = schools.find((s) => s.urn === check.urn);
    if (!school || daysBetween(localDate(check.submittedAt, timeZone), today) < ACKNOWLEDGE_REMINDER_AFTER_DAYS) continue;
    const head = people.find((p) => p.id === check.headteacherId) ?? headteacherOf(school, people);
    if (!head) continue;
    const key = `healthCheckUnacknowledged:${check.id}:${today}`;
    const text = `Reminder: the health check for ${school.name} held on ${check.heldOn} is waiting for your acknowledgement.`;
    reminders.push({
      key,
      kind: 'healthCheckUnacknowledged',
      recordId: check.id,
      personId: head.id,
      notice: {
        to: recipient(head),
        message: { text, card: { name: 'health-check-summary', data: healthCheckView(check, school, names, head) } },
        mail: { to: [head.email], subject: `Reminder: acknowledge the health check for ${school.name}`, html: mailHtml('Health check awaiting acknowledgement', [text, HOW_TO_ACKNOWLEDGE]) },
        idempotencyKey: `reminder:${key}`,
      },
    });
  }

  for (const sef of sefs) {
    if (!sef.judgement || sef.feedbackGiven) continue;
    const daysLeft = daysBetween(today, sef.judgement.feedbackDueOn);
    const school = schools.find((s) => s.urn === sef.urn);
    const officer = people.find((p) => p.id === sef.judgement!.personId);
    if (daysLeft > FEEDBACK_REMINDER_DAYS_BEFORE || !school || !officer) continue;
    const kind: ReminderKind = daysLeft < 0 ? 'feedbackOverdue' : 'feedbackDueSoon';
    const key = `${kind}:${sef.id}:${today}`;
    const when = daysLeft < 0 ? `was due on ${sef.judgement.feedbackDueOn}` : `is due on ${sef.judgement.feedbackDueOn}`;
    const text = `Reminder: the annual-visit feedback for ${school.name} ${when}. Record it on the self-evaluation card once given.`;
    reminders.push({
      key,
      kind,
      recordId: sef.id,
      personId: officer.id,
      notice: {
        to: recipient(officer),
        message: { text, card: { name: 'self-evaluation', data: selfEvaluationView(sef, await selfEvaluationContext(store, tenantId, sef.urn), officer, now, timeZone) } },
        mail: { to: [officer.email], subject: `Reminder: annual-visit feedback for ${school.name}`, html: mailHtml('Annual-visit feedback', [text]) },
        idempotencyKey: `reminder:${key}`,
      },
    });
  }
  return reminders;
}
