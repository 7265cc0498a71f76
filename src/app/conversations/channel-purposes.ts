import type { ChannelPurpose } from './register-channel.js';
import type { StoreReader } from '../ports/store.port.js';

/**
 * What a channel is registered for (the SIT digest, a partnership's, the concern review): every registration in
 * the `conversations` collection whose stored reference is this channel. Empty for a channel never registered.
 */
export async function channelPurposes(store: StoreReader, tenantId: string, isThisChannel: (reference: Record<string, unknown>) => boolean): Promise<ChannelPurpose[]> {
  const registered = await store.find('conversations', tenantId, { kind: 'channel' });
  return registered.filter((c) => c.purpose && isThisChannel(c.reference)).map((c) => c.purpose!);
}
