export interface MailMessage {
  to: string[];
  subject: string;
  /** HTML body; callers escape what they interpolate. */
  html: string;
}

/**
 * E-mail through Microsoft Graph `sendMail`, sent as the configured mailbox. Throws DeliveryError when
 * Graph still fails after its retries, so the caller can queue it in the outbox and tell the person.
 */
export interface Mailer {
  send(tenantId: string, message: MailMessage): Promise<void>;
}
