import { hasRole, type Person } from '../../domain/person.js';
import type { Visit } from '../../domain/visit.js';
import { CONCERN_CARD } from '../concerns/concern-view.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';

/** The longest concern the `concerns` collection takes (ConfidentialConcernSchema). */
export const MAX_CONCERN_LENGTH = 4000;

/**
 * Stores a concern raised at a visit in the `concerns` collection (never in the visit) and sends it to the
 * concerns lead, privately: the outbox holds only the concern's id, its text is read at send time. Returns
 * a sentence for the visitor saying where it went, never quoting it. With no concerns lead registered the
 * concern is kept all the same and the visitor is told to have one registered.
 *
 * `key` makes a repeated press of the same card (a double click, a Teams retry) raise it once.
 */
export async function raiseConcern(deps: DeliveryDeps, tenantId: string, actor: Person, visit: Pick<Visit, 'id' | 'schoolUrn'>, text: string, key: string): Promise<string> {
  const { value: concernId } = await deps.store.transact(
    async (tx) => {
      const concern = await tx.insert(
        'concerns',
        tenantId,
        { visitId: visit.id, schoolUrn: visit.schoolUrn, raisedBy: actor.id, text, raisedAt: deps.clock.now().toISOString() },
        { action: 'concern.raised' },
      );
      return concern.id;
    },
    { actor: actor.id, idempotencyKey: `concern.raise:${key}` },
  );
  // The id only: a log line tying a concern to its visit would tell its reader which visit had one.
  deps.logger.info({ concernId }, 'confidential concern raised');

  const leads = (await deps.store.find('people', tenantId)).filter((p) => hasRole(p, 'concernsLead'));
  if (!leads.length) {
    return 'Your confidential concern is stored apart from this note, but no concerns lead is registered, so nobody has read it yet. Please ask an administrator to register the concerns lead.';
  }
  const outcomes = await Promise.all(
    leads.map(async (lead) => ({
      lead,
      outcome: await deliver(deps, {
        tenantId,
        to: { person: lead.id },
        content: { kind: 'concern', concernId, card: CONCERN_CARD },
        about: 'a confidential concern',
        requestedBy: actor.id,
        idempotencyKey: `concern.notice:${concernId}:${lead.id}`,
      }),
    })),
  );
  const sent = outcomes.filter((o) => o.outcome.status === 'sent').map((o) => o.lead.name);
  if (sent.length) return `Your confidential concern went privately to the concerns lead (${sent.join(', ')}) and nobody else. It is not part of this note or the school's copy.`;
  const queued = outcomes.find((o) => o.outcome.status === 'queued');
  if (queued) return `Your confidential concern is stored apart from this note. ${queued.outcome.status === 'queued' ? queued.outcome.message : ''}`.trim();
  const failed = outcomes[0]!.outcome;
  return `Your confidential concern is stored apart from this note, but the concerns lead could not be told: ${failed.status === 'undeliverable' ? failed.reason : 'unknown'}. Please tell them it is waiting.`;
}
