import type { Notice } from '../../domain/notice.js';
import type { MailMessage } from '../ports/mail.port.js';
import type { OutgoingMessage, Recipient } from '../ports/messenger.port.js';

/** A message for one person: the Teams message (text and card) and the e-mail to send if Teams cannot reach them. */
export interface PersonNotice {
  to: Recipient;
  message: OutgoingMessage;
  mail: MailMessage;
  /** Person id to tell if it finally cannot be delivered. */
  requestedBy?: string;
  /** Makes a repeated send (a retried submit, a second job instance) deliver once. */
  idempotencyKey: string;
}

/**
 * Tells a person something that asks them to act (acknowledge, sign, judge, remind): Teams 1:1 first,
 * e-mail when Teams cannot reach them, the outbox when neither answers now. Says which happened, so
 * the record and the officer can show it.
 */
export type NotifyPerson = (tenantId: string, notice: PersonNotice) => Promise<Exclude<Notice, 'none'>>;
