import { localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { latestHealthCheck, nextHealthCheckDue, overallRag, type HealthCheck } from '../../domain/health-check.js';
import type { Rag } from '../../domain/rag.js';
import { hasRole, isOfficer, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';
import type { Clock } from '../ports/clock.port.js';
import type { StoreReader } from '../ports/store.port.js';
import { healthCheckView, namesOf, type HealthCheckView } from './health-check-view.js';
import { openSchools } from '../schools/open-schools.js';

/** One school's line in the officer's health-check list. */
export interface HealthCheckListRow {
  urn: string;
  schoolName: string;
  /** The latest check, if the school has had one. */
  last?: { checkId: string; heldOn: string; overall: Rag; status: 'awaitingAcknowledgement' | 'acknowledged' };
  /** When the next annual check falls due; undefined when the school has never had one (due now). */
  nextDue?: string;
  due: boolean;
}

/** The schools an officer answers for: their link schools and any they held a check at; SIT members see every school. */
function inScope(actor: Person, school: School, heldBy: ReadonlySet<string>): boolean {
  return hasRole(actor, 'sit') || school.linkOfficerEmail === actor.email || heldBy.has(school.urn);
}

/**
 * The officer's list (`healthcheck` with no school): each school's latest check and whether the headteacher
 * has acknowledged it, and when the next is due. Awaiting acknowledgement first, then due, then the rest.
 */
export async function listHealthChecks(store: StoreReader, tenantId: string, clock: Clock, timeZone: Zone, actor: Person): Promise<HealthCheckListRow[]> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only a school improvement officer or SIT member can list health checks.');
  const today = localDate(clock.now(), timeZone);
  const [schools, checks] = await Promise.all([openSchools(store, tenantId), store.find('healthChecks', tenantId)]);
  const heldBy = new Set(checks.filter((c) => c.officerId === actor.id).map((c) => c.urn));
  return rowsFor(schools.filter((s) => inScope(actor, s, heldBy)), checks, today);
}

/** Each school's line, awaiting acknowledgement first, then due, then the rest, by name. */
function rowsFor(schools: readonly School[], checks: readonly HealthCheck[], today: string): HealthCheckListRow[] {
  const rows = schools.map((school): HealthCheckListRow => {
    const last = latestHealthCheck(checks.filter((c) => c.urn === school.urn));
    const nextDue = last && nextHealthCheckDue(last.heldOn);
    return {
      urn: school.urn,
      schoolName: school.name,
      last: last && { checkId: last.id, heldOn: last.heldOn, overall: overallRag(last.areas), status: last.status },
      nextDue,
      due: !nextDue || nextDue <= today,
    };
  });
  const rank = (r: HealthCheckListRow) => (r.last?.status === 'awaitingAcknowledgement' ? 0 : r.due ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || a.schoolName.localeCompare(b.schoolName));
}

/** A headteacher's own schools' health checks: the list's lines and, to acknowledge, each check still awaiting them. */
export interface HeadteacherHealthChecks {
  rows: HealthCheckListRow[];
  awaiting: HealthCheckView[];
}

/**
 * `healthcheck` for a headteacher (by role or by the school register's e-mail): their school's latest check and
 * when the next is due, and each check awaiting their acknowledgement as its summary card with Acknowledge, so the
 * e-mail's "type healthcheck" leads somewhere. Anyone who is neither an officer nor a headteacher is refused.
 */
export async function listHeadteacherHealthChecks(store: StoreReader, tenantId: string, clock: Clock, timeZone: Zone, actor: Person): Promise<HeadteacherHealthChecks> {
  const headed = (await openSchools(store, tenantId)).filter((s) => isSchoolHeadteacher(actor, s));
  if (headed.length === 0) throw new NotAllowedError("Only officers, SIT members and a school's headteacher can see health checks.");
  const urns = new Set(headed.map((s) => s.urn));
  const [checks, people] = await Promise.all([store.find('healthChecks', tenantId), store.find('people', tenantId)]);
  const theirs = checks.filter((c) => urns.has(c.urn));
  const names = namesOf(people);
  const awaiting = theirs
    .filter((c) => c.status === 'awaitingAcknowledgement')
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
    .map((c) => healthCheckView(c, headed.find((s) => s.urn === c.urn)!, names, actor, timeZone));
  return { rows: rowsFor(headed, theirs, localDate(clock.now(), timeZone)), awaiting };
}
