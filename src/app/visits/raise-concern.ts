import { theConcernsLead } from '../../domain/concern.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { CONCERN_NOTICE_COMPOSER } from '../concerns/concern-notice.js';
import { CONCERN_CARD } from '../concerns/concern-view.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import type { StoreTransaction } from '../ports/store.port.js';

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

/** A concern stored, its lead's notice recorded with it, and the sentence for the person who raised it. */
export type RecordedConcern = {
  concernId: string;
  /** The lead's notice, to send once the press is answered (none without a lead). */
  outboxIds: string[];
  notice: string;
};

/**
 * Stores a concern in the `concerns` collection (never in a visit) inside the caller's unit of work, so it is
 * kept exactly when the rest of the unit is: a visit note refused is a concern not raised. It belongs to the
 * concerns lead of the moment (none while nobody, or more than one person, holds the role), and the lead's notice
 * is recorded in the same unit, privately: the outbox item holds only the concern's id, its text is read when it
 * is sent, after the press is answered. The sentence says where it is going, never quoting it; with no lead (or
 * more than one person holding the role) it is kept all the same and the person is told to have the role settled
 * (the concern-notices job tells a lead named later). A repeat sends nothing twice: the notice's key is the
 * concern and the lead.
 */
export async function recordConcern(tx: StoreTransaction, tenantId: string, actor: Person, subject: ConcernSubject, text: string, now: Date): Promise<RecordedConcern> {
  const { lead, holders } = theConcernsLead(await tx.find('people', tenantId));
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
  if (!lead) {
    const why = holders.length > 1 ? 'more than one person holds the concerns lead role' : 'no concerns lead is registered';
    const ask = holders.length > 1 ? 'ask an administrator to hand the role over to one person' : 'ask an administrator to register the concerns lead';
    return { concernId: concern.id, outboxIds: [], notice: `Your confidential concern ${keptApart(subject)}, but ${why}, so nobody has read it yet. Please ${ask}.` };
  }
  const request = {
    tenantId,
    to: { person: lead.id },
    content: { kind: 'composed' as const, composer: CONCERN_NOTICE_COMPOSER, ref: { concernId: concern.id, card: CONCERN_CARD } },
    about: 'a confidential concern',
    requestedBy: actor.id,
    idempotencyKey: `concern.notice:${concern.id}:${lead.id}`,
  };
  const outboxId = await enqueueDelivery(tx, request, now);
  const notPart = subject.visitId ? "It is not part of this note or the school's copy." : 'It is not part of any visit note.';
  return {
    concernId: concern.id,
    outboxIds: [outboxId],
    notice: `Your confidential concern is on its way privately to the concerns lead (${lead.name}) and nobody else. ${notPart} I'll tell you if it cannot be delivered.`,
  };
}

/**
 * `concern <school>`: an officer raises a confidential concern with no visit. It goes to the concerns lead
 * exactly as one raised with a visit note does, after the answer (`outboxIds`). `key` makes a repeated press of
 * the same card (a double click, a Teams retry) raise it once.
 */
export async function raiseConcern(deps: DeliveryDeps, tenantId: string, actor: Person, subject: ConcernSubject, text: string, key: string): Promise<RecordedConcern> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only officers and SIT members raise confidential concerns.');
  const { value } = await deps.store.transact((tx) => recordConcern(tx, tenantId, actor, subject, text, deps.clock.now()), {
    actor: actor.id,
    idempotencyKey: `concern.raise:${key}`,
  });
  // The id only: a log line tying a concern to its visit would tell its reader which visit had one.
  deps.logger.info({ concernId: value.concernId }, 'confidential concern raised');
  return value;
}
