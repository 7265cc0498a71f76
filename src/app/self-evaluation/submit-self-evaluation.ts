import { discardFormDraft } from '../drafts/form-drafts.js';
import { academicYearOf } from '../../domain/academic-year.js';
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import { DEFAULT_REPORT_CARD_AREAS } from '../../domain/inspection.js';
import type { Person } from '../../domain/person.js';
import { isSchoolHeadteacher, linkOfficerOf } from '../../domain/school-roles.js';
import {
  areaKey,
  maySubmit,
  selfEvaluationAreasFor,
  selfEvaluationRequirement,
  SelfGradeSchema,
  type SelfEvaluation,
  type SelfGrade,
} from '../../domain/self-evaluation.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { queuedStanding } from '../delivery/enqueue.js';
import { toldOf, type Told } from '../notices/told.js';
import { selfEvaluationContext, selfEvaluationView, type SelfEvaluationView } from './self-evaluation-view.js';
import { queueSelfEvaluationNotice } from './tell-about-self-evaluation.js';
import { overLimit, TEXT_LIMITS } from '../../domain/text-limits.js';

/** What the self-evaluation form sends: a grade and evidence per area, as typed. */
export interface SelfEvaluationSubmission {
  urn: string;
  /** The version the form was opened at; 0 when there was none yet. */
  expectedVersion: number;
  grades: Array<{ area: string; grade?: string; evidence?: string }>;
}

/** What the self-evaluation steps need: the store and clock, delivery to tell the other signer, and the areas graded. */
export interface SelfEvaluationDeps extends DeliveryDeps {
  /** The areas graded: configuration, the Ofsted report-card areas by default. */
  areas?: readonly string[];
}

/** One self-evaluation per school and academic year: the id says which, so two first submissions cannot make two. */
export const selfEvaluationId = (urn: string, academicYear: string) => `${urn}-${academicYear.slice(0, 4)}`;

function parseGrades(submission: SelfEvaluationSubmission, areas: readonly string[]): SelfGrade[] {
  return areas.map((area) => {
    const typed = submission.grades.find((g) => g.area === area);
    const tooLong = overLimit(`The evidence for ${area}`, typed?.evidence, TEXT_LIMITS.selfEvaluationEvidence);
    if (tooLong) throw new InvalidInputError(tooLong, `${areaKey(area)}.evidence`);
    const parsed = SelfGradeSchema.safeParse({ area, grade: typed?.grade, evidence: typed?.evidence });
    if (parsed.success) return parsed.data;
    const field = parsed.error.issues[0]!.path[0] === 'grade' ? 'grade' : 'evidence';
    const message = field === 'grade' ? `Choose a grade for ${area}` : `Give a line of evidence for ${area}`;
    throw new InvalidInputError(message, `${areaKey(area)}.${field}`);
  });
}

/**
 * The headteacher submits (or, before it is agreed, revises) the school's self-evaluation for this academic
 * year: required of maintained schools, invited from academies. Stored once however often the form is sent;
 * a revision made against an older version is refused. The link officer is then asked to agree or challenge it:
 * the notice is recorded with the submission and sent right after it commits (the outbox job sends it if the bot
 * stops in between; a repeated submit sends nothing twice).
 */
export async function submitSelfEvaluation(
  deps: SelfEvaluationDeps,
  tenantId: string,
  actor: Person,
  submission: SelfEvaluationSubmission,
  idempotencyKey: string,
): Promise<{ view: SelfEvaluationView; replayed: boolean; told?: Told; outboxIds: string[] }> {
  const now = deps.clock.now();
  const academicYear = academicYearOf(now, deps.timeZone).label;
  const id = selfEvaluationId(submission.urn, academicYear);
  const { value: outboxIds, replayed } = await deps.store.transact(
    async (tx) => {
      const school = (await tx.find('schools', tenantId, { urn: submission.urn }))[0];
      if (!school) throw new NotFoundError(`The school ${submission.urn}`);
      if (!isSchoolHeadteacher(actor, school)) throw new NotAllowedError(`Only the headteacher of ${school.name} can submit its self-evaluation.`);
      const grades = parseGrades(submission, selfEvaluationAreasFor(school, deps.areas ?? DEFAULT_REPORT_CARD_AREAS));
      const existing = await tx.get('selfEvaluations', tenantId, id);
      // The headteacher's saved draft of it is submitted now (if the rest of the unit fails, it stays).
      await discardFormDraft(tx, tenantId, actor, { kind: 'selfEvaluation', urn: school.urn });
      const at = now.toISOString();
      const officer = linkOfficerOf(school, await tx.find('people', tenantId));
      const tellOfficer = async (sef: SelfEvaluation) =>
        officer ? [await queueSelfEvaluationNotice(tx, tenantId, { sef, schoolName: school.name, to: officer, requestedBy: actor.id, ask: 'judge' }, now)] : [];
      if (!existing) {
        if (submission.expectedVersion !== 0) throw new StaleWriteError('selfEvaluations', id, submission.expectedVersion, 0);
        const inserted = await tx.insert(
          'selfEvaluations',
          tenantId,
          {
            id,
            urn: school.urn,
            academicYear,
            requirement: selfEvaluationRequirement(school),
            grades,
            status: 'submitted',
            submission: { personId: actor.id, at },
            history: [{ at, personId: actor.id, event: 'submitted' }],
          },
          { action: 'selfEvaluation.submitted' },
        );
        return tellOfficer(inserted);
      }
      if (!maySubmit(existing)) throw new ConflictError(`The self-evaluation of ${school.name} for ${academicYear} is already agreed; it can no longer be changed.`);
      const revision: Partial<SelfEvaluation> = {
        grades,
        status: 'submitted',
        submission: { personId: actor.id, at },
        // A revision after a challenge is judged afresh: the earlier judgement stays in the history.
        judgement: undefined,
        headteacherSignature: undefined,
        history: [...existing.history, { at, personId: actor.id, event: 'resubmitted' }],
      };
      return tellOfficer(await tx.update('selfEvaluations', tenantId, id, submission.expectedVersion, revision, { action: 'selfEvaluation.resubmitted' }));
    },
    { actor: actor.id, idempotencyKey, serializable: true },
  );
  const sef = (await deps.store.get('selfEvaluations', tenantId, id))!;
  const context = await selfEvaluationContext(deps.store, tenantId, sef.urn);
  // Nothing is sent here: the caller sends `outboxIds` once it has answered.
  const [dispatched] = await queuedStanding(deps, tenantId, outboxIds);
  const told: Told | undefined = dispatched
    ? toldOf(dispatched)
    : replayed
      ? undefined
      : { name: 'the link officer', notice: 'none', problem: `${context.school.name} has no link officer registered: a SIT member will agree or challenge it.` };
  return { view: selfEvaluationView(sef, context, actor, now, deps.timeZone), replayed, told, outboxIds };
}
