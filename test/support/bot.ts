import type { Activity } from 'botbuilder';
import { loadConfig, type Config, type Env } from '../../src/config.js';
import { fixedClock, type Clock } from '../../src/app/ports/clock.port.js';
import type { Logger } from '../../src/app/ports/logger.port.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { startServer, type RunningServer, type ServerOverrides } from '../../src/server.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import {
  cardAction,
  channelMessage,
  personalMessage,
  TEST_TENANT_ID,
  teamsUserId,
  type NewPerson,
  type NewSchool,
  type TestChannel,
  type TestUser,
} from './builders.js';
import { press } from './cards.js';
import { startConnector, type FakeConnector, type SentActivity } from './connector.js';

/** The instant tests run at unless they say otherwise: a Monday in the autumn term. */
export const TEST_NOW = '2026-11-23T09:30:00Z';

export interface StartTestBotOptions {
  /** The store to use; a MemoryStore on the test clock by default. The test bot does not close a store it was given. */
  store?: Store;
  /** The clock; fixed at TEST_NOW by default. */
  clock?: Clock;
  /** Settings on top of the test defaults (local mode, BOT_TENANT_ID = TEST_TENANT_ID, quiet log, the connector as service URL). */
  env?: Env;
  /** Records to put in the store before the bot starts; people are also made known to the connector's member directory. */
  schools?: NewSchool[];
  people?: NewPerson[];
  messenger?: ServerOverrides['messenger'];
  /** How long `close` waits for work in flight (the production SHUTDOWN_GRACE_MS by default). */
  shutdownGraceMs?: number;
  mailer?: ServerOverrides['mailer'];
  calendar?: ServerOverrides['calendar'];
  logger?: Logger;
}

export interface PostResult {
  status: number;
  body: unknown;
}

/** What a card action got back: the invoke response (a replacement card or a message) and what else the bot sent. */
export interface InvokeResult extends PostResult {
  /** The card that replaces the pressed one, when the response is a card. */
  card?: AdaptiveCard;
  /** The message shown instead, when the response is a message. */
  message?: string;
  /** Activities the bot sent during the turn (card updates, replies, proactive sends), in any conversation. */
  activities: SentActivity[];
}

export interface SayOptions {
  /** Say it in this channel (with an @mention of the bot) instead of the 1:1 chat. */
  channel?: TestChannel;
  /** In a channel, whether the text @mentions the bot (Teams only delivers channel messages that do). */
  mention?: boolean;
  /** Pretend the activity comes from this tenant. */
  tenantId?: string;
}

export interface InvokeOptions {
  /**
   * Return as soon as the press is answered, without waiting for what the bot sends after its answer (the
   * school's copy, the note for everyone): `activities` then holds only what came before the answer.
   */
  answerOnly?: boolean;
  cardActivityId?: string;
  channel?: TestChannel;
  trigger?: 'manual' | 'automatic';
  tenantId?: string;
}

export interface TestBot {
  url: string;
  connector: FakeConnector;
  store: Store;
  config: Config;
  tenantId: string;
  server: RunningServer;
  /** Posts a message and returns the bot's replies in that conversation during the turn. */
  say(from: TestUser, text: string, options?: SayOptions): Promise<SentActivity[]>;
  /** Presses an Action.Execute (or asks for a refresh) and returns the invoke response and what the bot sent. */
  invoke(from: TestUser, verb: string, data?: Record<string, unknown>, options?: InvokeOptions): Promise<InvokeResult>;
  /**
   * Presses the Action.Execute titled `title` on a card, after typing `values` into its inputs, as Teams
   * would (see `press` in cards.ts): the card's own action data merged with the input values.
   */
  press(from: TestUser, card: unknown, title: string, values?: Record<string, string | number | boolean>, options?: InvokeOptions & { clientValidation?: boolean }): Promise<InvokeResult>;
  /** Posts any activity (or any body) to /api/messages, with optional headers; for the door's own tests. */
  post(activity: unknown, headers?: Record<string, string>): Promise<PostResult>;
  /** Resolves once the bot has finished sending what presses recorded after their answers. */
  sent(): Promise<void>;
  /** Adds records to the store (as `test`) and people to the connector's directory. */
  seed(records: { schools?: NewSchool[]; people?: NewPerson[] }): Promise<void>;
  close(): Promise<void>;
}

/** Texts of the message activities, in order (a card's text is its notification preview). */
export function texts(activities: readonly SentActivity[]): string[] {
  return activities.map((a) => a.activity.text ?? a.activity.summary ?? '').filter(Boolean);
}

/** The Adaptive Cards the activities carry, in order. */
export function cardsOf(activities: readonly SentActivity[]): AdaptiveCard[] {
  return activities.flatMap((a) => (a.activity.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content as AdaptiveCard));
}

/**
 * Starts the real server in-process (startServer on port 0, 127.0.0.1) with a recording connector as the
 * Bot Connector, in local mode serving TEST_TENANT_ID.
 */
export async function startTestBot(options: StartTestBotOptions = {}): Promise<TestBot> {
  const connector = await startConnector();
  const clock = options.clock ?? fixedClock(TEST_NOW);
  const config = loadConfig({ LOG_LEVEL: 'silent', BOT_TENANT_ID: TEST_TENANT_ID, BOT_SERVICE_URL: connector.url, ...options.env, PORT: '0' });
  const usesConfiguredStore = !!(options.env?.DATA_FILE || options.env?.DATABASE_URL);
  const store = options.store ?? (usesConfiguredStore ? undefined : new MemoryStore(() => clock.now()));
  const server = await startServer(config, {
    store,
    clock,
    logger: options.logger,
    messenger: options.messenger,
    mailer: options.mailer,
    calendar: options.calendar,
    host: '127.0.0.1',
    shutdownGraceMs: options.shutdownGraceMs,
  });
  const activityOptions = (tenantId?: string) => ({ serviceUrl: connector.url, tenantId: tenantId ?? config.tenantId });

  const post = async (activity: unknown, headers: Record<string, string> = {}): Promise<PostResult> => {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text || undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  };

  const seed = async ({ schools = [], people = [] }: { schools?: NewSchool[]; people?: NewPerson[] }) => {
    await server.store.transact(
      async (tx) => {
        for (const s of schools) await tx.insert('schools', config.tenantId, s);
        for (const p of people) await tx.insert('people', config.tenantId, p);
      },
      { actor: 'test' },
    );
    connector.addMembers(
      ...people
        .filter((p) => p.aadObjectId)
        .map((p) => ({ id: teamsUserId(p), aadObjectId: p.aadObjectId!, name: p.name, email: p.email, userPrincipalName: p.email, tenantId: config.tenantId })),
    );
  };
  await seed({ schools: options.schools, people: options.people });

  const invoke = async (from: TestUser, verb: string, data: Record<string, unknown> = {}, invokeOptions: InvokeOptions = {}): Promise<InvokeResult> => {
    const activity = cardAction(from, verb, data, { ...activityOptions(invokeOptions.tenantId), ...invokeOptions });
    const mark = connector.activities.length;
    const res = await post(activity);
    // What the press recorded goes out after the answer: by default a test sees it as part of the press.
    if (!invokeOptions.answerOnly) await server.afterAnswer.idle();
    const response = res.body as { type?: string; value?: unknown } | undefined;
    return {
      ...res,
      card: response?.type === 'application/vnd.microsoft.card.adaptive' ? (response.value as AdaptiveCard) : undefined,
      message: response?.type === 'application/vnd.microsoft.activity.message' ? String(response.value) : undefined,
      activities: connector.activities.slice(mark),
    };
  };


  return {
    url: server.url,
    connector,
    store: server.store,
    config,
    tenantId: config.tenantId,
    server,
    post,
    seed,
    async say(from, text, sayOptions = {}) {
      const activity = sayOptions.channel
        ? channelMessage(from, text, sayOptions.channel, { ...activityOptions(sayOptions.tenantId), mention: sayOptions.mention })
        : personalMessage(from, text, activityOptions(sayOptions.tenantId));
      const mark = connector.activities.length;
      const res = await post(activity);
      if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${JSON.stringify(res.body)}`);
      const conversationId = (activity as Activity).conversation.id.split(';')[0]!;
      return connector.activities.slice(mark).filter((a) => a.conversationId.split(';')[0] === conversationId);
    },
    async press(from, card, title, values = {}, pressOptions = {}) {
      const { clientValidation, ...invokeOptions } = pressOptions;
      const { verb, data } = press(card, title, values, { clientValidation });
      return invoke(from, verb, data, invokeOptions);
    },
    invoke,
    sent: () => server.afterAnswer.idle(),
    async close() {
      await server.close();
      await connector.close();
    },
  };
}

/** How many records each collection holds: to show that a refused request stored nothing. */
export async function recordCounts(bot: Pick<TestBot, 'store'>): Promise<Record<string, number>> {
  const dump = await bot.store.dump();
  return Object.fromEntries(Object.entries(dump.collections).map(([name, rows]) => [name, rows.length]));
}
