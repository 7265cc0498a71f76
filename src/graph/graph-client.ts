import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { silentLogger, type Logger } from '../app/ports/logger.port.js';
import type { Metrics } from '../app/ports/metrics.port.js';
import { callRetryPolicy, type RetryPolicy } from '../app/delivery/backoff.js';
import { AppTokenProvider, type AppTokenSettings } from './app-token.js';
import { GraphRetryHandler, sleep as sleepFor, type Sleep } from './retry-handler.js';
import { toDeliveryError, type GraphCallDescription } from './graph-errors.js';

/**
 * Everything needed to reach Microsoft Graph as the app (plain values, so the caller maps its own config).
 * `graphBaseUrl` and `authorityHost` may name any https host: a local fake with a certificate trusted
 * through NODE_EXTRA_CA_CERTS plays Microsoft 365 end to end.
 */
export interface GraphConnection extends AppTokenSettings {
  /** Per-call retries; defaults to `callRetryPolicy`. */
  retry?: RetryPolicy;
  logger?: Logger;
  /** How the retry handler waits; defaults to a timer. */
  sleep?: Sleep;
  /** How long one request may go unanswered (GRAPH_CALL_TIMEOUT_MS by default). */
  timeoutMs?: number;
  /** Counts each retry (by status) for /metrics. */
  metrics?: Pick<Metrics, 'upstreamRetry'>;
}

/** `https://host/v1.0` → base `https://host`, version `v1.0`; a deeper path stays in the base (`https://host/graph`, `v1.0`). */
export function splitGraphBaseUrl(graphBaseUrl: string): { baseUrl: string; version: string; host: string } {
  const url = new URL(graphBaseUrl);
  if (url.protocol !== 'https:') throw new Error(`GRAPH_BASE_URL must be an https URL, got ${url.protocol}`);
  const segments = url.pathname.split('/').filter(Boolean);
  const version = segments.pop();
  if (!version) throw new Error('GRAPH_BASE_URL must end with the API version, e.g. https://graph.microsoft.com/v1.0');
  return { baseUrl: [url.origin, ...segments].join('/'), version, host: url.hostname };
}

/**
 * One Graph client for the app, reusable by every Graph adapter (mail now, calendar later): requests go to
 * the configured host with an app-only token, retried per policy, and any failure comes out as a
 * DeliveryError (or GraphPermissionError) that says what went wrong and whether to try again later.
 */
export class GraphClient {
  constructor(
    private readonly client: Client,
    private readonly tokens: AppTokenProvider,
    /** The app registration's client id, named in permission errors so an administrator knows which app to fix. */
    readonly clientId: string,
    /** Retries of whole operations made of several calls (e.g. mail: look up, draft, send), on the calls' own policy. */
    readonly retry: RetryPolicy = callRetryPolicy,
    readonly sleep: Sleep = sleepFor,
  ) {}

  /**
   * Runs one request. `action` says in users' words what it does ("send mail as x"), `permission` the
   * application permission it needs; both appear in the error if Graph refuses.
   */
  async call<T>(what: Omit<GraphCallDescription, 'clientId'>, request: (client: Client) => Promise<T>): Promise<T> {
    try {
      // Get the token first: the SDK would wrap a refused token in a GraphError and lose msal's error code, which
      // says whether the secret is wrong (an administrator's job) or Entra ID was unreachable (try again). msal
      // caches the token, so the SDK's own request for it just below costs nothing.
      await this.tokens.getAccessToken();
      return await request(this.client);
    } catch (error) {
      throw toDeliveryError(error, { ...what, clientId: this.clientId });
    }
  }
}

/** Builds the Graph client: msal token → retry → fetch, against `graphBaseUrl`. */
export function createGraphClient(connection: GraphConnection): GraphClient {
  const logger = connection.logger ?? silentLogger;
  const { baseUrl, version, host } = splitGraphBaseUrl(connection.graphBaseUrl);
  const tokens = new AppTokenProvider(connection, logger);
  const auth = new AuthenticationHandler(tokens);
  const policy = connection.retry ?? callRetryPolicy;
  const wait = connection.sleep ?? sleepFor;
  const retry = new GraphRetryHandler(policy, logger, wait, connection.timeoutMs, connection.metrics);
  auth.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl,
    defaultVersion: version,
    // The SDK attaches the token only to Graph's own hosts unless told of others; the configured host is the
    // one that must receive it (and no other).
    customHosts: new Set([host]),
  });
  return new GraphClient(client, tokens, connection.clientId, policy, wait);
}

/**
 * The Graph connection from the bot's settings (`config.graph`, unset without Graph): what every Graph adapter's
 * factory takes, each deciding for itself whether what it needs is there.
 */
export function graphSettingsOf(
  graph: { tenantId: string; clientId: string; clientSecret: string; mailSender: string; baseUrl: string; authorityHost: string } | undefined,
  logger: Logger,
  metrics?: Pick<Metrics, 'upstreamRetry'>,
): Partial<GraphConnection> & { mailSender?: string; graphBaseUrl: string; authorityHost: string; logger: Logger } {
  return { ...graph, graphBaseUrl: graph?.baseUrl ?? '', authorityHost: graph?.authorityHost ?? '', logger, metrics };
}
