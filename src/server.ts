import { existsSync, readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import restify from 'restify';
import { Registry } from 'prom-client';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigError, loadConfig, type Config } from './config.js';
import { systemClock, type Clock } from './app/ports/clock.port.js';
import type { Logger } from './app/ports/logger.port.js';
import type { Mailer } from './app/ports/mail.port.js';
import type { Messenger } from './app/ports/messenger.port.js';
import type { Store } from './app/ports/store.port.js';
import { createGraphMailer } from './graph/mailer.js';
import { graphSettingsOf } from './graph/graph-client.js';
import { createGraphCalendar } from './graph/calendar.js';
import type { Calendar } from './app/ports/calendar.port.js';
import { seedDemoData } from './app/demo/seed-demo.js';
import { openStore, sharedRateBudget } from './store/open-store.js';
import { createApp } from './teams/app.js';
import type { BotDeps } from './teams/deps.js';
import { createActivityHandler, createBotConnection } from './teams/endpoint.js';
import { jsonBody, MAX_ACTIVITY_BYTES } from './teams/json-body.js';
import { TeamsMessenger } from './teams/messenger.js';
import { scheduledJobs } from './jobs/registry.js';
import { startJobScheduler, type JobScheduler } from './jobs/scheduler.js';
import { loggableError } from './app/logging.js';
import { loadBuiltInTemplates } from './store/built-in-templates.js';
import { cliTasks } from './cli/cli-tasks.js';
import { probeStore } from './store/store-health.js';
import { StoreUnreachableError } from './domain/errors.js';
import { lastJobRuns } from './app/store-health/last-job-runs.js';
import { RequestLogs } from './app/request-logger.js';
import { CorruptStoreError } from './store/store-errors.js';
import { DamagedStoreAlarm } from './app/store-health/damaged-store-alarm.js';
import { warnAboutLocalMode } from './teams/local-mode.js';
import { featureComposers } from './app/notices/composers.js';
import { digestComposers } from './app/digests/composers.js';
import { digestSettingsOf } from './app/digests/digest-engine-deps.js';
import { AfterAnswerDispatcher } from './app/delivery/after-answer.js';
import { createBotMetrics, type BotMetrics } from './metrics/bot-metrics.js';
import { measuredStore } from './metrics/measured-store.js';
import { countedMailer, countedMessenger } from './metrics/counted-sends.js';
import { serveMetrics } from './metrics/http-metrics.js';
import { timeZoneNamed } from './domain/time-zone.js';

/** What the messenger and mailer factories are given. */
export interface DeliveryContext {
  config: Config;
  adapter: TeamsAdapter;
  store: Store;
  clock: Clock;
  logger: Logger;
}

/** Replacements for tests and tools: an in-memory or temporary store, a fixed clock, a quiet logger, fake deliveries. */
export interface ServerOverrides {
  /** A store the caller opened (and closes): the server does not close it. */
  store?: Store;
  clock?: Clock;
  logger?: Logger;
  messenger?: (context: DeliveryContext) => Messenger;
  /** Undefined means "no mail": what a bot without Graph settings has. */
  mailer?: (context: DeliveryContext) => Mailer | undefined;
  /** Undefined means "no calendar": strategy meetings then say Graph must be set up, and boards are recorded but not booked in Outlook. */
  calendar?: (context: DeliveryContext) => Calendar | undefined;
  /** The interface to listen on, instead of the configured one (HOST; 127.0.0.1 in local mode). */
  host?: string;
  /**
   * Whether to run the scheduled jobs every minute. By default only on the system clock: the ticks come from the
   * wall clock, and a replaced (fixed) clock would have them run at a time that never moves, in the middle of a test.
   */
  scheduleJobs?: boolean;
  /** How long `close` waits for turns, a job tick and sends in flight before leaving them (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
}

/**
 * `close` waits this long at most for each of: the job tick, the turns and the sends after answers in flight,
 * in parallel, so SIGTERM stops the bot within 10 s whatever hangs; unsent work stays in the outbox.
 */
export const SHUTDOWN_GRACE_MS = 8_000;

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3978`: where this machine reaches the server (127.0.0.1 when it listens on every interface). */
  url: string;
  /** The address it really listens on, e.g. `127.0.0.1:3978`, or `0.0.0.0:3978` for every interface. */
  address: string;
  port: number;
  store: Store;
  deps: BotDeps;
  /** What /metrics reports, for tests and tools that read it in process. */
  metrics: BotMetrics;
  /** The job scheduler, when it runs (see `ServerOverrides.scheduleJobs`). */
  jobs?: JobScheduler;
  /** Sends what presses recorded, after their answers. */
  afterAnswer: AfterAnswerDispatcher;
  /**
   * Stops accepting, waits a bounded time (`shutdownGraceMs`) for requests, the job tick and sends in flight,
   * then closes the store if the server opened it. What is still unsent is left in the outbox.
   */
  close(): Promise<void>;
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Starts the bot: `POST /api/messages` (Bot Framework activities, through the teams-ai Application),
 * `GET /healthz` and `GET /metrics` (Prometheus, guarded: see src/metrics/metrics-access.ts). Port 0 picks a free port (tests).
 */
export async function startServer(config: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const clock = overrides.clock ?? systemClock;
  // Each activity gets a logger of its own, whose lines carry its requestId (see RequestLogs).
  const requestLogs = new RequestLogs(overrides.logger ?? pino({ level: config.logLevel, base: { service: 'school-improvement-bot' } }));
  const logger = requestLogs.logger;
  const ownsStore = !overrides.store;
  const opened = overrides.store ?? (await openStore({ ...config.store, now: () => clock.now(), logger }));
  // This server's own registry (never prom-client's global one), read by GET /metrics; the outbox gauges read the store.
  const registry = new Registry();
  const metrics = createBotMetrics(registry, { store: opened, tenantId: config.tenantId, clock, logger });
  const store = measuredStore(opened, metrics);
  const connection = createBotConnection(config);
  const delivery: DeliveryContext = { config, adapter: connection.adapter, store, clock, logger };
  // Teams itself: the messenger (unless replaced) and what replaces a pressed card for everyone after the answer.
  const teams = new TeamsMessenger({ adapter: connection.adapter, store, logger, botId: config.bot.id, serviceUrl: config.bot.serviceUrl, rateBudget: sharedRateBudget(opened), metrics });
  const messenger = countedMessenger(overrides.messenger ? overrides.messenger(delivery) : teams, metrics);
  const mailer = overrides.mailer ? overrides.mailer(delivery) : createGraphMailer(graphSettingsOf(config.graph, logger, metrics));
  const deps: BotDeps = {
    store,
    clock,
    logger,
    config,
    metrics,
    storeAlarm: new DamagedStoreAlarm({ store, messenger, logger, tenantId: config.tenantId }),
    tenantId: config.tenantId,
    timeZone: timeZoneNamed(config.timezone),
    // Read once here: a broken built-in template is a release bug and stops start-up, not a request.
    builtInTemplates: Object.freeze(await loadBuiltInTemplates()),
    cliTasks: Object.freeze(cliTasks()),
    composers: featureComposers(),
    digestComposers: digestComposers(),
    messenger,
    mailer: mailer && countedMailer(mailer, metrics),
    calendar: overrides.calendar
      ? overrides.calendar(delivery)
      : createGraphCalendar(graphSettingsOf(config.graph, logger, metrics)),
  };
  const afterAnswer = new AfterAnswerDispatcher(deps);
  const app = createApp(deps, connection.adapter);
  const handleActivity = createActivityHandler(config, connection, app);

  const server = restify.createServer({ name: 'school-improvement-bot', handleUncaughtExceptions: false });
  serveMetrics(server, registry, metrics, { token: config.metrics.token, mode: config.mode });

  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const { status, body } = await health(store, config.tenantId, logger);
    res.send(status, { ...body, store: store.kind, mode: config.mode, version });
  });

  const answerActivity = async (req: restify.Request, res: restify.Response, log: Logger) => {
    if (closing) {
      res.header('Connection', 'close');
      res.send(503, { error: 'The bot is shutting down.' });
      return;
    }
    const turn = handleActivity(req.body, req.header('authorization') ?? '', log);
    inFlight.add(turn);
    try {
      const { status, body, afterAnswer: work } = await turn;
      if (body === undefined) res.send(status);
      else res.send(status, body);
      // Answered: now what the press recorded goes out (Teams, Graph), never before, and never awaited here.
      if (work?.outboxIds.length) afterAnswer.dispatch(config.tenantId, work.outboxIds, log);
      const replace = work?.replaceCard;
      if (replace) afterAnswer.run('card-for-everyone', () => teams.replaceCard(config.tenantId, replace.message, replace.card), log);
      const followUps = work?.followUps;
      if (followUps) {
        afterAnswer.run('follow-up-replies', async () => {
          for (const r of followUps.replies) {
            await teams.postInConversation(config.tenantId, followUps.conversation, typeof r === 'string' ? { text: r } : { text: r.text, renderedCard: r.card });
          }
        }, log);
      }
    } catch (err) {
      log.error({ err: loggableError(err) }, 'activity failed');
      res.send(500, { error: 'The activity could not be processed.' });
    } finally {
      inFlight.delete(turn);
    }
  };
  // The whole request, the sends after its answer included, logs under one requestId.
  server.post('/api/messages', jsonBody({ maxBytes: MAX_ACTIVITY_BYTES, logger }), async (req: restify.Request, res: restify.Response) => answerActivity(req, res, requestLogs.forRequest((req.body as { id?: unknown } | undefined)?.id)));

  const http = server.server as HttpServer;
  const host = overrides.host ?? config.host;
  try {
    // restify re-emits the HTTP server's errors on itself: listen there, or a taken port crashes the process.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, host, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // e.g. the port is taken: release the store (its lock) before reporting.
    if (ownsStore) await store.close();
    throw err;
  }
  const { url, address, port } = addressOf(http.address() as AddressInfo);
  await warnAboutLocalMode(config, host, store, logger);

  // [jobs] Reminders, concerns waiting for a lead and the outbox's retries, each due time run once among every
  // process sharing the store; started once listening, stopped first on close (a tick in progress finishes).
  const jobs =
    (overrides.scheduleJobs ?? !overrides.clock)
      ? startJobScheduler({ store, messenger: deps.messenger, mailer: deps.mailer, calendar: deps.calendar, clock, logger, tenantId: config.tenantId, timeZone: deps.timeZone, composers: deps.composers, jobs: scheduledJobs(config, { composers: deps.digestComposers, settings: digestSettingsOf(config, deps.builtInTemplates) }), metrics })
      : undefined;

  const graceMs = overrides.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
  const withinGrace = async (work: Promise<unknown>) => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  };
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      // In parallel, each bounded: a hung connector or Graph call holds none of them past the grace.
      await Promise.all([withinGrace(jobs?.stop() ?? Promise.resolve()), withinGrace(Promise.allSettled([...inFlight])), afterAnswer.close(graceMs)]);
      http.closeAllConnections();
      await stopped;
      if (ownsStore) await store.close();
    })());

  return { url, address, port, store, deps, metrics, jobs, afterAnswer, close };
}

/** The address listened on as the start-up line shows it, and a URL this machine can use to reach it. */
function addressOf({ address, port, family }: AddressInfo): { url: string; address: string; port: number } {
  const shown = family === 'IPv6' ? `[${address}]` : address;
  const everyInterface = address === '0.0.0.0' || address === '::';
  return { url: `http://${everyInterface ? '127.0.0.1' : shown}:${port}`, address: `${shown}:${port}`, port };
}

/**
 * /healthz: 200 when every collection reads, with `storeReachable` and each job's last recorded run (`jobs`);
 * 503 with `store-unreachable` when the database cannot be reached (never its URL); 503 naming the damaged part
 * (a collection, the manifest or the journal, never a file path) otherwise, logged at error level with the file.
 */
async function health(store: Store, tenantId: string, logger: Logger): Promise<{ status: number; body: Record<string, unknown> }> {
  const probe = await probeStore(store);
  if (probe.ok) {
    // Lost between the probe and this read: reported as unreachable like any other moment of the outage.
    const jobs = await lastJobRuns(store, tenantId).catch((e: unknown) => {
      if (e instanceof StoreUnreachableError) return undefined;
      throw e;
    });
    if (jobs) return { status: 200, body: { status: 'ok', storeReachable: true, jobs } };
  }
  if (probe.ok || 'unreachable' in probe) {
    logger.warn({ code: 'store-unreachable' }, 'health check: the store could not be reached');
    return { status: 503, body: { status: 'error', problem: 'store-unreachable', storeReachable: false, message: 'The database could not be reached; requests are refused until it is back.' } };
  }
  const file = probe.error instanceof CorruptStoreError ? probe.error.file : undefined;
  logger.error({ code: probe.error.code, part: probe.part, file }, `health check: stored ${probe.part} could not be read`);
  return { status: 503, body: { status: 'error', problem: 'corrupt-store', storeReachable: true, collection: probe.part } };
}

/** `npm start`: reads `.env` if present, checks the settings, opens the store and serves until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'school-improvement-bot' } });
  let running: RunningServer;
  try {
    running = await startServer(config, { logger });
  } catch (err) {
    process.stderr.write(`Could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const { url, address, store } = running;
  // Local mode is for trying the bot: an empty store gets the demo schools and people (the Playground's users).
  if (config.mode === 'local' && (await seedDemoData(store, config.tenantId, systemClock))) {
    logger.info({ tenantId: config.tenantId }, 'demo schools and people added to the empty store');
  }
  const how = config.mode === 'local' ? 'local mode, no token checks (for the Agents Playground or an emulator)' : 'Bot Framework tokens required';
  logger.info({ url, address, store: store.kind, mode: config.mode, tenantId: config.tenantId }, `School Improvement Bot listening on ${address} (${url}/api/messages): ${how}; store ${store.kind}`);
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
