import { academicYearOf, localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { hasRole, isOfficer, type Person } from '../../domain/person.js';
import { feedbackDueOf, isFeedbackOverdue } from '../../domain/annual-feedback.js';
import {
  isSignedOff,
  progressOf,
  selfEvaluationRequirement,
  type SelfEvaluationProgress,
  type SelfEvaluationRequirement,
} from '../../domain/self-evaluation.js';
import type { SelfEvaluationReadDeps } from './open-self-evaluation.js';
import { openSchools } from '../schools/open-schools.js';

/** One school's line in the officer's self-evaluation status list. */
export interface SelfEvaluationStatusRow {
  urn: string;
  schoolName: string;
  requirement: SelfEvaluationRequirement;
  progress: SelfEvaluationProgress;
  signedOff: boolean;
  feedbackDueOn?: string;
  feedbackGiven: boolean;
  feedbackOverdue: boolean;
  selfEvaluationId?: string;
}

export interface SelfEvaluationStatus {
  academicYear: string;
  rows: SelfEvaluationStatusRow[];
}

/**
 * `sef` for an officer: this academic year's self-evaluations of their link schools (every school for a SIT
 * member) — required or invited, how far each has got, and whose annual-visit feedback is overdue (the date agreed with
 * the judgement, or on its own where the school has no judged self-evaluation).
 * Overdue feedback first, then required schools that have not started, then by name.
 */
export async function selfEvaluationStatus(deps: SelfEvaluationReadDeps, tenantId: string, actor: Person): Promise<SelfEvaluationStatus> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only a school improvement officer or SIT member can list self-evaluations.');
  const now = deps.clock.now();
  const academicYear = academicYearOf(now, deps.timeZone).label;
  const today = localDate(now, deps.timeZone);
  const [schools, sefs, feedback] = await Promise.all([
    openSchools(deps.store, tenantId),
    deps.store.find('selfEvaluations', tenantId, { academicYear }),
    deps.store.find('annualFeedback', tenantId, { academicYear }),
  ]);
  const rows = schools
    .filter((s) => hasRole(actor, 'sit') || s.linkOfficerEmail === actor.email)
    .map((school): SelfEvaluationStatusRow => {
      const sef = sefs.find((e) => e.urn === school.urn);
      const due = feedbackDueOf(sef, feedback.find((f) => f.urn === school.urn));
      return {
        urn: school.urn,
        schoolName: school.name,
        requirement: sef?.requirement ?? selfEvaluationRequirement(school),
        progress: progressOf(sef),
        signedOff: !!sef && isSignedOff(sef),
        feedbackDueOn: due?.dueOn,
        feedbackGiven: !!due?.given,
        feedbackOverdue: isFeedbackOverdue(due, today),
        selfEvaluationId: sef?.id,
      };
    });
  const rank = (r: SelfEvaluationStatusRow) => (r.feedbackOverdue ? 0 : r.progress === 'not started' && r.requirement === 'required' ? 1 : 2);
  return { academicYear, rows: rows.sort((a, b) => rank(a) - rank(b) || a.schoolName.localeCompare(b.schoolName)) };
}
