import { ConflictError, InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import type { Conversation } from '../../domain/delivery.js';
import { hasRole, type Person } from '../../domain/person.js';
import type { Store } from '../ports/store.port.js';

export type ChannelPurpose = NonNullable<Conversation['purpose']>;

/** One registration per purpose (and per partnership): registering again moves it to the new channel. */
export function channelConversationId(purpose: ChannelPurpose, partnership?: string): string {
  return purpose === 'partnership' ? `channel:partnership:${partnership!.trim().toLowerCase()}` : `channel:${purpose}`;
}

export interface RegisterChannelInput {
  purpose: ChannelPurpose;
  /** For `partnership`: the partnership's name as typed; matched case-insensitively against the school register. */
  partnership?: string;
  /** The channel's conversation reference, opaque here. */
  reference: Record<string, unknown>;
  /** Whether a stored reference points at this same channel (only the Teams adapter can tell). */
  isThisChannel(reference: Record<string, unknown>): boolean;
}

export interface RegisterChannelResult {
  purpose: ChannelPurpose;
  /** The partnership's name as the school register spells it. */
  partnership?: string;
  /** `moved`: it was registered to another channel before; `again`: to this one already. */
  outcome: 'registered' | 'moved' | 'again';
}

/**
 * Registers a channel for the SIT digest, a partnership's anonymised digest, or the two-monthly
 * concern review. Administrators only. A partnership must be one the school register knows, so a typo
 * cannot create a digest nobody receives.
 */
export async function registerChannel(store: Store, tenantId: string, actor: Person, input: RegisterChannelInput): Promise<RegisterChannelResult> {
  if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator can register a channel.');
  let partnership: string | undefined;
  if (input.purpose === 'partnership') {
    const wanted = input.partnership?.trim();
    if (!wanted) throw new InvalidInputError('Name the partnership: register partnership ‹name›.', 'partnership');
    const known = [...new Set((await store.find('schools', tenantId)).flatMap((s) => s.partnerships))].sort();
    partnership = known.find((p) => p.toLowerCase() === wanted.toLowerCase());
    if (!partnership) {
      const hint = known.length ? `Known partnerships: ${known.join(', ')}.` : 'No school in the register belongs to a partnership yet.';
      throw new InvalidInputError(`No school is in a partnership called "${wanted}". ${hint}`, 'partnership');
    }
  }
  const id = channelConversationId(input.purpose, partnership);
  const { value } = await store.transact(
    async (tx) => {
      const current = await tx.get('conversations', tenantId, id);
      if (!current) {
        await tx.insert('conversations', tenantId, { id, kind: 'channel', purpose: input.purpose, partnership, reference: input.reference }, { action: 'channel.registered' });
        return 'registered' as const;
      }
      await tx.update('conversations', tenantId, id, current.version, { reference: input.reference, partnership }, { action: 'channel.registered' });
      return input.isThisChannel(current.reference) ? ('again' as const) : ('moved' as const);
    },
    { actor: actor.id, serializable: true },
  );
  return { purpose: input.purpose, partnership, outcome: value };
}

/**
 * Removes every registration of one channel (it may hold several: the SIT digest and a partnership's).
 * Administrators only. Returns what it was registered for, so the reply can say what stops.
 */
export async function unregisterChannel(
  store: Store,
  tenantId: string,
  actor: Person,
  isThisChannel: (reference: Record<string, unknown>) => boolean,
): Promise<Pick<Conversation, 'purpose' | 'partnership'>[]> {
  if (!hasRole(actor, 'admin')) throw new NotAllowedError('Only an administrator can unregister a channel.');
  const { value } = await store.transact(
    async (tx) => {
      const here = (await tx.find('conversations', tenantId, { kind: 'channel' })).filter((c) => isThisChannel(c.reference));
      for (const c of here) await tx.delete('conversations', tenantId, c.id, c.version, { action: 'channel.unregistered' });
      return here.map((c) => ({ purpose: c.purpose ?? null, partnership: c.partnership ?? null }));
    },
    { actor: actor.id, serializable: true },
  );
  if (!value.length) throw new ConflictError('This channel is not registered for anything.');
  return value.map((c) => ({ purpose: c.purpose ?? undefined, partnership: c.partnership ?? undefined }));
}
