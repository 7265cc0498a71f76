import { mayReadConcerns } from '../../domain/concern.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { Store } from '../ports/store.port.js';

/** What a handover did: who handed over to whom, and how many open concerns moved with the role. */
export interface HandoverReport {
  from: { name: string; email: string };
  to: { name: string; email: string };
  moved: number;
}

/** The CLI command an administrator hands the role over with, named wherever the role cannot change another way. */
export const HANDOVER_COMMAND = 'concerns-lead handover <from-email> <to-email>';

/**
 * Hands the concerns lead role from one named person to another, with every open concern of theirs (raised
 * to them, or while nobody held the role): the new lead reads them in Teams from then on (and is sent each by the
 * next concern notices run), and the former lead none. Concerns already handled stay with the lead who handled them. One unit of work: the role leaves one
 * person, reaches the other and the concerns move together, or nothing changes. The audit trail records
 * `concernsLead.handedOver` on both people and `concern.handedOver` on each concern (records, never text).
 */
export async function handOverConcernsLead(store: Store, tenantId: string, actor: string, fromEmail: string, toEmail: string): Promise<HandoverReport> {
  const [from, to] = [fromEmail, toEmail].map((e) => e.trim().toLowerCase());
  const { value } = await store.transact(
    async (tx) => {
      const people = await tx.find('people', tenantId);
      const byEmail = (email: string, which: string): Person => {
        const person = people.find((p) => p.email === email);
        if (!person) throw new InvalidInputError(`Nobody in the people register has the e-mail ${email} (the ${which}).`, which);
        return person;
      };
      const outgoing = byEmail(from!, 'from-email');
      const incoming = byEmail(to!, 'to-email');
      if (!mayReadConcerns(outgoing)) {
        const holder = people.find(mayReadConcerns);
        const now = holder ? `the concerns lead is ${holder.name} (${holder.email})` : 'nobody is the concerns lead (give the role with import-people)';
        throw new InvalidInputError(`${outgoing.name} (${from}) is not the concerns lead: ${now}. Nothing was changed.`, 'from-email');
      }
      if (outgoing.id === incoming.id) throw new InvalidInputError(`${outgoing.name} (${from}) is already the concerns lead. Nothing was changed.`, 'to-email');

      const options = { action: 'concernsLead.handedOver' };
      await tx.update('people', tenantId, outgoing.id, outgoing.version, { roles: outgoing.roles.filter((r) => r !== 'concernsLead') }, options);
      if (!mayReadConcerns(incoming)) await tx.update('people', tenantId, incoming.id, incoming.version, { roles: [...incoming.roles, 'concernsLead'] }, options);
      // Every other holder too (a store from before the role became one person's): after this, one lead.
      for (const other of people.filter((p) => mayReadConcerns(p) && p.id !== outgoing.id && p.id !== incoming.id)) {
        await tx.update('people', tenantId, other.id, other.version, { roles: other.roles.filter((r) => r !== 'concernsLead') }, options);
      }

      let moved = 0;
      for (const concern of await tx.find('concerns', tenantId)) {
        const theirs = concern.leadId === undefined || concern.leadId === outgoing.id;
        if (!theirs) continue;
        // Open ones move to the new lead; one already handled stays with the lead it was raised to.
        const leadId = concern.handled ? (concern.leadId ?? outgoing.id) : incoming.id;
        if (leadId === concern.leadId) continue;
        // An open one moved is one the new lead has not been told of: the hourly concern notices send it to them.
        const patch = concern.handled ? { leadId } : { leadId, leadNotifiedAt: undefined };
        await tx.update('concerns', tenantId, concern.id, 'any', patch, { action: 'concern.handedOver' });
        if (!concern.handled) moved += 1;
      }
      return { from: { name: outgoing.name, email: outgoing.email }, to: { name: incoming.name, email: incoming.email }, moved };
    },
    { actor, serializable: true },
  );
  return value;
}
