import { createHash } from 'node:crypto';
import { collectionNames, type CollectionName } from '../../domain/collections.js';
import { ConflictError } from '../../domain/errors.js';
import { hasRole } from '../../domain/person.js';
import { namesPerson, replaceIdentity, type Placeholder } from '../../domain/personal-data.js';
import type { RecordMeta } from '../../domain/record.js';
import type { Store, StoreTransaction } from '../ports/store.port.js';
import { personByEmail } from './person-by-email.js';
import { applyOrDryRun } from './dry-run.js';

/** What erasing a person changes (or, in a dry run, would change). */
export interface ErasurePlan {
  name: string;
  email: string;
  placeholder: Placeholder;
  /** Records kept (the school-improvement record holds them) with the identity replaced, counted per collection. */
  pseudonymised: Partial<Record<CollectionName, number>>;
  /** Records about the person alone, removed: their person record and their chats with the bot. */
  removed: Partial<Record<CollectionName, number>>;
  applied: boolean;
}

/**
 * The stable stand-in for a person: derived from the tenant and their record id (a random identifier), so erasing
 * again gives the same one and their notes still read as one person's, while nothing in it leads back to them.
 */
export function placeholderFor(tenantId: string, personId: string): Placeholder {
  const tag = createHash('sha256').update(`${tenantId}\u0000${personId}`).digest('hex').slice(0, 10);
  return { id: `erased-${tag}`, email: `erased-${tag}@erased.invalid`, name: `Erased person ${tag.slice(0, 6)}` };
}

/** Records about the person alone: their person record, and the conversations (their chats with the bot) their Entra id opens. */
const isAbout = (collection: CollectionName, r: RecordMeta, personId: string, aadObjectId: string | undefined) =>
  (collection === 'people' && r.id === personId) || (collection === 'conversations' && !!aadObjectId && (r as { aadObjectId?: string }).aadObjectId === aadObjectId);

/**
 * Erasure (the right to be forgotten) of the person with the e-mail. Records about them alone are removed; records
 * the school-improvement work must keep (visits they wrote or attended, checks, plans, meetings, notes, the audit)
 * keep their content with the person's identity (id, Entra id, e-mail, full name, wherever it appears) replaced by a
 * stable placeholder. The concerns lead is refused while they hold concerns: hand them over first. Every write copies
 * no values into the audit (`auditValues: false`), so the erasure's own events name records and actions only; the
 * removal of the person record is `person.erased`. With `apply` false nothing is written: the plan says what would be.
 */
export async function erasePerson(store: Store, tenantId: string, email: string, actor: string, apply: boolean): Promise<ErasurePlan> {
  const person = await personByEmail(store, tenantId, email);
  if (hasRole(person, 'concernsLead') && (await store.find('concerns', tenantId, { leadId: person.id })).some((c) => !c.handled)) {
    throw new ConflictError(`${person.name} is the concerns lead and holds open concerns: hand them over first (concerns-lead handover), then erase. Nothing was changed.`);
  }
  const placeholder = placeholderFor(tenantId, person.id);
  const plan: ErasurePlan = { name: person.name, email: person.email, placeholder, pseudonymised: {}, removed: {}, applied: apply };
  const work = async (tx: StoreTransaction) => {
    for (const collection of collectionNames) {
      for (const r of await tx.find(collection, tenantId)) {
        if (isAbout(collection, r, person.id, person.aadObjectId)) {
          plan.removed[collection] = (plan.removed[collection] ?? 0) + 1;
          if (apply) await tx.delete(collection, tenantId, r.id, 'any', { action: collection === 'people' ? 'person.erased' : 'person.erased.conversation', auditValues: false });
        } else if (namesPerson(r, person)) {
          plan.pseudonymised[collection] = (plan.pseudonymised[collection] ?? 0) + 1;
          // The audit keeps which record each event was about; only the identity in its actor and values goes.
          const patch = replaceIdentity(r, person, placeholder, ['id', 'tenantId', 'version', 'createdAt', 'updatedAt', ...(collection === 'audit' ? ['recordId'] : [])]);
          if (apply) await tx.update(collection, tenantId, r.id, 'any', patch as never, { action: 'person.erased.identity-replaced', auditValues: false });
        }
      }
    }
  };
  await applyOrDryRun(store, apply, actor, work);
  return plan;
}
