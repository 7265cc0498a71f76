import type { TimeZone } from '../../domain/time-zone.js';
import { findFormDraft } from '../drafts/form-drafts.js';
import type { FormDraft } from '../../domain/form-draft.js';
import { academicYearOf } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { DEFAULT_REPORT_CARD_AREAS } from '../../domain/inspection.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import { areaKey, maySubmit, selfEvaluationAreasFor, selfEvaluationRequirement, type SelfEvaluation, type SelfEvaluationRequirement } from '../../domain/self-evaluation.js';
import type { Clock } from '../ports/clock.port.js';
import type { StoreReader } from '../ports/store.port.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';
import { selfEvaluationContext, selfEvaluationView, type SelfEvaluationView } from './self-evaluation-view.js';
import { openSchools } from '../schools/open-schools.js';

/** What the headteacher fills in: a grade and a line of evidence per area, with what was typed before on a revision. */
export interface SelfEvaluationForm {
  urn: string;
  schoolName: string;
  academicYear: string;
  requirement: SelfEvaluationRequirement;
  /** 0 for a first submission; otherwise the version being revised (a stale revision is refused). */
  expectedVersion: number;
  areas: Array<{ key: string; area: string; grade?: string; evidence?: string }>;
  /** The officer's comments when revising after a challenge. */
  challenge?: string;
}

export type OpenSelfEvaluationResult =
  | Exclude<SchoolLookup, { kind: 'found' }>
  | { kind: 'form'; form: SelfEvaluationForm; draft?: FormDraft }
  | { kind: 'view'; view: SelfEvaluationView }
  | { kind: 'notStarted'; urn: string; schoolName: string; academicYear: string; requirement: SelfEvaluationRequirement };

export interface SelfEvaluationReadDeps {
  store: StoreReader;
  clock: Clock;
  timeZone: TimeZone;
  /** The areas graded: configuration, the Ofsted report-card areas by default. */
  areas?: readonly string[];
}

/**
 * `sef <school>`: this academic year's self-evaluation of a school. The headteacher gets the form while they may
 * still (re)submit, otherwise the sign-off card; an officer gets the sign-off card, or "not started". A headteacher
 * who heads one school need not name it.
 */
export async function openSelfEvaluation(deps: SelfEvaluationReadDeps, tenantId: string, actor: Person, query: string): Promise<OpenSelfEvaluationResult> {
  const headed = (await openSchools(deps.store, tenantId)).filter((s) => isSchoolHeadteacher(actor, s));
  if (!isOfficer(actor) && headed.length === 0) throw new NotAllowedError("Only a school's headteacher or its officer can open its self-evaluation.");
  const lookup: SchoolLookup = !query.trim() && headed.length === 1 ? { kind: 'found', school: headed[0]! } : await findSchool(deps.store, tenantId, query, actor);
  if (lookup.kind !== 'found') return lookup;
  const { school } = lookup;
  const isHead = isSchoolHeadteacher(actor, school);
  if (!isHead && !isOfficer(actor)) throw new NotAllowedError(`Only the headteacher of ${school.name} or an officer can open its self-evaluation.`);
  const academicYear = academicYearOf(deps.clock.now(), deps.timeZone).label;
  const sef = (await deps.store.find('selfEvaluations', tenantId, { urn: school.urn, academicYear }))[0];
  if (isHead && maySubmit(sef)) {
    // The headteacher's own saved draft, if any, comes with the form to resume from.
    const draft = await findFormDraft(deps.store, tenantId, actor, { kind: 'selfEvaluation', urn: school.urn });
    return { kind: 'form', form: formFor(school, academicYear, sef, deps.areas), ...(draft ? { draft } : {}) };
  }
  if (!sef) return { kind: 'notStarted', urn: school.urn, schoolName: school.name, academicYear, requirement: selfEvaluationRequirement(school) };
  const context = await selfEvaluationContext(deps.store, tenantId, school.urn);
  return { kind: 'view', view: selfEvaluationView(sef, context, actor, deps.clock.now(), deps.timeZone) };
}

function formFor(school: School, academicYear: string, sef: SelfEvaluation | undefined, areas?: readonly string[]): SelfEvaluationForm {
  return {
    urn: school.urn,
    schoolName: school.name,
    academicYear,
    requirement: selfEvaluationRequirement(school),
    expectedVersion: sef?.version ?? 0,
    areas: selfEvaluationAreasFor(school, areas ?? DEFAULT_REPORT_CARD_AREAS).map((area) => {
      const before = sef?.grades.find((g) => g.area === area);
      return { key: areaKey(area), area, grade: before?.grade, evidence: before?.evidence };
    }),
    challenge: sef?.status === 'challenged' ? sef.judgement?.comments : undefined,
  };
}
