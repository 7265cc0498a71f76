import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectorClient } from 'botframework-connector';
import { loadConfig } from '../../src/config.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { silentLogger } from '../../src/app/ports/logger.port.js';
import { personalConversationId } from '../../src/app/conversations/remember-conversation.js';
import { channelConversationId } from '../../src/app/conversations/register-channel.js';
import { DeliveryError } from '../../src/domain/errors.js';
import { createBotConnection } from '../../src/teams/endpoint.js';
import { TeamsMessenger } from '../../src/teams/messenger.js';
import { aadObjectIdFor, BOT_ACCOUNT, TEST_TENANT_ID } from '../support/builders.js';
import { startConnector, type FakeConnector } from '../support/connector.js';

const head = { name: 'Hannah Head', email: 'hannah.head@oakwood.example', aadObjectId: aadObjectIdFor('Hannah Head') };
const whoami = { name: 'whoami', data: { name: 'Hannah Head', email: head.email, roles: 'Headteacher', schools: [], training: [] } };

describe('TeamsMessenger against the recording Bot Connector (local mode: no BOT_ID, no tokens)', () => {
  let connector: FakeConnector;
  let store: MemoryStore;
  let messenger: TeamsMessenger;
  /** The retries counted for /metrics, as `upstream:status`. */
  let retries: string[];

  beforeEach(async () => {
    retries = [];
    connector = await startConnector();
    store = new MemoryStore();
    const config = loadConfig({ BOT_SERVICE_URL: connector.url, BOT_TENANT_ID: TEST_TENANT_ID });
    const metrics = { upstreamRetry: (upstream: string, status: number | undefined) => void retries.push(`${upstream}:${status ?? 'no-answer'}`) };
    messenger = new TeamsMessenger({ adapter: createBotConnection(config).adapter, store, logger: silentLogger, botId: config.bot.id, serviceUrl: config.bot.serviceUrl, metrics });
  });
  afterEach(async () => {
    await connector.close();
  });

  const posts = (path: RegExp) => connector.requests.filter((r) => r.method === 'POST' && path.test(r.path));

  it('when a person the bot has never heard from is messaged, then their 1:1 chat is opened and the message sent there, card and all', async () => {
    const outcome = await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Please acknowledge the health check.', card: whoami });

    expect(outcome.status).toBe('sent');
    expect(connector.conversations).toHaveLength(1);
    const created = connector.conversations[0]!;
    expect(created.parameters).toMatchObject({ isGroup: false, members: [{ id: head.aadObjectId }], tenantId: TEST_TENANT_ID, channelData: { tenant: { id: TEST_TENANT_ID } } });
    const sent = connector.activitiesIn(created.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'send', activity: { type: 'message', summary: 'Please acknowledge the health check.' } });
    expect(sent[0]!.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const stored = await store.get('conversations', TEST_TENANT_ID, personalConversationId(head.aadObjectId));
    expect(stored).toMatchObject({ kind: 'personal', aadObjectId: head.aadObjectId, reference: { conversation: { id: created.id }, serviceUrl: connector.url } });
  });

  it('when the same person is messaged again, then the stored chat is reused and no new one is opened', async () => {
    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'First' });
    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Second' });

    expect(connector.conversations).toHaveLength(1);
    expect(connector.activitiesIn(connector.conversations[0]!.id).map((a) => (a.activity.text ?? a.activity.summary))).toEqual(['First', 'Second']);
    expect(posts(/^\/v3\/conversations$/)).toHaveLength(1);
  });

  it('when the person has written to the bot before, then the message goes to that chat, as a new message rather than a reply', async () => {
    const chat = `a:1:${head.aadObjectId}`;
    const reference = { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: chat, conversationType: 'personal', tenantId: TEST_TENANT_ID }, bot: BOT_ACCOUNT, user: { id: '29:hannah', aadObjectId: head.aadObjectId } };
    await store.transact((tx) => tx.insert('conversations', TEST_TENANT_ID, { id: personalConversationId(head.aadObjectId), kind: 'personal', aadObjectId: head.aadObjectId, reference }).then(() => undefined), { actor: 'test' });

    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Your milestone is due soon.' });

    expect(connector.conversations).toEqual([]);
    expect(connector.activitiesIn(chat)).toMatchObject([{ kind: 'send', activity: { text: 'Your milestone is due soon.' } }]);
  });

  it('when Teams throttles with 429 and Retry-After: 1, then the message is delivered once', async () => {
    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Warm-up' });
    connector.failNext(1, { status: 429, retryAfter: 1, when: (method, path) => method === 'POST' && path.endsWith('/activities') });

    const outcome = await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'After the throttle' });

    expect(outcome.status).toBe('sent');
    expect(connector.activities.filter((a) => (a.activity.text ?? a.activity.summary) === 'After the throttle')).toHaveLength(1);
    expect(posts(/\/activities$/).filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('when Teams answers 412 once, then the message is retried, delivered once, and the retry counted for /metrics', async () => {
    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Warm-up' });
    connector.failNext(1, { status: 412, when: (method, path) => method === 'POST' && path.endsWith('/activities') });

    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'After the 412' });

    expect(connector.activities.filter((a) => (a.activity.text ?? a.activity.summary) === 'After the 412')).toHaveLength(1);
    expect(retries).toEqual(['teams:412']);
  });

  it('when 20 messages go at once to someone new, then one chat is opened, no second ever holds more than 7 of them, and they arrive in order', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `message ${i + 1}`);

    await Promise.all(texts.map((text) => messenger.sendToPerson(TEST_TENANT_ID, head, { text })));

    expect(connector.conversations).toHaveLength(1);
    const arrivals = posts(/\/activities$/).map((r) => r.at);
    expect(arrivals).toHaveLength(20);
    const busiestSecond = Math.max(...arrivals.map((start) => arrivals.filter((t) => t >= start && t < start + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(7);
    expect(connector.activities.map((a) => (a.activity.text ?? a.activity.summary))).toEqual(texts);
  });

  it('when the app is not installed for the person (403 on opening the chat), then they are unreachable', async () => {
    connector.failNext(1, { status: 403, when: (method, path) => method === 'POST' && path === '/v3/conversations' });

    const outcome = await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Hello' });

    expect(outcome).toEqual({ status: 'unreachable', reason: 'the bot is not installed for them in Teams' });
    expect(await store.get('conversations', TEST_TENANT_ID, personalConversationId(head.aadObjectId))).toBeUndefined();
  });

  it('when the person has no Entra object id, then they are unreachable and nothing is sent', async () => {
    const outcome = await messenger.sendToPerson(TEST_TENANT_ID, { name: 'Nadia NoTeams', email: 'nadia@school.example' }, { text: 'Hello' });

    expect(outcome.status).toBe('unreachable');
    expect(connector.requests).toEqual([]);
  });

  it.each([
    ['no Teams service URL', { serviceUrl: undefined }, 'The stored conversation has no Teams service URL to send to.'],
    ['no conversation id', { conversation: { conversationType: 'personal' } }, 'The stored conversation has no id to send to.'],
  ])('when the stored 1:1 chat has %s, then a DeliveryError that is not retryable says so, and nothing is sent', async (_what, damage, message) => {
    const reference = { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: `a:1:${head.aadObjectId}`, conversationType: 'personal' }, bot: BOT_ACCOUNT, ...damage };
    await store.transact((tx) => tx.insert('conversations', TEST_TENANT_ID, { id: personalConversationId(head.aadObjectId), kind: 'personal', aadObjectId: head.aadObjectId, reference }).then(() => undefined), { actor: 'test' });

    const error = await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Hello' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ message, retryable: false });
    expect(connector.requests).toEqual([]);
  });

  it('when Teams refuses the message with 400, then a DeliveryError that is not retryable says so', async () => {
    await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Warm-up' });
    connector.failNext(1, { status: 400, when: (method, path) => method === 'POST' && path.endsWith('/activities') });

    const error = await messenger.sendToPerson(TEST_TENANT_ID, head, { text: 'Refused' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(false);
  });

  it('when a digest is posted to the registered SIT channel, then it starts a new thread there', async () => {
    const reference = { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: '19:sit@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: TEST_TENANT_ID }, bot: BOT_ACCOUNT };
    await store.transact((tx) => tx.insert('conversations', TEST_TENANT_ID, { id: channelConversationId('sit'), kind: 'channel', purpose: 'sit', reference }).then(() => undefined), { actor: 'test' });

    const outcome = await messenger.sendToChannel(TEST_TENANT_ID, 'sit', { text: 'SIT digest' });

    expect(outcome.status).toBe('sent');
    expect(connector.activities.map((a) => [a.kind, a.conversationId, (a.activity.text ?? a.activity.summary)])).toEqual([['send', '19:sit@thread.tacv2', 'SIT digest']]);
  });

  it('when no channel is registered for a partnership, then it is unreachable, saying which', async () => {
    const outcome = await messenger.sendToChannel(TEST_TENANT_ID, 'partnership', { text: 'Digest' }, 'Rutland North');

    expect(outcome).toEqual({ status: 'unreachable', reason: 'no channel is registered for the partnership digest of Rutland North' });
  });
});

describe('TeamsMessenger keeps one connector client per service URL', () => {
  let connector: FakeConnector;
  let other: FakeConnector;
  let store: MemoryStore;
  /** The bot's token as its credentials would hand it out now (renewed before it expires). */
  let token: string;
  /** Every connector client made, by service URL. */
  let made: string[];
  /** A connector factory as the adapter's makes them: each client signs every request with the bot's current token. */
  const source = {
    connectorFactoryFor: () => ({
      create: async (serviceUrl: string) => {
        made.push(serviceUrl);
        const credentials: ConstructorParameters<typeof ConnectorClient>[0] = {
          signRequest: async (request) => {
            request.headers.set('authorization', `Bearer ${token}`);
            return request;
          },
        };
        return new ConnectorClient(credentials, { baseUri: serviceUrl });
      },
    }),
  };
  const chatAt = async (url: string, aadObjectId: string) => {
    const reference = { channelId: 'msteams', serviceUrl: url, conversation: { id: `a:1:${aadObjectId}`, conversationType: 'personal', tenantId: TEST_TENANT_ID }, bot: BOT_ACCOUNT, user: { id: `29:${aadObjectId}`, aadObjectId } };
    await store.transact((tx) => tx.insert('conversations', TEST_TENANT_ID, { id: personalConversationId(aadObjectId), kind: 'personal', aadObjectId, reference }).then(() => undefined), { actor: 'test' });
  };
  const messenger = (options: Partial<ConstructorParameters<typeof TeamsMessenger>[0]> = {}) =>
    new TeamsMessenger({ adapter: source, store, logger: silentLogger, botId: 'bot-app-id', serviceUrl: connector.url, ...options });

  beforeEach(async () => {
    [connector, other] = await Promise.all([startConnector(), startConnector()]);
    store = new MemoryStore();
    token = 'first-token';
    made = [];
  });
  afterEach(async () => {
    await Promise.all([connector.close(), other.close()]);
  });

  it('when the bot sends twice through the same service URL and its token is renewed between, then each request carries the token of its moment, from one client', async () => {
    await chatAt(connector.url, head.aadObjectId);
    const teams = messenger();

    await teams.sendToPerson(TEST_TENANT_ID, head, { text: 'First' });
    token = 'renewed-token';
    await teams.sendToPerson(TEST_TENANT_ID, head, { text: 'Second' });
    await teams.updateMessage(TEST_TENANT_ID, { conversation: (await store.get('conversations', TEST_TENANT_ID, personalConversationId(head.aadObjectId)))!.reference, activityId: 'activity-1' }, { text: 'Edited' });

    expect(connector.requests.map((r) => [r.method, r.headers.authorization])).toEqual([
      ['POST', 'Bearer first-token'],
      ['POST', 'Bearer renewed-token'],
      ['PUT', 'Bearer renewed-token'],
    ]);
    expect(made).toEqual([connector.url]);
  });

  it('when a chat lives at another service URL, then it is reached there, through a client of its own', async () => {
    const rob = { name: 'Rob Region', email: 'rob@school.example', aadObjectId: aadObjectIdFor('Rob Region') };
    await chatAt(connector.url, head.aadObjectId);
    await chatAt(other.url, rob.aadObjectId);
    const teams = messenger();

    await teams.sendToPerson(TEST_TENANT_ID, head, { text: 'To Hannah' });
    await teams.sendToPerson(TEST_TENANT_ID, rob, { text: 'To Rob' });
    await teams.sendToPerson(TEST_TENANT_ID, head, { text: 'To Hannah again' });

    expect(connector.activities.map((a) => a.activity.text)).toEqual(['To Hannah', 'To Hannah again']);
    expect(other.activities.map((a) => a.activity.text)).toEqual(['To Rob']);
    expect(made).toEqual([connector.url, other.url]);
  });

  it('when the connector hangs, then every send through the kept client is given up at its timeout, and once it answers again the next send goes', async () => {
    await chatAt(connector.url, head.aadObjectId);
    const teams = messenger({ callTimeoutMs: 200, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const hung = connector.hang();

    for (const text of ['First', 'Second']) {
      const error = await teams.sendToPerson(TEST_TENANT_ID, head, { text }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).retryable).toBe(true);
    }
    expect(hung.held()).toBe(2);

    hung.release();
    expect(await teams.sendToPerson(TEST_TENANT_ID, head, { text: 'Third' })).toMatchObject({ status: 'sent' });
    expect(connector.activities.map((a) => a.activity.text)).toContain('Third');
    expect(made).toEqual([connector.url]);
  });
});
