import { DeliveryError } from '../../domain/errors.js';
import { hasRole, type Person } from '../../domain/person.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MailMessage, Mailer } from '../ports/mail.port.js';
import type { Messenger, OutgoingMessage, Recipient, SendOutcome } from '../ports/messenger.port.js';
import type { Store } from '../ports/store.port.js';
import { isConcernOf } from '../../domain/concern.js';
import { viewConcerns, type ConcernView } from '../concerns/concern-view.js';
import { composers } from '../notices/composers.js';
import type { ComposeFor } from './composer.js';
import type { ConcernCardData, DeliveryContent, DeliveryPayload, DeliveryTarget } from './delivery-request.js';

/** What delivery needs. `mailer` is absent when Graph is not configured: e-mail is then unavailable, not an error. */
export interface DeliveryDeps {
  store: Store;
  messenger: Messenger;
  mailer?: Mailer;
  clock: Clock;
  logger: Logger;
  /** TIMEZONE: dates in what is sent are read in it. */
  timeZone: string;
}

/** One attempt's result: `retry` when what failed may pass (throttling, an outage), `undeliverable` when it will not. */
export type AttemptResult = { status: 'sent'; via: 'teams' | 'mail' } | { status: 'retry'; reason: string } | { status: 'undeliverable'; reason: string };

const CHANNEL_NAMES = { sit: 'the SIT channel', concerns: 'the concern review channel', partnership: 'the partnership channel' } as const;

/** Who it is for, in words the officer knows ("Jo Bloggs", "the SIT channel"). */
export async function describeTarget(store: Store, tenantId: string, target: DeliveryTarget): Promise<string> {
  if ('person' in target) return (await store.get('people', tenantId, target.person))?.name ?? 'the person';
  if ('recipient' in target) return target.recipient.name;
  return target.channel === 'partnership' && target.partnership ? `the ${target.partnership} partnership channel` : CHANNEL_NAMES[target.channel];
}

type Resolved =
  | { kind: 'person'; recipient: Recipient; message: OutgoingMessage; mail?: Omit<MailMessage, 'to'>; afterSent?: () => Promise<void> }
  | { kind: 'channel'; purpose: 'sit' | 'partnership' | 'concerns'; partnership?: string; message: OutgoingMessage }
  | { kind: 'undeliverable'; reason: string };

/** The concern's text, read now from `concerns`, for the person who is the concerns lead now; the mail says only that one waits. */
async function resolveConcern(deps: DeliveryDeps, tenantId: string, person: Person, content: Extract<DeliveryContent, { kind: 'concern' }>): Promise<Resolved> {
  if (!hasRole(person, 'concernsLead')) return { kind: 'undeliverable', reason: `${person.name} is no longer the concerns lead` };
  const concern = await deps.store.get('concerns', tenantId, content.concernId);
  if (!concern) return { kind: 'undeliverable', reason: 'the concern no longer exists' };
  // The one lead it belongs to: after a handover, never the former lead.
  if (!isConcernOf(concern, person)) return { kind: 'undeliverable', reason: `the concern is no longer ${person.name}'s` };
  // No built-ins needed to name the visit's agenda: a visit's template version is pinned in the store when it starts.
  const data: ConcernView = (await viewConcerns(deps.store, tenantId, [concern], deps.timeZone, []))[0]!;
  const card: ConcernCardData = data;
  const heading = `Confidential concern raised by ${data.raisedByName} ${data.atVisit ? 'at a visit to' : 'about'} ${data.schoolName} (URN ${data.urn}), ${data.raisedOn}`;
  return {
    kind: 'person',
    recipient: { aadObjectId: person.aadObjectId, name: person.name, email: person.email },
    // With a card, its text is in the card only; the plain-text form (no card named) carries it in the message.
    message: content.card ? { text: `${heading}.`, card: { name: content.card, data: card } } : { text: `${heading}:\n\n${data.text}` },
    // Fixed words only: the concern itself never goes by e-mail, and neither does the school's name.
    mail: {
      subject: 'A confidential concern is waiting for you in Teams',
      html: '<p>A visitor has raised a confidential concern for you as concerns lead.</p><p>Open the School Improvement Bot in Microsoft Teams and type <b>confidential</b> to read it.</p>',
    },
    afterSent: async () => {
      await deps.store.transact(
        async (tx) => {
          const current = await tx.get('concerns', tenantId, concern.id);
          if (current && !current.leadNotifiedAt) await tx.update('concerns', tenantId, concern.id, 'any', { leadNotifiedAt: deps.clock.now().toISOString() }, { action: 'concern.leadNotified' });
        },
        { actor: 'system' },
      );
    },
  };
}

/** Content built now from the records its reference names (see `Composer`). */
async function resolveComposed(deps: DeliveryDeps, tenantId: string, content: Extract<DeliveryContent, { kind: 'composed' }>, to: ComposeFor): Promise<Resolved | { kind: 'composed'; message: OutgoingMessage; mail?: Omit<MailMessage, 'to'>; afterSent?: () => Promise<void> }> {
  const compose = composers[content.composer];
  if (!compose) return { kind: 'undeliverable', reason: 'the bot no longer knows how to write it' };
  const composed = await compose(deps, tenantId, content.ref, to);
  return 'undeliverable' in composed ? { kind: 'undeliverable', reason: composed.undeliverable } : { kind: 'composed', ...composed };
}

async function resolve(deps: DeliveryDeps, tenantId: string, payload: DeliveryPayload): Promise<Resolved> {
  const { to, content } = payload;
  if (content.kind === 'composed') {
    const person = 'person' in to ? await deps.store.get('people', tenantId, to.person) : undefined;
    if ('person' in to && !person) return { kind: 'undeliverable', reason: 'they are no longer in the bot’s list of people' };
    const recipient = person ? { aadObjectId: person.aadObjectId, name: person.name, email: person.email } : 'recipient' in to ? to.recipient : undefined;
    const built = await resolveComposed(deps, tenantId, content, { person, recipient });
    if (built.kind !== 'composed') return built;
    if ('channel' in to) return { kind: 'channel', purpose: to.channel, partnership: to.partnership, message: built.message };
    return { kind: 'person', recipient: recipient!, message: built.message, mail: built.mail, afterSent: built.afterSent };
  }
  if ('channel' in to) {
    if (content.kind !== 'message') return { kind: 'undeliverable', reason: 'a confidential concern is never posted to a channel' };
    return { kind: 'channel', purpose: to.channel, partnership: to.partnership, message: content.message };
  }
  if ('recipient' in to) {
    if (content.kind !== 'message') return { kind: 'undeliverable', reason: 'a confidential concern goes only to the concerns lead' };
    return { kind: 'person', recipient: to.recipient, message: content.message, mail: content.mail };
  }
  const person = await deps.store.get('people', tenantId, to.person);
  if (!person) return { kind: 'undeliverable', reason: 'they are no longer in the bot’s list of people' };
  if (content.kind === 'concern') return resolveConcern(deps, tenantId, person, content);
  return { kind: 'person', recipient: { aadObjectId: person.aadObjectId, name: person.name, email: person.email }, message: content.message, mail: content.mail };
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
 * One attempt to deliver: a channel post, or Teams 1:1 then e-mail for a person. Nothing is stored here
 * except, for a concern, the time the lead was told; `deliver` and `retryOutbox` keep the outbox.
 */
export async function attemptDelivery(deps: DeliveryDeps, tenantId: string, payload: DeliveryPayload): Promise<AttemptResult> {
  const target = await resolve(deps, tenantId, payload);
  if (target.kind === 'undeliverable') return { status: 'undeliverable', reason: target.reason };
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
        : await trying(() => deps.mailer!.send(tenantId, { ...mail, to: [target.recipient.email] }));
  if (teams.ok || mailed?.ok) {
    await target.afterSent?.();
    return { status: 'sent', via: teams.ok ? 'teams' : 'mail' };
  }
  // Teams' reason comes first: it is the one the officer can act on (install the app, link the person).
  const reason = `${teams.reason}; ${mailed!.reason}`;
  return { status: teams.retryable || mailed!.retryable ? 'retry' : 'undeliverable', reason };
}
