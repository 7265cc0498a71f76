/**
 * What `npm run bench` measures, one function per scenario. The bot is always the production build
 * (`node dist/server.js`, as `npm start` runs it) on its own lowdb store, in local mode, with the bench
 * connector as the Bot Connector; every submission is a distinct draft visit of the store.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VISIT_VERBS } from '../src/teams/cards/visit-agenda.card.js';
import type { BenchConnector } from './connector.js';
import { submitBody, TENANT, writeBenchStore, type BenchStore, type Layout } from './fixtures.js';
import { firstAnswer, freePort, HOST, load, median, medianOf, pause, rssMb, spawnNode, startOptions, type Child, type LoadResult, type MedianRun } from './harness.js';
import { measureStoreWrites } from './store-write.js';

export interface RunningBot {
  child: Child;
  /** Spawn to the first answered submission, in ms. */
  startMs: number;
  /** The body of the next distinct submission. */
  next(): string;
  left(): number;
}

/** Starts the built bot on `store` (with `npm start`'s Node options) and waits for its first answer, which must be the submitted note's summary card. */
export async function startBot(store: BenchStore, connector: BenchConnector, nodeArgs: string[] = []): Promise<RunningBot> {
  let cursor = 0;
  const next = () => {
    const draft = store.drafts[cursor++];
    if (!draft) throw new Error(`The store has only ${store.drafts.length} drafts: give the scenario more.`);
    return submitBody(draft, connector.url);
  };
  const port = await freePort();
  const since = performance.now();
  const where: Record<string, string> = store.databaseUrl ? { DATABASE_URL: store.databaseUrl, DATABASE_POOL_SIZE: '10' } : { DATA_FILE: store.dataFile };
  const env = { ...where, LOG_LEVEL: 'warn', BOT_TENANT_ID: TENANT, BOT_SERVICE_URL: connector.url, HOST };
  const child = spawnNode([...startOptions(), ...nodeArgs, 'dist/server.js'], env, port);
  try {
    const { ms, text } = await firstAnswer(child, next(), since);
    const answer = JSON.parse(text) as { type?: string };
    if (answer.type !== 'application/vnd.microsoft.card.adaptive' || !text.includes(VISIT_VERBS.view)) throw new Error(`A submission was not answered with the note's summary: ${text.slice(0, 500)}`);
    return { child, startMs: ms, next, left: () => store.drafts.length - cursor };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

export const submit = (bot: RunningBot, connections: number, amount: number, maxSeconds: number) =>
  load({ url: bot.child.url, connections, amount: Math.min(amount, bot.left()), maxSeconds, body: () => bot.next() });

const removeStore = (store: BenchStore) => rm(dirname(dirname(store.dataFile)), { recursive: true, force: true });

/** The same submission body answered by a bare restify server, by the SDK with a no-op handler, and by the bot's own door with one, at concurrency 50 (baseline-server.ts). */
export async function baseline(kind: 'bare' | 'sdk' | 'door', body: string): Promise<MedianRun> {
  const child = spawnNode(['--disable-warning=DEP0111', '--import', 'tsx', 'bench/baseline-server.ts', kind, VISIT_VERBS.submit], { BOT_TENANT_ID: TENANT }, await freePort());
  try {
    const { text } = await firstAnswer(child, body, performance.now());
    if (!text.includes('Noted.')) throw new Error(`The ${kind} baseline answered: ${text.slice(0, 300)}`);
    await load({ url: child.url, connections: 50, amount: 20_000, maxSeconds: 3, body: () => body });
    return await medianOf(RUNS, () => load({ url: child.url, connections: 50, amount: 1_000_000, maxSeconds: 5, body: () => body }));
  } finally {
    await child.stop();
  }
}

export interface SubmitFigures {
  c10: LoadResult;
  c50: LoadResult;
}

/** How many times the figures a ratio is made of (the baselines, submissions at concurrency 50) are measured: the median counts. */
export const RUNS = 3;

/** How many submissions each run makes (the profile makes fewer: a profile of a short burst says as much). */
export interface SubmitAmounts {
  warmUp: number;
  c10: number;
  c50: number;
  /** How many times the whole is run, each on a bot and store of its own (the median counts). */
  runs: number;
}

export const SUBMIT_AMOUNTS: SubmitAmounts = { warmUp: 200, c10: 1_500, c50: 4_000, runs: RUNS };

/** Submissions on a store holding the register and the drafts only: at concurrency 10, then 50, after a warm-up. */
export async function submissions(connector: BenchConnector, nodeArgs: string[] = [], amounts = SUBMIT_AMOUNTS): Promise<{ c10: MedianRun; c50: MedianRun }> {
  const runs: SubmitFigures[] = [];
  for (let i = 0; i < amounts.runs; i++) runs.push(await submissionsOnce(connector, nodeArgs, amounts));
  return { c10: median(runs.map((r) => r.c10)), c50: median(runs.map((r) => r.c50)) };
}

/** One bot on a store of its own: the warm-up, then at concurrency 10, then 50. */
async function submissionsOnce(connector: BenchConnector, nodeArgs: string[], amounts: SubmitAmounts): Promise<SubmitFigures> {
  const store = await writeBenchStore({ drafts: 1 + amounts.warmUp + amounts.c10 + amounts.c50, fillMb: 0, layout: 'current' });
  const bot = await startBot(store, connector, nodeArgs);
  try {
    await submit(bot, 10, amounts.warmUp, 15);
    const c10 = await submit(bot, 10, amounts.c10, 20);
    await pause(500);
    const c50 = await submit(bot, 50, amounts.c50, 30);
    return { c10, c50 };
  } finally {
    await bot.child.stop();
    await removeStore(store);
  }
}

export interface MemoryFigures {
  /** Once started and answering, before any load. */
  rssMbAtStart: number;
  rssMbAfterWarmUp: number;
  rssMbAfter10k: number;
  /** How many of the 10,000 were answered 2xx before the time bound. */
  submitted: number;
  run: LoadResult;
}

/** RSS once warmed up (500 submissions), then after 10,000 more, each read after the bot has been idle a moment. */
export async function memory(connector: BenchConnector, nodeArgs: string[] = []): Promise<MemoryFigures> {
  const store = await writeBenchStore({ drafts: 1 + 500 + 10_000, fillMb: 0, layout: 'current' });
  const bot = await startBot(store, connector, nodeArgs);
  try {
    const rssMbAtStart = rssMb(bot.child.pid);
    await submit(bot, 50, 500, 30);
    await pause(2_000);
    const rssMbAfterWarmUp = rssMb(bot.child.pid);
    const run = await submit(bot, 50, 10_000, 150);
    await pause(2_000);
    return { rssMbAtStart, rssMbAfterWarmUp, rssMbAfter10k: rssMb(bot.child.pid), submitted: run.ok, run };
  } finally {
    await bot.child.stop();
    await removeStore(store);
  }
}

export interface SizedFigures {
  mb: number;
  layout: Layout;
  startMs: number;
  run: LoadResult;
}

/** Submissions at concurrency 50 on a store filled to `mb` MB in the given layout; the start is timed too. */
export async function sized(connector: BenchConnector, mb: number, layout: Layout): Promise<SizedFigures> {
  const store = await writeBenchStore({ drafts: 1 + 50 + 600, fillMb: mb, layout });
  const bot = await startBot(store, connector);
  try {
    await submit(bot, 10, 50, 5);
    const run = await submit(bot, 50, 600, 12);
    return { mb, layout, startMs: bot.startMs, run };
  } finally {
    await bot.child.stop();
    await removeStore(store);
  }
}

/** One store write (a single insert, median) at each size, all in the current month and over two years: the store's own measure (bench/store-write.ts). */
export async function storeWrites(): Promise<{ writeMsByStoreMb: Record<string, number>; writeMsByStoreMbSpread: Record<string, number> }> {
  const { writeMsByStoreMb, writeMsByStoreMbSpread } = await measureStoreWrites();
  return { writeMsByStoreMb, writeMsByStoreMbSpread };
}
