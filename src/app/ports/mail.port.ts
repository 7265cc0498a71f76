export interface MailMessage {
  to: string[];
  subject: string;
  /** HTML body; callers escape what they interpolate. */
  html: string;
}

export interface SendMailOptions {
  /**
   * The same at every attempt to send this one message (delivery passes its outbox item's id): a mailer that can
   * look a sent message up by it sends it once however often it is asked, even when an earlier attempt was
   * accepted and then answered with an error.
   */
  key?: string;
}

/**
 * E-mail sent as the configured mailbox. Throws DeliveryError when it still fails after its retries, so the
 * caller can queue it in the outbox and tell the person; `retryable` says whether a later attempt may pass.
 */
export interface Mailer {
  send(tenantId: string, message: MailMessage, options?: SendMailOptions): Promise<void>;
}
