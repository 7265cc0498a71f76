import { randomUUID } from 'node:crypto';
import dc from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Microsoft Graph and Entra ID token endpoint over https on 127.0.0.1, for tests that drive the real
 * msal-node and Graph client. Its certificate (test/support/certs) is trusted only because the `jest` script
 * sets NODE_EXTRA_CA_CERTS=test/support/certs/ca.pem. Graph routes answer only requests carrying a token it issued.
 * Built-in: the token endpoint, the OpenID metadata msal asks for, `POST /v1.0/users/{id}/sendMail`, and the
 * sending mailbox's drafts and sent items (`playMailbox`, below). Other Graph areas add their routes with
 * `route(...)` and read `requests`: the calendar is played by `playCalendar` in fake-graph-calendar.ts.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/v1.0/users/office@x/sendMail` (percent-decoded). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON or form body; the raw text otherwise. */
  body: unknown;
  at: number;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: RecordedRequest, match: RegExpMatchArray) => FakeAnswer | Promise<FakeAnswer>;

/** A fault to answer instead of the real route: 429 with Retry-After, 503, 502, 403... */
export interface Fault {
  status: number;
  retryAfterSeconds?: number;
  code?: string;
  message?: string;
}

export interface SentMail {
  sender: string;
  subject: string;
  html: string;
  to: string[];
  saveToSentItems?: boolean;
}

export interface TokenRequest {
  tenant: string;
  clientId: string;
  grantType: string;
  scope: string;
}

export interface FakeGraph {
  /** `https://127.0.0.1:<port>`: the authority host and the Graph host. */
  url: string;
  /** `https://127.0.0.1:<port>/v1.0`: what GRAPH_BASE_URL should be. */
  graphBaseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Ready-made settings for `createGraphClient` / `createGraphMailer` pointing at this fake. */
  connection: { tenantId: string; clientId: string; clientSecret: string; graphBaseUrl: string; authorityHost: string };
  /** Every request received, token endpoint included, in order. */
  requests: RecordedRequest[];
  tokenRequests: TokenRequest[];
  /** Mails accepted by sendMail or by sending a draft (a faulted or refused call records nothing). */
  sentMail: SentMail[];
  /** The sending mailbox's drafts and sent items (see `playMailbox`). */
  mailbox: MailboxMessage[];
  /** The next `times` draft sends are carried out (the mail goes) and then answered with `status`, as Graph sometimes does. */
  failAfterSending(times: number, status?: number): void;
  /** Adds a Graph route (path is matched against `/v1.0/...`); checked before the built-in ones. */
  route(method: string, path: RegExp, handler: RouteHandler): void;
  /** The next `times` Graph calls whose path matches `path` (default: every Graph call) get `fault`. `Infinity` for always. */
  failNext(times: number, fault: Fault, path?: RegExp): void;
  close(): Promise<void>;
}

const certs = new URL('./certs/', import.meta.url);

function send(res: ServerResponse, answer: FakeAnswer): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...(text ? { 'content-type': 'application/json' } : {}), ...answer.headers });
  res.end(text);
}

const graphError = (status: number, code: string, message: string): FakeAnswer => ({
  status,
  body: { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } },
});

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'https://fake');
  const type = req.headers['content-type'] ?? '';
  let body: unknown = text;
  if (text && type.includes('application/json')) body = JSON.parse(text);
  else if (text && type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(text));
  return { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body, at: Date.now() };
}

/** Starts the fake on an ephemeral port. Tenant, client id and secret default to fresh values. */
export async function startFakeGraph(options: Partial<Pick<FakeGraph, 'tenantId' | 'clientId' | 'clientSecret'>> = {}): Promise<FakeGraph> {
  const tenantId = options.tenantId ?? randomUUID();
  const clientId = options.clientId ?? randomUUID();
  const clientSecret = options.clientSecret ?? `secret-${randomUUID()}`;
  const issued = new Set<string>();
  const routes: Array<{ method: string; path: RegExp; handler: RouteHandler }> = [];
  const faults: Array<{ remaining: number; fault: Fault; path: RegExp }> = [];
  const requests: RecordedRequest[] = [];
  const tokenRequests: TokenRequest[] = [];
  const sentMail: SentMail[] = [];
  let url = '';

  const metadata = (tenant: string) => ({
    token_endpoint: `${url}/${tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${url}/${tenant}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${url}/${tenant}/oauth2/v2.0/logout`,
    jwks_uri: `${url}/${tenant}/discovery/v2.0/keys`,
    issuer: `${url}/${tenant}/v2.0`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
  });

  function token(request: RecordedRequest, tenant: string): FakeAnswer {
    const form = (request.body ?? {}) as Record<string, string>;
    tokenRequests.push({ tenant, clientId: form.client_id ?? '', grantType: form.grant_type ?? '', scope: form.scope ?? '' });
    const refuse = (status: number, error: string, description: string): FakeAnswer => ({
      status,
      body: { error, error_description: description, error_codes: [Number(description.match(/AADSTS(\d+)/)?.[1] ?? 0)] },
    });
    if (tenant !== tenantId) return refuse(400, 'invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`);
    if (form.grant_type !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    if (form.client_id !== clientId) return refuse(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.client_id}' was not found.`);
    if (form.client_secret !== clientSecret) return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    if (form.scope?.split(' ').filter((s) => s !== 'openid' && s !== 'profile' && s !== 'offline_access').join(' ') !== `${url}/.default`) {
      return refuse(400, 'invalid_scope', `AADSTS1002012: The provided value for scope ${form.scope} is not valid.`);
    }
    const accessToken = `fake-graph-token-${randomUUID()}`;
    issued.add(accessToken);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  routes.push({
    method: 'POST',
    path: /^\/v1\.0\/users\/([^/]+)\/sendMail$/,
    handler: (request, match) => {
      const payload = request.body as { message?: { subject?: string; body?: { content?: string }; toRecipients?: Array<{ emailAddress?: { address?: string } }> }; saveToSentItems?: boolean };
      const to = (payload.message?.toRecipients ?? []).map((r) => r.emailAddress?.address ?? '');
      if (!payload.message || to.length === 0 || to.some((a) => !a)) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
      sentMail.push({ sender: match[1]!, subject: payload.message.subject ?? '', html: payload.message.body?.content ?? '', to, saveToSentItems: payload.saveToSentItems });
      return { status: 202 };
    },
  });

  const mailbox = playMailbox(sentMail);
  for (const route of mailbox.routes) routes.push(route);

  async function answer(request: RecordedRequest): Promise<FakeAnswer> {
    const tokenMatch = request.path.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (request.method === 'POST' && tokenMatch) return token(request, tokenMatch[1]!);
    const metadataMatch = request.path.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    if (request.method === 'GET' && metadataMatch) return { status: 200, body: metadata(metadataMatch[1]!) };
    if (!request.path.startsWith('/v1.0/')) return { status: 404, body: { error: 'not_found' } };

    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !issued.has(bearer)) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    const fault = faults.find((f) => f.remaining > 0 && f.path.test(request.path));
    if (fault) {
      fault.remaining -= 1;
      const { status, retryAfterSeconds, code, message } = fault.fault;
      const fallbackCode = status === 429 ? 'TooManyRequests' : status === 403 ? 'ErrorAccessDenied' : 'ServiceUnavailable';
      return {
        ...graphError(status, code ?? fallbackCode, message ?? `Injected fault ${status}.`),
        headers: retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : undefined,
      };
    }
    for (const route of routes) {
      const match = request.method === route.method ? request.path.match(route.path) : null;
      if (match) return route.handler(request, match);
    }
    return graphError(404, 'Request_ResourceNotFound', `No fake route for ${request.method} ${request.path}.`);
  }

  const server: Server = createServer(
    { cert: readFileSync(new URL('server.pem', certs)), key: readFileSync(new URL('server-key.pem', certs)) },
    (req, res) => {
      readRequest(req)
        .then(async (request) => {
          requests.push(request);
          send(res, await answer(request));
        })
        .catch((error: unknown) => send(res, graphError(500, 'FakeGraphFailure', String(error))));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const graphBaseUrl = `${url}/v1.0`;

  return {
    url,
    graphBaseUrl,
    tenantId,
    clientId,
    clientSecret,
    connection: { tenantId, clientId, clientSecret, graphBaseUrl, authorityHost: url },
    requests,
    tokenRequests,
    sentMail,
    mailbox: mailbox.messages,
    failAfterSending(times, status = 500) {
      mailbox.failAfterSending.push({ remaining: times, status });
    },
    route(method, path, handler) {
      routes.unshift({ method: method.toUpperCase(), path, handler });
    },
    failNext(times, fault, path = /^\/v1\.0\//) {
      faults.push({ remaining: times, fault, path });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Mail drafts, sending them and finding them again (the GraphMailer's effectively-once path). Kept apart from other
// Graph areas (calendar...) so each can grow without touching the others.
// ---------------------------------------------------------------------------------------------------------------

/** A message in the sending mailbox: a draft until sent, then in Sent Items. */
export interface MailboxMessage {
  id: string;
  sender: string;
  folder: 'drafts' | 'sentitems';
  subject: string;
  html: string;
  to: string[];
  /** singleValueExtendedProperties, by id. */
  properties: Record<string, string>;
}

/**
 * Plays `POST /users/{id}/messages` (a draft, with singleValueExtendedProperties), `POST /users/{id}/messages/{mid}/send`
 * (moves it to Sent Items and records it in `sentMail`) and `GET /users/{id}/mailFolders/{drafts|sentitems}/messages`
 * with a `$filter` on one extended property's value, as the GraphMailer uses it.
 */
function playMailbox(sentMail: SentMail[]) {
  const messages: MailboxMessage[] = [];
  const failAfterSending: Array<{ remaining: number; status: number }> = [];
  type Draft = { subject?: string; body?: { content?: string }; toRecipients?: Array<{ emailAddress?: { address?: string } }>; singleValueExtendedProperties?: Array<{ id: string; value: string }> };
  const routes: Array<{ method: string; path: RegExp; handler: RouteHandler }> = [
    {
      method: 'POST',
      path: /^\/v1\.0\/users\/([^/]+)\/messages$/,
      handler: (request, match) => {
        const draft = request.body as Draft;
        const to = (draft.toRecipients ?? []).map((r) => r.emailAddress?.address ?? '');
        if (to.length === 0 || to.some((a) => !a)) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
        const properties = Object.fromEntries((draft.singleValueExtendedProperties ?? []).map((p) => [p.id, p.value]));
        const message: MailboxMessage = { id: `AAMk-${randomUUID()}`, sender: match[1]!, folder: 'drafts', subject: draft.subject ?? '', html: draft.body?.content ?? '', to, properties };
        messages.push(message);
        return { status: 201, body: { id: message.id, isDraft: true, subject: message.subject } };
      },
    },
    {
      method: 'POST',
      path: /^\/v1\.0\/users\/([^/]+)\/messages\/([^/]+)\/send$/,
      handler: (_request, match) => {
        const message = messages.find((m) => m.id === match[2] && m.sender === match[1]);
        if (!message) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
        if (message.folder !== 'drafts') return graphError(400, 'ErrorInvalidOperation', 'The message has already been sent.');
        message.folder = 'sentitems';
        sentMail.push({ sender: message.sender, subject: message.subject, html: message.html, to: message.to, saveToSentItems: true });
        const fault = failAfterSending.find((f) => f.remaining > 0);
        if (fault) {
          fault.remaining -= 1;
          return graphError(fault.status, 'generalException', 'An error occurred after the message was accepted.');
        }
        return { status: 202 };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\.0\/users\/([^/]+)\/mailFolders\/(drafts|sentitems)\/messages$/,
      handler: (request, match) => {
        const filter = /ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'/.exec(request.query.get('$filter') ?? '');
        const inFolder = messages.filter((m) => m.sender === match[1] && m.folder === match[2]);
        const found = filter ? inFolder.filter((m) => m.properties[filter[1]!] === filter[2]!.replace(/''/g, "'")) : inFolder;
        return { status: 200, body: { value: found.map((m) => ({ id: m.id })) } };
      },
    },
  ];
  return { routes, messages, failAfterSending };
}

/**
 * Records the origin of every outgoing HTTP request (node:http/https, which msal uses, and fetch, which the
 * Graph client uses) until `stop()`, so a test can show nothing went to Microsoft's real hosts.
 */
export function recordOutgoingOrigins(): { origins: Set<string>; stop(): void } {
  const origins = new Set<string>();
  const onFetch = (message: unknown) => {
    const origin = (message as { request?: { origin?: string } }).request?.origin;
    if (origin) origins.add(new URL(origin).origin);
  };
  const onHttp = (message: unknown) => {
    const request = (message as { request?: { protocol?: string; host?: string; getHeader?(name: string): unknown } }).request;
    const host = request?.getHeader?.('host') ?? request?.host;
    if (request?.protocol && host) origins.add(`${request.protocol}//${String(host)}`);
  };
  dc.subscribe('undici:request:create', onFetch);
  dc.subscribe('http.client.request.start', onHttp);
  return {
    origins,
    stop() {
      dc.unsubscribe('undici:request:create', onFetch);
      dc.unsubscribe('http.client.request.start', onHttp);
    },
  };
}
