import { ActivityTypes, CardFactory, type Activity, type ChannelAccount, type ConversationParameters } from 'botbuilder';
import type { Logger } from '../app/ports/logger.port.js';
import type { Metrics } from '../app/ports/metrics.port.js';
import type { ActivityReference, Messenger, OutgoingMessage, Recipient, SendOutcome } from '../app/ports/messenger.port.js';
import type { Store } from '../app/ports/store.port.js';
import { isRetryableStatus, nextRetryDelay, retryAfterMs, type RetryPolicy } from '../app/delivery/backoff.js';
import { channelConversationId, type ChannelPurpose } from '../app/conversations/register-channel.js';
import { personalConversationId, rememberPersonalConversation } from '../app/conversations/remember-conversation.js';
import { DeliveryError } from '../domain/errors.js';
import { cardAttachment, renderCardRef, type AdaptiveCard } from './cards/render.js';
import type { SharedRateBudget } from '../app/ports/rate-budget.port.js';
import { APP_WINDOWS, CONVERSATION_WINDOWS, KeyedLimiters, realLimiterClock, type LimiterClock, type RateWindow } from './rate-limit.js';
import { BotConnector, type ConnectorSource, type Reference } from './bot-connector.js';

export interface TeamsMessengerOptions {
  /** The bot's adapter: the connector clients are made by its connector factory (credentials, tenant, cloud). */
  adapter: ConnectorSource;
  store: Store;
  logger: Logger;
  /** BOT_ID. Empty in local mode: requests then go without a token to whatever plays the Bot Connector (Playground, emulator, test connector). */
  botId?: string;
  /** BOT_SERVICE_URL: where a 1:1 chat is opened when no stored conversation has told the bot Teams' service URL yet. */
  serviceUrl: string;
  retry?: RetryPolicy;
  /** How long one connector call (with the connector client's own retries) may take before it is abandoned. */
  callTimeoutMs?: number;
  conversationWindows?: readonly RateWindow[];
  appWindows?: readonly RateWindow[];
  /** Time and waiting for the rate limits and retries. */
  clock?: LimiterClock;
  /** The rate budget every instance shares (PostgreSQL); without it the limits are this process's own. */
  rateBudget?: SharedRateBudget;
  /** Counts each retry (by status) for /metrics. */
  metrics?: Pick<Metrics, 'upstreamRetry'>;
}

/**
 * Our retries around each connector call. The connector client already retries 5xx (three times, about
 * 5 s in all) and 429 with Retry-After inside one call, so one more round here covers what it leaves out
 * (412, 429 without Retry-After) without holding a user's turn for long; the outbox carries on after that.
 */
export const CONNECTOR_RETRY_POLICY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * One connector call, the connector client's own retries included, is abandoned after this long: a connector that
 * accepts the connection and never answers holds nothing (later sends to the same chat go on, the outbox retries).
 */
export const CONNECTOR_CALL_TIMEOUT_MS = 10_000;

/** A call that got no answer in time: like a refused connection, it may pass. */
class CallTimedOut extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * `work`, or a CallTimedOut after `ms`, whichever comes first; then `work` is abandoned through its signal (its
 * request and the connector client's retries stop). The timer never keeps the process alive.
 */
function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new CallTimedOut(`no answer from the Bot Connector in ${ms} ms`));
      abandon.abort();
    }, ms);
    timer.unref();
  });
  return Promise.race([work(abandon.signal), timedOut]).finally(() => clearTimeout(timer));
}

/** The connector answered 403 or 404: the app is not installed for that person, or not in that channel's team. */
class Unreachable extends Error {}

const statusOf = (error: unknown): number | undefined => {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | undefined;
  const status = e?.statusCode ?? e?.response?.status ?? e?.status;
  return typeof status === 'number' ? status : undefined;
};

const retryAfterOf = (error: unknown): string | undefined => {
  const headers = (error as { response?: { headers?: unknown } } | undefined)?.response?.headers as
    | { get?: (name: string) => string | null | undefined; [name: string]: unknown }
    | undefined;
  if (!headers) return undefined;
  const value = typeof headers.get === 'function' ? headers.get('retry-after') : headers['retry-after'];
  return typeof value === 'string' ? value : undefined;
};

/** No HTTP answer at all (refused, reset, timed out): that may pass. Anything else without a status is a bug and propagates. */
const isNetworkFailure = (error: unknown) => (error as Error | undefined)?.name === 'RestError' || typeof (error as { code?: unknown } | undefined)?.code === 'string';

function toActivity(message: OutgoingMessage): Partial<Activity> {
  const attachment = message.card ? renderCardRef(message.card) : message.renderedCard ? cardAttachment(message.renderedCard as AdaptiveCard) : undefined;
  // Plain text: a notice may quote what someone typed (a dispute's comment), which Teams must not read as markdown.
  // With a card, the text is only the notification preview (`summary`): the message is the card, said once.
  if (attachment) return { type: ActivityTypes.Message, summary: message.text, textFormat: 'plain', attachments: [attachment] };
  return { type: ActivityTypes.Message, text: message.text, textFormat: 'plain' };
}

const CHANNEL_PURPOSES: Record<ChannelPurpose, string> = { sit: 'the SIT digest', partnership: 'the partnership digest', concerns: 'the concern review' };

/**
 * Proactive Teams messages, through the Bot Connector clients of the bot's adapter (BotConnector). A person is reached through the 1:1 chat the bot
 * stored when they last wrote to it; failing that the chat is opened (POST /v3/conversations, which needs the
 * app installed for them) and its reference stored. Channels are reached through the reference stored when
 * an administrator registered them. Sends to one conversation go one at a time, in the order given; every
 * connector call waits its turn under Teams' rate limits (per conversation and per tenant) and is retried on
 * 429, 412 and 5xx with back-off, honouring Retry-After.
 */
export class TeamsMessenger implements Messenger {
  private readonly perConversation: KeyedLimiters;
  private readonly perTenant: KeyedLimiters;
  private readonly clock: LimiterClock;
  /**
   * Chats being opened now, so a burst of messages to someone new opens one chat, not one each. Unlike KeptPromises it
   * forgets a chat once opened, failed or not: the opened chat's reference is stored, and the store is what later sends
   * read it from (another instance may have opened and stored it too).
   */
  private readonly opening = new Map<string, Promise<Reference>>();
  /** The last send queued per conversation: one at a time, so messages (and their retries) arrive in order. */
  private readonly lastInConversation = new Map<string, Promise<unknown>>();
  /** The Bot Connector, over one kept client per service URL. */
  private readonly connector: BotConnector;

  constructor(private readonly options: TeamsMessengerOptions) {
    this.connector = new BotConnector(options.adapter, this.botId);
    this.clock = options.clock ?? realLimiterClock;
    const shared = (scope: string) => options.rateBudget && { budget: options.rateBudget, scope };
    this.perConversation = new KeyedLimiters(options.conversationWindows ?? CONVERSATION_WINDOWS, this.clock, undefined, shared('conversation'));
    this.perTenant = new KeyedLimiters(options.appWindows ?? APP_WINDOWS, this.clock, undefined, shared('app'));
  }

  private get botId(): string {
    return this.options.botId ?? '';
  }

  async sendToPerson(tenantId: string, to: Recipient, message: OutgoingMessage): Promise<SendOutcome> {
    if (!to.aadObjectId) return { status: 'unreachable', reason: 'they have no Microsoft Teams account known to the bot' };
    // Rendered first: a card that does not fit its schema is a bug, found before anything is sent.
    const activity = toActivity(message);
    try {
      const stored = await this.options.store.get('conversations', tenantId, personalConversationId(to.aadObjectId));
      const reference = (stored?.reference as Reference | undefined) ?? (await this.openPersonalChatOnce(tenantId, to.aadObjectId));
      return await this.send(tenantId, reference, activity);
    } catch (error) {
      if (error instanceof Unreachable) return { status: 'unreachable', reason: 'the bot is not installed for them in Teams' };
      throw error;
    }
  }

  async sendToChannel(tenantId: string, purpose: ChannelPurpose, message: OutgoingMessage, partnership?: string): Promise<SendOutcome> {
    const stored = await this.options.store.get('conversations', tenantId, channelConversationId(purpose, partnership));
    if (!stored) return { status: 'unreachable', reason: `no channel is registered for ${CHANNEL_PURPOSES[purpose]}${partnership ? ` of ${partnership}` : ''}` };
    const activity = toActivity(message);
    const reference = stored.reference as Reference;
    // The stored reference remembers the thread it was registered from (`;messageid=…`); a post starts a thread of its own.
    const channel: Reference = { ...reference, conversation: { ...reference.conversation!, id: String(reference.conversation?.id ?? '').split(';')[0]! } };
    try {
      return await this.send(tenantId, channel, activity);
    } catch (error) {
      if (error instanceof Unreachable) return { status: 'unreachable', reason: 'the bot is no longer in that channel’s team' };
      throw error;
    }
  }

  async updateMessage(tenantId: string, message: ActivityReference, replacement: OutgoingMessage): Promise<SendOutcome> {
    // The card alone, as the message held it (`toActivity` keeps a card's text as its preview only).
    return this.update(tenantId, message, { ...toActivity(replacement), id: message.activityId });
  }

  /**
   * Replaces a pressed card, for everyone in its chat, by the card the press was answered with (already rendered by
   * its handler): sent after the answer, with the same timeouts, limits and retries as every other call.
   */
  async replaceCard(tenantId: string, message: ActivityReference, card: object): Promise<SendOutcome> {
    return this.update(tenantId, message, { type: ActivityTypes.Message, id: message.activityId, attachments: [CardFactory.adaptiveCard(card)] });
  }

  /** Posts a new message (a reply to a press, after its answer) in the conversation the press came from. */
  async postInConversation(tenantId: string, conversation: Record<string, unknown>, message: OutgoingMessage): Promise<SendOutcome> {
    try {
      return await this.send(tenantId, conversation as Reference, toActivity(message));
    } catch (error) {
      if (error instanceof Unreachable) return { status: 'unreachable', reason: 'the bot can no longer post in that chat' };
      throw error;
    }
  }

  private async update(tenantId: string, message: ActivityReference, activity: Partial<Activity> & { id: string }): Promise<SendOutcome> {
    const reference = message.conversation as Reference;
    const conversationId = reference.conversation?.id ?? '';
    try {
      await this.inTurn(conversationId, () => this.withRetries(tenantId, conversationId, (signal) => this.connector.update(reference, activity, signal)));
      return { status: 'sent', activityId: message.activityId };
    } catch (error) {
      if (error instanceof Unreachable) return { status: 'unreachable', reason: 'Teams no longer lets the bot change that message' };
      throw error;
    }
  }

  private async send(tenantId: string, reference: Reference, activity: Partial<Activity>): Promise<SendOutcome> {
    const conversationId = reference.conversation?.id ?? '';
    const activityId = await this.inTurn(conversationId, () => this.withRetries(tenantId, conversationId, (signal) => this.connector.send(reference, activity, signal)));
    return { status: 'sent', activityId };
  }

  /** Runs `work` after every earlier send to the same conversation has finished, whatever its outcome. */
  private inTurn<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.lastInConversation.get(conversationId) ?? Promise.resolve()).then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.lastInConversation.set(conversationId, settled);
    void settled.then(() => {
      if (this.lastInConversation.get(conversationId) === settled) this.lastInConversation.delete(conversationId);
    });
    return run;
  }

  private openPersonalChatOnce(tenantId: string, aadObjectId: string): Promise<Reference> {
    const key = `${tenantId}\u0000${aadObjectId}`;
    let pending = this.opening.get(key);
    if (!pending) {
      pending = this.openPersonalChat(tenantId, aadObjectId).finally(() => this.opening.delete(key));
      this.opening.set(key, pending);
    }
    return pending;
  }

  /** Opens the 1:1 chat with someone the bot has never heard from, and stores its reference for next time. */
  private async openPersonalChat(tenantId: string, aadObjectId: string): Promise<Reference> {
    const { serviceUrl, bot } = await this.knownEndpoint(tenantId);
    const parameters: ConversationParameters = { isGroup: false, bot, members: [{ id: aadObjectId } as ChannelAccount], tenantId, channelData: { tenant: { id: tenantId } } };
    // The connector factory's own audience: the one its bot settings imply (public cloud, government...).
    const reference = await this.withRetries(tenantId, undefined, (signal) => this.connector.createConversation('msteams', serviceUrl, parameters, signal));
    await rememberPersonalConversation(this.options.store, tenantId, { id: 'system', aadObjectId }, reference as Record<string, unknown>);
    return reference;
  }

  /** Teams' service URL and the bot's account as the latest stored conversation has them, else from the settings. */
  private async knownEndpoint(tenantId: string): Promise<{ serviceUrl: string; bot: ChannelAccount }> {
    const latest = (await this.options.store.find('conversations', tenantId))
      .filter((c) => typeof c.reference.serviceUrl === 'string')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.reference as Reference | undefined;
    const bot = latest?.bot?.id ? latest.bot : ({ id: `28:${this.botId || 'school-improvement-bot'}`, name: 'School Improvement Bot' } as ChannelAccount);
    return { serviceUrl: latest?.serviceUrl ?? this.options.serviceUrl, bot };
  }

  /**
   * Runs one connector call under the rate limits, retrying what may pass. 403/404 become Unreachable;
   * other refusals a non-retryable DeliveryError; retries used up, a retryable one (the outbox takes over).
   */
  private async withRetries<T>(tenantId: string, conversationId: string | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const policy = this.options.retry ?? CONNECTOR_RETRY_POLICY;
    for (let attempt = 1; ; attempt++) {
      await this.perTenant.take(tenantId);
      if (conversationId) await this.perConversation.take(conversationId);
      try {
        return await withTimeout(call, this.options.callTimeoutMs ?? CONNECTOR_CALL_TIMEOUT_MS);
      } catch (error) {
        // Already in words for the officer (a stored conversation without an address, a chat opened without an id).
        if (error instanceof DeliveryError) throw error;
        const status = statusOf(error);
        if (status === 403 || status === 404) throw new Unreachable();
        if (status === undefined && !isNetworkFailure(error)) throw error;
        if (status !== undefined && !isRetryableStatus(status)) {
          const why = status === 401 ? 'it refused the bot’s credentials (401): check BOT_ID and BOT_PASSWORD' : `it answered ${status}`;
          throw new DeliveryError(`Teams did not take the message: ${why}.`, false);
        }
        const delay = nextRetryDelay(attempt, policy, retryAfterMs(retryAfterOf(error), this.clock.now()));
        if (delay === undefined) throw new DeliveryError(`Teams is not taking messages just now (${status ?? 'no answer'} after ${attempt} attempts).`, true);
        this.options.logger.warn({ component: 'teams', status: status ?? 'no-answer', attempt, retryInMs: delay }, 'Bot Connector call failed; retrying');
        this.options.metrics?.upstreamRetry('teams', status);
        await this.clock.sleep(delay);
      }
    }
  }
}
