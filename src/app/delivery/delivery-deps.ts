import type { Person } from '../../domain/person.js';
import type { TimeZone } from '../../domain/time-zone.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { MailMessage, Mailer } from '../ports/mail.port.js';
import type { Messenger, OutgoingMessage, Recipient } from '../ports/messenger.port.js';
import type { Store } from '../ports/store.port.js';

/** What delivery needs. `mailer` is absent when Graph is not configured: e-mail is then unavailable, not an error. */
export interface DeliveryDeps {
  store: Store;
  messenger: Messenger;
  mailer?: Mailer;
  clock: Clock;
  logger: Logger;
  /** TIMEZONE: dates in what is sent are read in it. */
  timeZone: TimeZone;
  /**
   * The features' composers by name, registered at the composition root (src/server.ts, the CLI): delivery
   * knows only this port, never the features that send through it.
   */
  composers: Composers;
}

/** What a composer builds at send time: the Teams message, the e-mail if Teams cannot reach them, and what to record once it went. */
export interface ComposedMessage {
  message: OutgoingMessage;
  /** Without it there is no e-mail fallback. */
  mail?: Omit<MailMessage, 'to'>;
  /** Runs once it has gone, with how (Teams or mail), e.g. to record when and how. */
  afterSent?: (via: 'teams' | 'mail') => Promise<void>;
}

/** Who it is going to, as read at send time: the person record when there is one. A channel has neither. */
export interface ComposeFor {
  person?: Person;
  recipient?: Recipient;
}

/**
 * Builds a `composed` delivery's content from the records its `ref` names, at the moment of sending.
 * Returns `{ undeliverable }` with a reason for the officer when there is nothing to send any more
 * (the record was deleted, the person no longer may read it).
 */
export type Composer = (deps: DeliveryDeps, tenantId: string, ref: Readonly<Record<string, string>>, to: ComposeFor) => Promise<ComposedMessage | { undeliverable: string }>;

/**
 * Every composer a `composed` delivery may name, by name: the port through which features plug into delivery.
 * Each feature exports its composers and the composition root (src/server.ts, the CLI) registers them.
 * Names are stored in outbox items: rename one only with its old name kept for items still waiting.
 */
export type Composers = Readonly<Record<string, Composer>>;
