import { mayEditPlan, mayReadPlan } from '../../domain/action-plan.js';
import { NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';
import { openSchools } from '../schools/open-schools.js';
import type { StoreReader } from '../ports/store.port.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import { currentPlans, type PlanDeps } from './plan-records.js';
import { planView, type PlanView } from './plan-view.js';

/** A school's plans as one person may see them, and whether they may start one. */
export interface SchoolPlans {
  kind: 'plans';
  school: Pick<School, 'urn' | 'name'>;
  /** The school's action plan, when there is one. */
  schoolPlan?: PlanView;
  /** Individual staff support plans this person may read (the headteacher and their officer alone). */
  individual: PlanView[];
  mayStart: boolean;
}

export type OpenPlansResult = Exclude<SchoolLookup, { kind: 'found' }> | SchoolPlans;

/** A headteacher's one school, so `plan` alone opens its plan; none for anyone else (or a head of several). */
async function ownSchoolUrn(store: StoreReader, tenantId: string, person: Person): Promise<string | undefined> {
  const own = (await openSchools(store, tenantId)).filter((s) => isSchoolHeadteacher(person, s));
  return own.length === 1 ? own[0]!.urn : undefined;
}

/**
 * `plan <school>`: the school's current plan and the individual plans this person may read, or the offer to start
 * one (`plan` alone: a headteacher's own school). Only people who may read the school's plan get anything: another school's headteacher or a governor is refused.
 */
export async function openPlans(deps: Pick<PlanDeps, 'store' | 'clock' | 'timeZone'>, tenantId: string, person: Person, query: string): Promise<OpenPlansResult> {
  const lookup = await findSchool(deps.store, tenantId, query.trim() || ((await ownSchoolUrn(deps.store, tenantId, person)) ?? ''), person);
  if (lookup.kind !== 'found') return lookup;
  const { school } = lookup;
  const plans = await currentPlans(deps.store, tenantId, school.urn);
  const schoolPlan = plans.find((p) => p.kind === 'school');
  const mayStart = mayEditPlan(person, school);
  const readsSchoolPlan = schoolPlan ? mayReadPlan(person, schoolPlan, school) : mayStart;
  if (!readsSchoolPlan && !mayStart) throw new NotAllowedError(`Only the LA's officers, the headteacher of ${school.name} and the delegates they name can see its action plan.`);
  const people = await deps.store.find('people', tenantId);
  const now = deps.clock.now();
  const view = (p: (typeof plans)[number]) => planView(p, school, person, people, now, deps.timeZone);
  return {
    kind: 'plans',
    school: { urn: school.urn, name: school.name },
    ...(schoolPlan && readsSchoolPlan ? { schoolPlan: view(schoolPlan) } : {}),
    individual: plans.filter((p) => p.kind === 'individual' && mayReadPlan(person, p, school)).map(view),
    mayStart,
  };
}
