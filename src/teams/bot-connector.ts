import { TurnContext, type Activity, type ConversationParameters, type ConversationReference } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { DeliveryError } from '../domain/errors.js';
import { KeptPromises } from './kept-promises.js';

export type Reference = Partial<ConversationReference>;

/**
 * Where the bot's connector clients come from: the adapter (`SchoolBotAdapter.connectorFactoryFor`), whose Bot
 * Framework authentication holds the bot's credentials, its tenant, its cloud's endpoints and its user agent. In
 * local mode (no BOT_ID) its clients send no token, to whatever plays the Bot Connector.
 */
export interface ConnectorSource {
  connectorFactoryFor(botAppId: string): ConnectorFactory;
}

/**
 * Clients kept at most. Teams serves a tenant from one service URL (one per region), so with Teams this is not
 * reached; but in local mode, where no token is checked, whoever posts an activity chooses its service URL, so it
 * can be: the client used least recently is then made again when next needed.
 */
const MAX_CLIENTS = 16;

/**
 * Connector clients kept for reuse, one per (credentials, service URL, audience): making a client builds a whole HTTP
 * pipeline, which costs more than the call itself. A kept client still authenticates each request as it is sent (its
 * credentials hand out the bot's token, renewed before it expires) and retries as botframework-connector's clients
 * do. A client that could not be made is not kept. Its owner holds it (the messenger, the adapter): nothing is
 * shared between instances.
 */
export class KeptConnectorClients {
  private readonly clients = new KeptPromises<ConnectorClient>(MAX_CLIENTS);

  /** A factory whose clients are `made`'s, kept here; `identity` names its credentials (the bot's app id, in practice). */
  keeping(made: ConnectorFactory, identity = ''): ConnectorFactory {
    return new KeepingFactory(this, made, identity);
  }

  client(made: ConnectorFactory, identity: string, serviceUrl: string, audience: string | undefined): Promise<ConnectorClient> {
    return this.clients.get(`${identity}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => made.create(serviceUrl, audience));
  }
}

class KeepingFactory extends ConnectorFactory {
  constructor(
    private readonly kept: KeptConnectorClients,
    private readonly made: ConnectorFactory,
    private readonly identity: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept.client(this.made, this.identity, serviceUrl, audience);
  }
}

/**
 * The three Bot Connector calls proactive messages make (send, update, open a 1:1 chat), each on the connector
 * client for its service URL, made by the adapter's connector factory once and kept (KeptConnectorClients).
 *
 * The activity goes out as a proactive turn would send it: addressed from the bot to the conversation of the
 * reference (channel, service URL, conversation, recipient, locale), as a new message rather than a reply.
 * `signal` abandons the call (see the messenger's timeout).
 */
export class BotConnector {
  private readonly clients: ConnectorFactory;

  constructor(source: ConnectorSource, botId: string) {
    this.clients = new KeptConnectorClients().keeping(source.connectorFactoryFor(botId));
  }

  /** Posts a new message in the reference's conversation; the id Teams gave it. */
  async send(reference: Reference, activity: Partial<Activity>, signal: AbortSignal): Promise<string | undefined> {
    const outgoing = addressed(reference, activity);
    const client = await this.clientFor(reference.serviceUrl);
    return (await client.conversations.sendToConversation(conversationIdOf(reference), outgoing, { abortSignal: signal })).id;
  }

  /** Replaces the message `activity.id` in the reference's conversation. */
  async update(reference: Reference, activity: Partial<Activity> & { id: string }, signal: AbortSignal): Promise<void> {
    const outgoing = { ...addressed(reference, activity), id: activity.id };
    const client = await this.clientFor(reference.serviceUrl);
    await client.conversations.updateActivity(conversationIdOf(reference), activity.id, outgoing, { abortSignal: signal });
  }

  /** Opens a conversation (POST /v3/conversations) and returns its reference, as botbuilder's adapter would give it. */
  async createConversation(channelId: string, serviceUrl: string, parameters: ConversationParameters, signal: AbortSignal): Promise<Reference> {
    const client = await this.clientFor(serviceUrl);
    const created = await client.conversations.createConversation(parameters, { abortSignal: signal });
    if (!created.id) throw new DeliveryError('Teams opened the chat but gave no conversation for it.', true);
    return { channelId, serviceUrl, bot: parameters.bot, conversation: { id: created.id, isGroup: parameters.isGroup, tenantId: parameters.tenantId } as Reference['conversation'] };
  }

  /** The kept client for a service URL, with the factory's own audience. */
  private clientFor(serviceUrl: string | undefined): Promise<ConnectorClient> {
    if (!serviceUrl) return Promise.reject(new DeliveryError('The stored conversation has no Teams service URL to send to.', false));
    return this.clients.create(serviceUrl);
  }
}

const conversationIdOf = (reference: Reference): string => {
  const id = reference.conversation?.id;
  if (!id) throw new DeliveryError('The stored conversation has no id to send to.', false);
  return id;
};

/** A copy of the activity addressed as a turn of the reference's conversation would send it, never as a reply. */
function addressed(reference: Reference, activity: Partial<Activity>): Partial<Activity> {
  const outgoing = TurnContext.applyConversationReference({ ...activity }, reference);
  delete outgoing.replyToId;
  delete outgoing.id;
  return outgoing;
}
