import { theConcernsLead } from '../../domain/concern.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { CONCERN_CARD } from '../concerns/concern-view.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import type { StoreReader, StoreTransaction } from '../ports/store.port.js';

/** The longest concern the `concerns` collection takes (ConfidentialConcernSchema). */
export const MAX_CONCERN_LENGTH = 4000;

/**
 * What a concern is about: a school (or, raised at a visit to a partnership as a whole, the partnership), and the
 * visit note it travels with when raised on the agenda card.
 */
export interface ConcernSubject {
  schoolUrn?: string;
  partnership?: string;
  visitId?: string;
}

/** Where the visitor is told the concern was kept: apart from the note it came with, or on its own. */
const keptApart = (subject: ConcernSubject) => (subject.visitId ? 'is stored apart from this note' : 'is stored');

/**
 * Stores a concern in the `concerns` collection (never in a visit) inside the caller's unit of work, so it is
 * kept exactly when the rest of the unit is: a visit note refused is a concern not raised. It belongs to the
 * concerns lead of the moment (none while nobody, or more than one person, holds the role).
 */
export async function recordConcern(tx: StoreTransaction, tenantId: string, actor: Person, subject: ConcernSubject, text: string, now: Date): Promise<string> {
  const { lead } = theConcernsLead(await tx.find('people', tenantId));
  const concern = await tx.insert(
    'concerns',
    tenantId,
    {
      ...(subject.visitId ? { visitId: subject.visitId } : {}),
      ...(subject.schoolUrn ? { schoolUrn: subject.schoolUrn } : {}),
      ...(subject.partnership ? { partnership: subject.partnership } : {}),
      raisedBy: actor.id,
      ...(lead ? { leadId: lead.id } : {}),
      text,
      raisedAt: now.toISOString(),
    },
    { action: 'concern.raised' },
  );
  return concern.id;
}

/** The lead a stored concern goes to: the one it belongs to, or (unassigned) the one named lead now. */
async function leadOf(store: StoreReader, tenantId: string, leadId: string | undefined): Promise<{ lead?: Person; holders: number }> {
  if (leadId) {
    const lead = await store.get('people', tenantId, leadId);
    return { lead, holders: lead ? 1 : 0 };
  }
  const { lead, holders } = theConcernsLead(await store.find('people', tenantId));
  return { lead, holders: holders.length };
}

/**
 * Sends a stored concern to its concerns lead, privately: the outbox holds only the concern's id, its text is
 * read at send time. Returns a sentence for the visitor saying where it went, never quoting it. With no lead
 * (or more than one person holding the role) it is kept all the same and the visitor is told to have the role
 * settled. Repeating it (a Teams retry) sends nothing twice: the notice's key is the concern and the lead.
 */
export async function tellConcernsLead(deps: DeliveryDeps, tenantId: string, actor: Person, concernId: string): Promise<string> {
  const concern = await deps.store.get('concerns', tenantId, concernId);
  if (!concern) return 'Your confidential concern could not be found again after it was stored. Please tell the concerns lead.';
  // The id only: a log line tying a concern to its visit would tell its reader which visit had one.
  deps.logger.info({ concernId }, 'confidential concern raised');
  const subject = { schoolUrn: concern.schoolUrn, visitId: concern.visitId };
  const { lead, holders } = await leadOf(deps.store, tenantId, concern.leadId);
  if (!lead) {
    const why = holders > 1 ? 'more than one person holds the concerns lead role' : 'no concerns lead is registered';
    const ask = holders > 1 ? 'ask an administrator to hand the role over to one person' : 'ask an administrator to register the concerns lead';
    return `Your confidential concern ${keptApart(subject)}, but ${why}, so nobody has read it yet. Please ${ask}.`;
  }
  const outcome = await deliver(deps, {
    tenantId,
    to: { person: lead.id },
    content: { kind: 'concern', concernId, card: CONCERN_CARD },
    about: 'a confidential concern',
    requestedBy: actor.id,
    idempotencyKey: `concern.notice:${concernId}:${lead.id}`,
  });
  if (outcome.status === 'sent') {
    const notPart = subject.visitId ? "It is not part of this note or the school's copy." : 'It is not part of any visit note.';
    return `Your confidential concern went privately to the concerns lead (${lead.name}) and nobody else. ${notPart}`;
  }
  if (outcome.status === 'queued') return `Your confidential concern ${keptApart(subject)}. ${outcome.message}`;
  return `Your confidential concern ${keptApart(subject)}, but the concerns lead could not be told: ${outcome.reason}. Please tell them it is waiting.`;
}

/**
 * `concern <school>`: an officer raises a confidential concern with no visit. It goes to the concerns lead
 * exactly as one raised with a visit note does. `key` makes a repeated press of the same card (a double
 * click, a Teams retry) raise it once.
 */
export async function raiseConcern(deps: DeliveryDeps, tenantId: string, actor: Person, subject: ConcernSubject, text: string, key: string): Promise<{ concernId: string; notice: string }> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only officers and SIT members raise confidential concerns.');
  const { value: concernId } = await deps.store.transact((tx) => recordConcern(tx, tenantId, actor, subject, text, deps.clock.now()), {
    actor: actor.id,
    idempotencyKey: `concern.raise:${key}`,
  });
  return { concernId, notice: await tellConcernsLead(deps, tenantId, actor, concernId) };
}
