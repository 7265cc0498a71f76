/**
 * CPU time per visit submission through the use case, in this process: `submitVisit` on the bench's lowdb store
 * (register and drafts as `npm run bench` writes them), ten at a time, each followed by its sends after the answer
 * (the note for everyone, the school's copy) to a messenger that accepts everything. No HTTP, botbuilder or card
 * rendering: what the press's use case, store and delivery cost. Runs the built bot (dist/, after `npm run build`) or
 * another build given as DIST, an absolute path: `npx tsx bench/press-cpu.ts [N W]` (N presses measured, after W to
 * warm up), `DIST=$PWD/../older-checkout/dist npx tsx bench/press-cpu.ts`. On a shared machine, run builds
 * alternately and compare medians.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TENANT, writeBenchStore, SUBMIT_VALUES } from './fixtures.js';
import type * as OpenStore from '../src/store/open-store.js';
import type * as SubmitVisit from '../src/app/visits/submit-visit.js';
import type * as AfterAnswer from '../src/app/delivery/after-answer.js';
import type * as Composers from '../src/app/notices/composers.js';
import type * as TimeZone from '../src/domain/time-zone.js';
import type * as LoggerPort from '../src/app/ports/logger.port.js';
import type * as BuiltIns from '../src/store/built-in-templates.js';
import { BUILT_FROM, loadBuilt } from './built.js';
import type { VisitDeps } from '../src/app/visits/edit-visit.js';

const { openStore } = await loadBuilt<typeof OpenStore>('store/open-store.js');
const { submitVisit } = await loadBuilt<typeof SubmitVisit>('app/visits/submit-visit.js');
const { AfterAnswerDispatcher } = await loadBuilt<typeof AfterAnswer>('app/delivery/after-answer.js');
const { featureComposers } = await loadBuilt<typeof Composers>('app/notices/composers.js');
const { timeZoneNamed } = await loadBuilt<typeof TimeZone>('domain/time-zone.js');
const { silentLogger } = await loadBuilt<typeof LoggerPort>('app/ports/logger.port.js');
const { loadBuiltInTemplates } = await loadBuilt<typeof BuiltIns>('store/built-in-templates.js');

const N = Number(process.env.N ?? 3000);
const W = Number(process.env.W ?? 1000);
const AT_ONCE = 10;

const bench = await writeBenchStore({ drafts: N + W, fillMb: 0, layout: 'current' });
const store = await openStore({ dataFile: bench.dataFile, now: () => new Date() });
const deps: VisitDeps = {
  store,
  clock: { now: () => new Date() },
  logger: silentLogger,
  timeZone: timeZoneNamed('Europe/London'),
  composers: featureComposers(),
  builtInTemplates: await loadBuiltInTemplates(),
  messenger: {
    sendToPerson: () => Promise.resolve({ status: 'sent' as const }),
    sendToChannel: () => Promise.resolve({ status: 'sent' as const }),
    updateMessage: () => Promise.resolve({ status: 'sent' as const }),
  },
};
const today = new Date().toISOString().slice(0, 10);
const values = { ...SUBMIT_VALUES, 'visit.visitedDate': today };
const dispatcher = new AfterAnswerDispatcher(deps);

async function press(i: number): Promise<void> {
  const { visitId, officer } = bench.drafts[i]!;
  const shownIn = { conversation: { conversation: { id: `chat-${i}` }, serviceUrl: 'http://127.0.0.1:1' }, activityId: `card-${i}` };
  const result = await submitVisit(deps, TENANT, officer, { visitId, version: 1, formId: `form-${visitId}`, values, shownIn });
  if (result.kind !== 'done') throw new Error(`A press was ${result.kind}, not done.`);
  dispatcher.dispatch(TENANT, result.outboxIds);
}

async function presses(from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(Array.from({ length: AT_ONCE }, async () => {
    while (next < to) await press(next++);
  }));
  await dispatcher.idle();
}

try {
  await presses(0, W);
  const before = process.cpuUsage();
  await presses(W, W + N);
  const used = process.cpuUsage(before);
  console.log(`${BUILT_FROM}: ${((used.user + used.system) / N).toFixed(0)} µs of CPU per press (${N} presses, ${AT_ONCE} at a time)`);
} finally {
  await store.close();
  await rm(dirname(dirname(bench.dataFile)), { recursive: true, force: true });
}
