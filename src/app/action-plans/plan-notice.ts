import type { ActionPlan } from '../../domain/action-plan.js';
import { longDate } from '../../domain/human-date.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import type { Zone } from '../../domain/time-zone.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import { mailHtml } from '../notices/mail-html.js';
import type { StoreTransaction } from '../ports/store.port.js';

/**
 * Records, with the agreement, a notice to the other side (the headteacher, or the link officer). It names the school
 * and what happened, never what the plan says: an individual staff support plan's title may name the member of staff.
 */
export function queueAgreementNotice(
  tx: StoreTransaction,
  tenantId: string,
  about: { plan: Pick<ActionPlan, 'id' | 'version' | 'kind' | 'startsOn' | 'endsOn'>; wentLive: boolean; school: Pick<School, 'urn' | 'name'>; by: Pick<Person, 'id' | 'name'>; to: Pick<Person, 'id'>; side: 'governingBody' | 'la' },
  now: Date,
  timeZone: Zone,
): Promise<string> {
  const { plan, school, by, side } = about;
  const what = plan.kind === 'individual' ? `an individual staff support plan at ${school.name}` : `the action plan for ${school.name}`;
  const agreed = side === 'la' ? `${by.name} agreed ${what} for the LA.` : `${by.name} recorded the governing body's agreement to ${what}.`;
  const next =
    about.wentLive && plan.startsOn && plan.endsOn
      ? `Both sides have agreed it: it is live from ${longDate(plan.startsOn, timeZone)} to ${longDate(plan.endsOn, timeZone)}.`
      : side === 'la'
        ? "It goes live once you record the governing body's agreement."
        : 'It goes live once you agree it for the LA.';
  const open = `Type plan ${school.urn} to see it.`;
  return enqueueDelivery(
    tx,
    {
      tenantId,
      to: { person: about.to.id },
      content: { kind: 'message', message: { text: `${agreed} ${next} ${open}` }, mail: { subject: `Action plan: ${school.name}`, html: mailHtml(agreed, [next, `Open it in Teams (School Improvement Bot): type plan ${school.urn}.`]) } },
      about: `the agreement of ${what}`,
      requestedBy: by.id,
      idempotencyKey: `actionPlan.agreed:${plan.id}:${plan.version}:${side}:${about.to.id}`,
    },
    now,
  );
}
