import { localDate } from '../../domain/academic-year.js';
import { isConfirmed, MILESTONE_STATUS_LABELS, mayReadPlan, milestonesOf, milestoneStanding, type ActionPlan } from '../../domain/action-plan.js';
import { NotAllowedError } from '../../domain/errors.js';
import { shortDate } from '../../domain/human-date.js';
import { openQuery } from '../../domain/milestone-steps.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { isOpen, type School } from '../../domain/school.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';

/** One milestone on a person's list, with what opens its card. */
export interface MilestoneRow {
  planId: string;
  milestoneId: string;
  schoolName: string;
  target: string;
  due: string;
  /** Due soon, due today, overdue, or its status. */
  standing: string;
  /** A query waits for the headteacher's answer. */
  queried: boolean;
}

export interface MilestoneList {
  /** Whose list it is: the headteacher's (or delegate's) to confirm, or the officer's linked schools'. */
  viewer: 'headteacher' | 'officer';
  rows: MilestoneRow[];
}

const STANDING_WORDS = { overdue: 'Overdue', dueToday: 'Due today', dueSoon: 'Due soon', upcoming: 'Upcoming' } as const;

/**
 * `milestones`: the open milestones of the live plans the person confirms for (their school's as headteacher, or a
 * plan that names them as delegate), with any confirmed one whose query waits for their answer; for an officer, every
 * milestone of the live plans of their linked schools. Soonest first. Only plans the person may read are listed (a
 * delegate never sees an individual staff support plan's). With `schoolPlansOnly` (an answer outside a 1:1 chat, e.g.
 * in the SIT channel), individual staff support plans are left out: they are for the headteacher and their officer.
 */
export async function listMilestones(store: StoreReader, tenantId: string, person: Person, now: Date, timeZone: Zone, options: { schoolPlansOnly?: boolean } = {}): Promise<MilestoneList> {
  const [schools, plans] = await Promise.all([store.find('schools', tenantId), store.find('actionPlans', tenantId, { status: 'live' })]);
  const today = localDate(now, timeZone);
  const schoolOf = (p: ActionPlan) => schools.find((s) => s.urn === p.urn && isOpen(s));
  const confirmsFor = (p: ActionPlan, s: School) => (isSchoolHeadteacher(person, s) || p.delegateIds.includes(person.id)) && mayReadPlan(person, p, s);
  const shown = (p: ActionPlan) => !options.schoolPlansOnly || p.kind === 'school';
  const own = plans.filter((p) => {
    const s = schoolOf(p);
    return !!s && confirmsFor(p, s);
  });
  const officer = !own.length && isOfficer(person);
  if (!own.length && !officer) {
    if (schools.some((s) => isSchoolHeadteacher(person, s))) return { viewer: 'headteacher', rows: [] };
    throw new NotAllowedError('Only headteachers, the delegates they name on a plan, and officers have action-plan milestones to list.');
  }
  const chosen = (officer ? plans.filter((p) => schoolOf(p)?.linkOfficerEmail === person.email && mayReadPlan(person, p, schoolOf(p)!)) : own).filter(shown);
  const rows = chosen
    .flatMap((plan) => milestonesOf(plan).map(({ milestone: m }) => ({ plan, m })))
    .filter(({ m }) => officer || !isConfirmed(m) || !!openQuery(m))
    .sort((a, b) => a.m.due.localeCompare(b.m.due))
    .map(({ plan, m }) => {
      const standing = milestoneStanding(m, today);
      return {
        planId: plan.id,
        milestoneId: m.id,
        schoolName: schoolOf(plan)!.name,
        target: m.target,
        due: shortDate(m.due, timeZone, today),
        standing: standing === 'confirmed' ? MILESTONE_STATUS_LABELS[m.status] : STANDING_WORDS[standing],
        queried: !!openQuery(m),
      };
    });
  return { viewer: officer ? 'officer' : 'headteacher', rows };
}
