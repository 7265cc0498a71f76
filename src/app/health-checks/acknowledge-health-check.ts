import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { isSchoolHeadteacher, maySeeSchoolReview } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store } from '../ports/store.port.js';
import { healthCheckView, namesOf, type HealthCheckView } from './health-check-view.js';

/**
 * The headteacher acknowledges the school's health check. Only that school's headteacher may; anyone else
 * is refused and nothing changes. Pressing Acknowledge again (a double click, a retry) changes nothing either.
 */
export async function acknowledgeHealthCheck(deps: { store: Store; clock: Clock; timeZone: Zone }, tenantId: string, actor: Person, checkId: string): Promise<HealthCheckView> {
  const { value } = await deps.store.transact(
    async (tx) => {
      const check = await tx.get('healthChecks', tenantId, checkId);
      if (!check) throw new NotFoundError('The health check', checkId);
      const school = (await tx.find('schools', tenantId, { urn: check.urn }))[0];
      if (!school || !isSchoolHeadteacher(actor, school)) throw new NotAllowedError("Only the school's headteacher can acknowledge its health check.");
      if (check.status === 'acknowledged') return check;
      return await tx.update(
        'healthChecks',
        tenantId,
        checkId,
        check.version,
        { status: 'acknowledged', acknowledgement: { personId: actor.id, at: deps.clock.now().toISOString() } },
        { action: 'healthCheck.acknowledged' },
      );
    },
    { actor: actor.id },
  );
  return viewHealthCheckFor(deps.store, tenantId, actor, value.id, deps.timeZone);
}

/**
 * One check as this person sees it (the summary card, with Acknowledge only for the school's headteacher).
 * A health check is for the school and the improvement team: officers, SIT members and the headteacher.
 */
export async function viewHealthCheckFor(store: Pick<Store, 'get' | 'find'>, tenantId: string, viewer: Person, checkId: string, timeZone: Zone): Promise<HealthCheckView> {
  const check = await store.get('healthChecks', tenantId, checkId);
  if (!check) throw new NotFoundError('The health check', checkId);
  const school = (await store.find('schools', tenantId, { urn: check.urn }))[0];
  if (!school) throw new NotFoundError(`The school ${check.urn}`);
  if (!maySeeSchoolReview(viewer, school)) throw new NotAllowedError("Only officers and the school's headteacher can see its health check.");
  const people = await store.find('people', tenantId);
  return healthCheckView(check, school, namesOf(people), viewer, timeZone);
}
