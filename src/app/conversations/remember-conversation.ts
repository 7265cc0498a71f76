import { sameJson } from '../../domain/json-value.js';
import type { Person } from '../../domain/person.js';
import type { Store } from '../ports/store.port.js';

/** The id of a person's 1:1 conversation record: one per person, so concurrent messages cannot make two. */
export const personalConversationId = (aadObjectId: string) => `personal:${aadObjectId}`;

/**
 * Keeps the person's 1:1 conversation reference (and with it the service URL Teams last used) so the bot
 * can message them later without being spoken to first. Writes only when the reference changed, so a
 * conversation costs one write, not one per message.
 */
export async function rememberPersonalConversation(
  store: Store,
  tenantId: string,
  person: Pick<Person, 'id' | 'aadObjectId'>,
  reference: Record<string, unknown>,
): Promise<'stored' | 'unchanged'> {
  const aadObjectId = person.aadObjectId;
  if (!aadObjectId) return 'unchanged';
  const id = personalConversationId(aadObjectId);
  const known = await store.get('conversations', tenantId, id);
  if (known && sameJson(known.reference, reference)) return 'unchanged';
  await store.transact(
    async (tx) => {
      const current = await tx.get('conversations', tenantId, id);
      // Plumbing, not a person's edit: the newest reference simply wins.
      if (current) await tx.update('conversations', tenantId, id, 'any', { reference });
      else await tx.insert('conversations', tenantId, { id, kind: 'personal', aadObjectId, reference });
    },
    { actor: person.id },
  );
  return 'stored';
}
