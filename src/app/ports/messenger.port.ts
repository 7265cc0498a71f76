/**
 * A card to send, named by its template (`cards/<name>.json`) with the data it binds. The Teams adapter
 * validates the data against the card module's schema and renders it; use cases never see card JSON.
 */
export interface CardRef {
  name: string;
  data: unknown;
}

export interface OutgoingMessage {
  /** Plain text: the message itself, or the notification preview and fallback when a card goes with it. */
  text: string;
  card?: CardRef;
  /**
   * A card the Teams layer has already rendered: a command's answer sent to the asker's 1:1 chat rather than
   * where it was asked. Use cases name their cards with `card` instead and never see card JSON.
   */
  renderedCard?: { readonly type: 'AdaptiveCard' };
}

/** Someone the bot may message in a 1:1 chat: Teams needs their Entra object id. */
export interface Recipient {
  aadObjectId?: string;
  name: string;
  email: string;
}

/**
 * A message the bot sent earlier, to edit in place: the conversation as Teams gave it (serviceUrl,
 * conversation, bot) and the message's id. Nothing a person wrote is in it.
 */
export interface ActivityReference {
  conversation: Record<string, unknown>;
  activityId: string;
}

export type SendOutcome = { status: 'sent'; activityId?: string } | { status: 'unreachable'; reason: string };

/**
 * Proactive messages in Teams. Adapters retry throttling (429) and server errors with back-off and
 * respect Teams' rate limits; `unreachable` means the person or channel cannot be reached at all
 * (no Entra id, app not installed, channel not registered), so the caller can fall back to e-mail.
 */
export interface Messenger {
  sendToPerson(tenantId: string, to: Recipient, message: OutgoingMessage): Promise<SendOutcome>;
  /** Posts to the channel registered for a purpose (and, for partnerships, the partnership's name). */
  sendToChannel(tenantId: string, purpose: 'sit' | 'partnership' | 'concerns', message: OutgoingMessage, partnership?: string): Promise<SendOutcome>;
  /** Replaces a message the bot sent (e.g. the agenda card, by the submitted note, for everyone in the chat). */
  updateMessage(tenantId: string, message: ActivityReference, replacement: OutgoingMessage): Promise<SendOutcome>;
}
