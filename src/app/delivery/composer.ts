import type { Person } from '../../domain/person.js';
import type { MailMessage } from '../ports/mail.port.js';
import type { OutgoingMessage, Recipient } from '../ports/messenger.port.js';
import type { DeliveryDeps } from './attempt.js';

/** What a composer builds at send time: the Teams message, the e-mail if Teams cannot reach them, and what to record once it went. */
export interface ComposedMessage {
  message: OutgoingMessage;
  /** Without it there is no e-mail fallback. */
  mail?: Omit<MailMessage, 'to'>;
  /** Runs once it has gone (by Teams or mail), e.g. to record when. */
  afterSent?: () => Promise<void>;
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
