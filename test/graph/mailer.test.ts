import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createGraphMailer, DELIVERY_KEY_PROPERTY, GraphMailer } from '../../src/graph/mailer.js';
import { createGraphClient, type GraphConnection } from '../../src/graph/graph-client.js';
import { GraphPermissionError } from '../../src/graph/graph-errors.js';
import { DeliveryError } from '../../src/domain/errors.js';
import { recordOutgoingOrigins, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const SENDER = 'school-improvement@la.example';
const message = { to: ['head@school.example'], subject: 'Visit note for Hillside Primary', html: '<p>Your copy of the visit note.</p>' };
/** Short waits so that the retry paths run in milliseconds; Retry-After from the server is still honoured as given. */
const quickRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 2_000 };
/** Graph's "send this draft" call. */
const SEND = /\/messages\/[^/]+\/send$/;

describe('GraphMailer against a fake Microsoft Graph over https', () => {
  let graph: FakeGraph;

  beforeEach(async () => {
    graph = await startFakeGraph();
  });
  afterEach(async () => {
    await graph.close();
  });

  const mailer = (overrides: Partial<GraphConnection> = {}) =>
    new GraphMailer(createGraphClient({ ...graph.connection, ...overrides, retry: quickRetry }), SENDER);

  it('when a mail is sent, then Graph receives it from the configured mailbox with an app-only token for the Graph host, and nothing goes anywhere else', async () => {
    const outgoing = recordOutgoingOrigins();
    try {
      await mailer().send('tenant-1', message);
    } finally {
      outgoing.stop();
    }

    expect(graph.sentMail).toEqual([{ sender: SENDER, subject: message.subject, html: message.html, to: message.to, saveToSentItems: true }]);
    expect(graph.tokenRequests).toEqual([{ tenant: graph.tenantId, clientId: graph.clientId, grantType: 'client_credentials', scope: `${graph.url}/.default` }]);
    expect([...outgoing.origins]).toEqual([graph.url]);
    const send = graph.requests.find((r) => r.path.endsWith('/send'));
    expect(send?.headers.authorization).toMatch(/^Bearer fake-graph-token-/);
  });

  it('when two mails are sent, then the token is requested once and reused', async () => {
    const m = mailer();
    await m.send('tenant-1', message);
    await m.send('tenant-1', { ...message, subject: 'Second' });

    expect(graph.sentMail.map((s) => s.subject)).toEqual([message.subject, 'Second']);
    expect(graph.tokenRequests).toHaveLength(1);
  });

  it('when Graph throttles with 429 and Retry-After: 1, then the mail is sent after the wait, exactly once, and the retry counted for /metrics', async () => {
    graph.failNext(1, { status: 429, retryAfterSeconds: 1 }, SEND);
    const retries: string[] = [];

    await mailer({ metrics: { upstreamRetry: (upstream, status) => void retries.push(`${upstream}:${status}`) } }).send('tenant-1', message);

    expect(graph.sentMail).toHaveLength(1);
    const calls = graph.requests.filter((r) => SEND.test(r.path));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(retries).toEqual(['graph:429']);
  });

  it.each([503, 502, 504, 412])('when Graph answers %i once, then the mail still goes, once', async (status) => {
    graph.failNext(1, { status }, SEND);

    await mailer().send('tenant-1', message);

    expect(graph.sentMail).toHaveLength(1);
    // The draft written at the first attempt is the one sent: nothing is written twice.
    expect(graph.mailbox.map((m) => m.folder)).toEqual(['sentitems']);
  });

  it('when Graph sends the mail and then answers 500, then the retry finds it in Sent Items and sends nothing more: one mail, not two', async () => {
    graph.failAfterSending(1, 500);

    await mailer().send('tenant-1', message, { key: 'outbox-item-1:head@school.example' });

    expect(graph.sentMail).toHaveLength(1);
    expect(graph.requests.filter((r) => SEND.test(r.path))).toHaveLength(1);
    expect(graph.requests.filter((r) => r.path.endsWith('/mailFolders/sentitems/messages'))).toHaveLength(2);
  });

  it('when the same delivery is sent again later (an outbox retry after a crash), then the key found in Sent Items stops a second mail', async () => {
    const key = 'outbox-item-2:head@school.example';
    await mailer().send('tenant-1', message, { key });
    await mailer().send('tenant-1', message, { key });

    expect(graph.sentMail).toHaveLength(1);
    expect(graph.mailbox).toEqual([expect.objectContaining({ folder: 'sentitems', properties: { [DELIVERY_KEY_PROPERTY]: key } })]);
  });

  it('when Graph keeps failing with 500, then a retryable DeliveryError is thrown after the capped attempts and nothing is sent', async () => {
    graph.failNext(Infinity, { status: 500, code: 'generalException' }, SEND);

    const error = await mailer().send('tenant-1', message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).not.toBeInstanceOf(GraphPermissionError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect((error as Error).message).toContain('500');
    // Each send tried once per attempt (never blindly again by the retry handler), each after a look in Sent Items.
    expect(graph.requests.filter((r) => SEND.test(r.path))).toHaveLength(quickRetry.maxAttempts);
    expect(graph.sentMail).toEqual([]);
    expect(graph.mailbox.map((m) => m.folder)).toEqual(['drafts']);
  });

  it('when Graph refuses with 403, then a GraphPermissionError names Mail.Send and the app registration, and it is not retried', async () => {
    graph.failNext(1, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' }, SEND);

    const error = await mailer().send('tenant-1', message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphPermissionError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as Error).message).toContain('Mail.Send');
    expect((error as Error).message).toContain(graph.clientId);
    expect((error as Error).message).toContain('administrator');
    expect(graph.requests.filter((r) => SEND.test(r.path))).toHaveLength(1);
  });

  it('when Graph accepts the connection and never answers, then each call is abandoned after its timeout and a retryable DeliveryError says so', async () => {
    graph.route('GET', /\/mailFolders\/sentitems\/messages$/, () => new Promise<never>(() => undefined));
    const hanging = new GraphMailer(createGraphClient({ ...graph.connection, retry: quickRetry, timeoutMs: 50 }), SENDER);

    const error = await hanging.send('tenant-1', message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect(graph.sentMail).toEqual([]);
  });

  it('when the client secret is wrong, then a GraphPermissionError tells the administrator to check the Graph settings', async () => {
    const error = await mailer({ clientSecret: 'expired-secret' }).send('tenant-1', message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphPermissionError);
    expect((error as Error).message).toContain('GRAPH_CLIENT_SECRET');
    expect(graph.sentMail).toEqual([]);
  });

  it('when the sending mailbox does not exist, then the DeliveryError is not retryable', async () => {
    graph.failNext(1, { status: 404, code: 'ErrorInvalidUser', message: "The requested user 'x' is invalid." });

    const error = await mailer().send('tenant-1', message).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as Error).message).toContain('ErrorInvalidUser');
  });
});

describe('createGraphMailer', () => {
  it('when Graph is not configured, then there is no mailer, so callers know mail is unavailable', () => {
    expect(createGraphMailer({ graphBaseUrl: 'https://graph.microsoft.com/v1.0', authorityHost: 'https://login.microsoftonline.com' })).toBeUndefined();
    expect(
      createGraphMailer({ graphBaseUrl: 'https://graph.microsoft.com/v1.0', authorityHost: 'https://login.microsoftonline.com', tenantId: 't', clientId: 'c', clientSecret: 's' }),
    ).toBeUndefined();
  });

  it('when Graph and the sender are configured, then there is a mailer', () => {
    const mailer = createGraphMailer({
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      mailSender: SENDER,
    });
    expect(mailer).toBeInstanceOf(GraphMailer);
  });
});
