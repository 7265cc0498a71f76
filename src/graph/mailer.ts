import type { MailMessage, Mailer } from '../app/ports/mail.port.js';
import { InvalidInputError } from '../domain/errors.js';
import { createGraphClient, type GraphClient, type GraphConnection } from './graph-client.js';

/**
 * E-mail through Graph `POST /users/{sender}/sendMail`, sent as one configured mailbox (GRAPH_MAIL_SENDER)
 * with the app's `Mail.Send` application permission. The token is for GRAPH_TENANT_ID, so the tenant passed
 * to `send` is not used to pick a mailbox: one bot serves one organisation's Microsoft 365.
 *
 * A retried sendMail after a 5xx can, rarely, deliver twice (Graph has no idempotency key for it); a copy
 * of a message twice is better than none.
 */
export class GraphMailer implements Mailer {
  constructor(
    private readonly graph: GraphClient,
    /** The mailbox (UPN, address or object id) that sends. */
    private readonly sender: string,
  ) {}

  async send(_tenantId: string, message: MailMessage): Promise<void> {
    if (message.to.length === 0) throw new InvalidInputError('An e-mail needs at least one recipient.', 'to');
    const body = {
      message: {
        subject: message.subject,
        body: { contentType: 'HTML', content: message.html },
        toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
      },
      saveToSentItems: true,
    };
    await this.graph.call({ action: `send mail as ${this.sender}`, permission: 'Mail.Send' }, (client) =>
      client.api(`/users/${encodeURIComponent(this.sender)}/sendMail`).post(body),
    );
  }
}

/** What the mailer needs: the Graph connection plus the sending mailbox. */
export interface GraphMailSettings extends GraphConnection {
  mailSender: string;
}

/**
 * The mailer, or undefined when Graph is not configured (no tenant, client id, secret or sender): callers
 * then treat e-mail as unavailable instead of failing at send time. The server passes its config's values.
 */
export function createGraphMailer(settings: Partial<GraphMailSettings> & Pick<GraphMailSettings, 'graphBaseUrl' | 'authorityHost'>): Mailer | undefined {
  const { tenantId, clientId, clientSecret, mailSender } = settings;
  if (!tenantId || !clientId || !clientSecret || !mailSender) return undefined;
  return new GraphMailer(createGraphClient({ ...settings, tenantId, clientId, clientSecret }), mailSender);
}
