import { localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { latestHealthCheck, nextHealthCheckDue, overallRag, type Rag } from '../../domain/health-check.js';
import { hasRole, isOfficer, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import type { Clock } from '../ports/clock.port.js';
import type { StoreReader } from '../ports/store.port.js';

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
export async function listHealthChecks(store: StoreReader, tenantId: string, clock: Clock, timeZone: string, actor: Person): Promise<HealthCheckListRow[]> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only a school improvement officer or SIT member can list health checks.');
  const today = localDate(clock.now(), timeZone);
  const [schools, checks] = await Promise.all([store.find('schools', tenantId), store.find('healthChecks', tenantId)]);
  const heldBy = new Set(checks.filter((c) => c.officerId === actor.id).map((c) => c.urn));
  const rows = schools
    .filter((s) => inScope(actor, s, heldBy))
    .map((school): HealthCheckListRow => {
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
