import { randomUUID } from 'node:crypto';
import type { MailMessage, Mailer, SendMailOptions } from '../app/ports/mail.port.js';
import { nextRetryDelay } from '../app/delivery/backoff.js';
import { DeliveryError, InvalidInputError } from '../domain/errors.js';
import { createGraphClient, type GraphClient, type GraphConnection } from './graph-client.js';

/**
 * The MAPI named property each message the bot sends carries its delivery key in, so it can be found again in
 * the mailbox (an extended property rather than a header: Graph can filter messages by it).
 */
export const DELIVERY_KEY_PROPERTY = 'String {6f1c2b0e-9a41-4c3d-8e55-2d7a1b9c4e10} Name SchoolImprovementBotDeliveryKey';

/** A `$filter` matching the messages that carry `key`. */
const withKey = (key: string) => `singleValueExtendedProperties/Any(ep: ep/id eq '${DELIVERY_KEY_PROPERTY}' and ep/value eq '${key.replace(/'/g, "''")}')`;

/**
 * E-mail through Graph, sent as one configured mailbox (GRAPH_MAIL_SENDER) with the app's `Mail.Send` and
 * `Mail.ReadWrite` application permissions. The token is for GRAPH_TENANT_ID, so the tenant passed to `send`
 * is not used to pick a mailbox: one bot serves one organisation's Microsoft 365.
 *
 * Effectively once: each message is a draft carrying the delivery's stable key (`POST /users/{sender}/messages`
 * with an extended property), then sent (`POST .../messages/{id}/send`). Before every attempt the mailer looks in
 * Sent Items for that key, and sends nothing if it is there: Graph accepting a send and then answering 500 (or
 * not answering) is followed by a look-up, not a second mail. A draft left by an earlier attempt is sent rather
 * than written again. Without a key (a caller that has none) one is made for this call, so its own retries are
 * safe too.
 */
export class GraphMailer implements Mailer {
  private readonly mailbox: string;

  constructor(
    private readonly graph: GraphClient,
    /** The mailbox (UPN, address or object id) that sends. */
    private readonly sender: string,
  ) {
    this.mailbox = `/users/${encodeURIComponent(sender)}`;
  }

  async send(_tenantId: string, message: MailMessage, options: SendMailOptions = {}): Promise<void> {
    if (message.to.length === 0) throw new InvalidInputError('An e-mail needs at least one recipient.', 'to');
    const key = options.key ?? randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        if (await this.findByKey('sentitems', key)) return;
        const draftId = (await this.findByKey('drafts', key)) ?? (await this.createDraft(message, key));
        await this.graph.call({ action: `send mail as ${this.sender}`, permission: 'Mail.Send' }, (client) => client.api(`${this.mailbox}/messages/${encodeURIComponent(draftId)}/send`).post({}));
        return;
      } catch (error) {
        // Only what may pass is tried again, and always after a look in Sent Items.
        const delay = error instanceof DeliveryError && error.retryable ? nextRetryDelay(attempt, this.graph.retry) : undefined;
        if (delay === undefined) throw error;
        await this.graph.sleep(delay);
      }
    }
  }

  /** The id of the message carrying `key` in the folder, if there is one. */
  private async findByKey(folder: 'sentitems' | 'drafts', key: string): Promise<string | undefined> {
    const found = (await this.graph.call({ action: `read the ${folder === 'drafts' ? 'drafts' : 'sent items'} of ${this.sender}`, permission: 'Mail.ReadWrite' }, (client) =>
      client.api(`${this.mailbox}/mailFolders/${folder}/messages`).filter(withKey(key)).select('id').top(1).get(),
    )) as { value?: Array<{ id?: string }> };
    return found.value?.[0]?.id;
  }

  private async createDraft(message: MailMessage, key: string): Promise<string> {
    const draft = {
      subject: message.subject,
      body: { contentType: 'HTML', content: message.html },
      toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
      singleValueExtendedProperties: [{ id: DELIVERY_KEY_PROPERTY, value: key }],
    };
    const created = (await this.graph.call({ action: `write a draft as ${this.sender}`, permission: 'Mail.ReadWrite' }, (client) => client.api(`${this.mailbox}/messages`).post(draft))) as { id?: string };
    if (!created.id) throw new DeliveryError('Graph created the draft without an id.', true);
    return created.id;
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
