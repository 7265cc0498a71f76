import { DeliveryError } from '../../domain/errors.js';
import type { MailMessage } from '../ports/mail.port.js';
import type { ActivityReference, OutgoingMessage, Recipient, SendOutcome } from '../ports/messenger.port.js';
import type { Store } from '../ports/store.port.js';
import type { ComposeFor, DeliveryDeps } from './delivery-deps.js';
import type { DeliveryContent, DeliveryPayload, DeliveryTarget } from './delivery-request.js';

export type { DeliveryDeps } from './delivery-deps.js';

/** One attempt's result: `retry` when what failed may pass (throttling, an outage), `undeliverable` when it will not. */
export type AttemptResult = { status: 'sent'; via: 'teams' | 'mail' } | { status: 'retry'; reason: string } | { status: 'undeliverable'; reason: string };

const CHANNEL_NAMES = { sit: 'the SIT channel', concerns: 'the concern review channel', partnership: 'the partnership channel' } as const;

/** Who it is for, in words the officer knows ("Jo Bloggs", "the SIT channel"). */
export async function describeTarget(store: Store, tenantId: string, target: DeliveryTarget): Promise<string> {
  if ('person' in target) return (await store.get('people', tenantId, target.person))?.name ?? 'the person';
  if ('recipient' in target) return target.recipient.name;
  if ('message' in target) return 'everyone in the chat';
  return target.channel === 'partnership' && target.partnership ? `the ${target.partnership} partnership channel` : CHANNEL_NAMES[target.channel];
}

type Resolved =
  | { kind: 'person'; recipient: Recipient; message: OutgoingMessage; mail?: Omit<MailMessage, 'to'>; afterSent?: (via: 'teams' | 'mail') => Promise<void> }
  | { kind: 'channel'; purpose: 'sit' | 'partnership' | 'concerns'; partnership?: string; message: OutgoingMessage }
  | { kind: 'update'; reference: ActivityReference; message: OutgoingMessage }
  | { kind: 'undeliverable'; reason: string };

/**
 * A `concern` content, as older outbox items hold it, is the concerns composer's: one path for every notice.
 * The composer's name is the one the concerns feature registers (src/app/concerns/concern-notice.ts).
 */
const asComposed = (content: DeliveryContent): Extract<DeliveryContent, { kind: 'composed' }> | Extract<DeliveryContent, { kind: 'message' }> =>
  content.kind === 'concern' ? { kind: 'composed', composer: 'concern.notice', ref: { concernId: content.concernId, ...(content.card ? { card: content.card } : {}) } } : content;

async function resolve(deps: DeliveryDeps, tenantId: string, payload: DeliveryPayload): Promise<Resolved> {
  const { to } = payload;
  const content = asComposed(payload.content);
  const person = 'person' in to ? await deps.store.get('people', tenantId, to.person) : undefined;
  if ('person' in to && !person) return { kind: 'undeliverable', reason: 'they are no longer in the bot’s list of people' };
  const recipient = person ? { aadObjectId: person.aadObjectId, name: person.name, email: person.email } : 'recipient' in to ? to.recipient : undefined;
  let built: { message: OutgoingMessage; mail?: Omit<MailMessage, 'to'>; afterSent?: (via: 'teams' | 'mail') => Promise<void> };
  if (content.kind === 'message') built = content;
  else {
    const compose = deps.composers[content.composer];
    if (!compose) return { kind: 'undeliverable', reason: 'the bot no longer knows how to write it' };
    const composed = await compose(deps, tenantId, content.ref, { person, recipient } satisfies ComposeFor);
    if ('undeliverable' in composed) return { kind: 'undeliverable', reason: composed.undeliverable };
    built = composed;
  }
  if ('channel' in to) return { kind: 'channel', purpose: to.channel, partnership: to.partnership, message: built.message };
  if ('message' in to) return { kind: 'update', reference: to.message, message: built.message };
  return { kind: 'person', recipient: recipient!, message: built.message, mail: built.mail, afterSent: built.afterSent };
}

/** Runs a send, turning a DeliveryError into an outcome; anything else is a bug and propagates. */
async function trying(send: () => Promise<SendOutcome | void>): Promise<{ ok: true } | { ok: false; retryable: boolean; reason: string }> {
  try {
    const outcome = await send();
    return outcome && outcome.status === 'unreachable' ? { ok: false, retryable: false, reason: outcome.reason } : { ok: true };
  } catch (error) {
    if (error instanceof DeliveryError) return { ok: false, retryable: error.retryable, reason: error.message };
    throw error;
  }
}

/**
 * One attempt to deliver: a channel post, a card update, or Teams 1:1 then e-mail for a person. Nothing is
 * stored here except what a composer records once it has gone; `deliver` and `retryOutbox` keep the outbox.
 * `deliveryKey` is the same at every attempt of one delivery (its outbox item's id): the mail goes with it,
 * so a mail Graph accepted before failing is found and not sent again (see `Mailer`).
 */
export async function attemptDelivery(deps: DeliveryDeps, tenantId: string, payload: DeliveryPayload, deliveryKey?: string): Promise<AttemptResult> {
  const target = await resolve(deps, tenantId, payload);
  if (target.kind === 'undeliverable') return { status: 'undeliverable', reason: target.reason };
  if (target.kind === 'update') {
    // The card everyone in the chat sees: no e-mail fallback; a message Teams no longer lets the bot edit stays as it was.
    const updated = await trying(() => deps.messenger.updateMessage(tenantId, target.reference, target.message));
    if (updated.ok) return { status: 'sent', via: 'teams' };
    return { status: updated.retryable ? 'retry' : 'undeliverable', reason: updated.reason };
  }
  if (target.kind === 'channel') {
    const posted = await trying(() => deps.messenger.sendToChannel(tenantId, target.purpose, target.message, target.partnership));
    if (posted.ok) return { status: 'sent', via: 'teams' };
    return { status: posted.retryable ? 'retry' : 'undeliverable', reason: posted.reason };
  }

  const teams = target.recipient.aadObjectId
    ? await trying(() => deps.messenger.sendToPerson(tenantId, target.recipient, target.message))
    : ({ ok: false, retryable: false, reason: 'they have no Microsoft Teams account known to the bot' } as const);
  const mail = target.mail;
  const mailed = teams.ok
    ? undefined
    : !mail
      ? ({ ok: false, retryable: false, reason: 'there is no e-mail version of this message' } as const)
      : !deps.mailer
        ? ({ ok: false, retryable: false, reason: 'e-mail is not set up for the bot' } as const)
        : await trying(() => deps.mailer!.send(tenantId, { ...mail, to: [target.recipient.email] }, deliveryKey ? { key: `${deliveryKey}:${target.recipient.email}` } : {}));
  if (teams.ok || mailed?.ok) {
    await target.afterSent?.(teams.ok ? 'teams' : 'mail');
    return { status: 'sent', via: teams.ok ? 'teams' : 'mail' };
  }
  // Teams' reason comes first: it is the one the officer can act on (install the app, link the person).
  const reason = `${teams.reason}; ${mailed!.reason}`;
  return { status: teams.retryable || mailed!.retryable ? 'retry' : 'undeliverable', reason };
}
