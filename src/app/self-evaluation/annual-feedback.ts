import { academicYearOf, addDays, localDate } from '../../domain/academic-year.js';
import { feedbackDueOf, isFeedbackOverdue, type AnnualFeedback } from '../../domain/annual-feedback.js';
import { InvalidInputError, NotAllowedError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import { IsoDateSchema } from '../../domain/iso-date.js';
import type { Person } from '../../domain/person.js';
import { maySeeSchoolReview } from '../../domain/school-roles.js';
import { selfEvaluationRequirement, type SelfEvaluationRequirement } from '../../domain/self-evaluation.js';
import type { TimeZone, Zone } from '../../domain/time-zone.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store, StoreReader } from '../ports/store.port.js';
import { DEFAULT_FEEDBACK_DAYS, viewerOf } from './self-evaluation-view.js';

/**
 * The annual-visit feedback of a school with no judged self-evaluation this year (an academy that was invited and
 * did not, or a school not yet judged): the link officer agrees the date it is due and records when it was given,
 * and the reminders that follow a judged self-evaluation's date follow this one too.
 */
export interface AnnualFeedbackView {
  urn: string;
  schoolName: string;
  academicYear: string;
  requirement: SelfEvaluationRequirement;
  /** The record's version (0 before a date is agreed): a press on an older card is refused as stale. */
  version: number;
  dueOn?: string;
  givenOn?: string;
  overdue: boolean;
  /** Offered when no date is agreed yet. */
  defaultDueOn: string;
  /** The link officer (a SIT member where the school has none) may agree the date and record the feedback. */
  mayEdit: boolean;
}

export interface AnnualFeedbackDeps {
  store: Store;
  clock: Clock;
  timeZone: TimeZone;
}

async function schoolAndRecord(store: StoreReader, tenantId: string, urn: string, academicYear: string) {
  const school = (await store.find('schools', tenantId, { urn }))[0];
  if (!school) throw new NotFoundError(`The school ${urn}`);
  const record = (await store.find('annualFeedback', tenantId, { urn, academicYear }))[0];
  return { school, record };
}

/** The feedback card for one viewer: officers and the school's headteacher only. */
export async function annualFeedbackView(deps: { store: StoreReader; clock: Clock; timeZone: Zone }, tenantId: string, viewer: Person, urn: string): Promise<AnnualFeedbackView> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timeZone);
  const academicYear = academicYearOf(now, deps.timeZone).label;
  const { school, record } = await schoolAndRecord(deps.store, tenantId, urn, academicYear);
  if (!maySeeSchoolReview(viewer, school)) throw new NotAllowedError("Only officers and the school's headteacher can see its annual-visit feedback.");
  const people = await deps.store.find('people', tenantId);
  const due = feedbackDueOf(undefined, record);
  return {
    urn: school.urn,
    schoolName: school.name,
    academicYear,
    requirement: selfEvaluationRequirement(school),
    version: record?.version ?? 0,
    dueOn: record?.dueOn,
    givenOn: record?.given?.on,
    overdue: isFeedbackOverdue(due, today),
    defaultDueOn: addDays(today, DEFAULT_FEEDBACK_DAYS),
    mayEdit: viewerOf(viewer, school, people) === 'officer' && !record?.given,
  };
}

export type AnnualFeedbackStep = { kind: 'agreeDate'; dueOn?: string } | { kind: 'given' };

/**
 * The link officer agrees (or moves) the date, or records the feedback as given. Refused, with nothing changed,
 * for anyone else, for a date before today, on an out-of-date card, once the school's self-evaluation has been
 * judged (its date is then agreed with the judgement), and once the feedback is given.
 */
export async function recordAnnualFeedback(
  deps: AnnualFeedbackDeps,
  tenantId: string,
  actor: Person,
  request: { urn: string; expectedVersion: number; step: AnnualFeedbackStep },
  idempotencyKey: string,
): Promise<AnnualFeedbackView> {
  const now = deps.clock.now();
  const today = localDate(now, deps.timeZone);
  const academicYear = academicYearOf(now, deps.timeZone).label;
  await deps.store.transact(
    async (tx) => {
      const { school, record } = await schoolAndRecord(tx, tenantId, request.urn, academicYear);
      if (viewerOf(actor, school, await tx.find('people', tenantId)) !== 'officer') {
        throw new NotAllowedError(`Only the link officer of ${school.name} can agree its annual-visit feedback.`);
      }
      if ((record?.version ?? 0) !== request.expectedVersion) throw new StaleWriteError('annualFeedback', record?.id ?? request.urn, request.expectedVersion, record?.version ?? 0);
      const sef = (await tx.find('selfEvaluations', tenantId, { urn: school.urn, academicYear }))[0];
      if (sef?.judgement) throw new InvalidInputError(`${school.name}'s self-evaluation has been judged: its feedback date is on the self-evaluation card (type sef ${school.urn}).`, 'dueOn');
      if (record?.given) throw new InvalidInputError(`The annual-visit feedback for ${school.name} was already given on ${record.given.on}.`, 'dueOn');
      if (request.step.kind === 'given') {
        if (!record) throw new InvalidInputError('Agree the date the feedback is due first.', 'dueOn');
        await tx.update('annualFeedback', tenantId, record.id, record.version, { given: { personId: actor.id, on: today } }, { action: 'annualFeedback.given' });
        return;
      }
      const dueOn = IsoDateSchema.safeParse(request.step.dueOn);
      if (!dueOn.success) throw new InvalidInputError('Give the date the annual-visit feedback is due.', 'dueOn');
      if (dueOn.data < today) throw new InvalidInputError('The annual-visit feedback cannot be due before today.', 'dueOn');
      const patch: Pick<AnnualFeedback, 'dueOn' | 'agreedBy'> = { dueOn: dueOn.data, agreedBy: actor.id };
      if (record) await tx.update('annualFeedback', tenantId, record.id, record.version, patch, { action: 'annualFeedback.dateAgreed' });
      else await tx.insert('annualFeedback', tenantId, { urn: school.urn, academicYear, ...patch }, { action: 'annualFeedback.dateAgreed' });
    },
    { actor: actor.id, idempotencyKey, serializable: true },
  );
  return annualFeedbackView(deps, tenantId, actor, request.urn);
}
