/**
 * Micro-benchmarks of the parts of a visit submission (a card press) that run once or a few times per press, each
 * timed on the built bot (`npm run build` writes dist/) or on another build given as DIST (see built.ts):
 * `npx tsx bench/press-parts.ts`, `DIST=$PWD/../older-checkout/dist npx tsx bench/press-parts.ts`.
 * Each figure is the best of 7 runs, in µs per call: on a shared machine, compare builds run back to back.
 */
import { randomUUID } from 'node:crypto';
import { anOfficer, aSchool, cardAction, type TestUser } from '../test/support/builders.js';
import { aVisit } from '../test/support/visits.js';
import type * as ActivityShape from '../src/teams/activity-shape.js';
import type * as Turn from '../src/teams/turn.js';
import type * as VisitValues from '../src/app/visits/visit-values.js';
import type * as EditVisit from '../src/app/visits/edit-visit.js';
import type * as DeliveryRequest from '../src/app/delivery/delivery-request.js';
import type * as UnitOfWorkModule from '../src/store/unit-of-work.js';
import type * as Collections from '../src/domain/collections.js';
import type * as Immutable from '../src/store/immutable.js';
import { SUBMIT_VALUES } from './fixtures.js';
import { BUILT_FROM, loadBuilt } from './built.js';
import type * as BuiltInTemplates from '../src/store/built-in-templates.js';


const { activityShapeProblem } = await loadBuilt<typeof ActivityShape>('teams/activity-shape.js');
const { storableReference } = await loadBuilt<typeof Turn>('teams/turn.js');
const { readVisitValues } = await loadBuilt<typeof VisitValues>('app/visits/visit-values.js');
const { digestOf } = await loadBuilt<typeof EditVisit>('app/visits/edit-visit.js');
const delivery = await loadBuilt<Partial<typeof DeliveryRequest> & Pick<typeof DeliveryRequest, 'DeliveryPayloadSchema'>>('app/delivery/delivery-request.js');
const { UnitOfWork } = await loadBuilt<typeof UnitOfWorkModule>('store/unit-of-work.js');
const { collectionSchemas } = await loadBuilt<typeof Collections>('domain/collections.js');
const { deepFreeze } = await loadBuilt<typeof Immutable>('store/immutable.js');
const { loadBuiltInTemplates } = await loadBuilt<typeof BuiltInTemplates>('store/built-in-templates.js');

async function bench(name: string, f: () => unknown, n: number): Promise<void> {
  for (let i = 0; i < n / 4; i++) await f();
  let best = Infinity;
  for (let run = 0; run < 7; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / n / 1000);
  }
  console.log(`${name.padEnd(44)} ${best.toFixed(2).padStart(7)} µs`);
}

const now = new Date().toISOString();
const today = now.slice(0, 10);
const values = { ...SUBMIT_VALUES, 'visit.visitedDate': today };
const template = (await loadBuiltInTemplates()).find((t) => t.id === 'sit-support-visit')!;
const press = JSON.parse(JSON.stringify(cardAction(anOfficer('Bench Officer') as TestUser, 'visit.submit', { 'visit.id': 'v1', 'visit.version': 1, ...values }, { serviceUrl: 'http://127.0.0.1:3978', tenantId: 't' }))) as Record<string, unknown>;
const turn = { activity: press } as unknown as Parameters<typeof storableReference>[0];
const config = { mode: 'local', bot: { serviceUrl: 'http://127.0.0.1:3978' } } as Parameters<typeof storableReference>[1];
// Builds before 4 December took today as a date, later ones as a function: each is given what it reads.
const todayArg = (String(readVisitValues).includes('today()') ? () => today : today) as () => string;

const reference = { user: { id: 'u', aadObjectId: 'a', name: 'Officer' }, bot: { id: 'b', name: 'Bot' }, conversation: { id: 'c', conversationType: 'personal', tenantId: 't', isGroup: false }, channelId: 'msteams', locale: 'en-GB', serviceUrl: 'http://127.0.0.1:1' };
const queued = [
  { about: 'the visit note for everyone in the chat', to: { message: { conversation: reference, activityId: 'card-1' } }, content: { kind: 'composed' as const, composer: 'visit.forEveryone', ref: { visitId: 'v1' } } },
  { about: "the school's copy of the visit note", to: { person: 'p1' }, content: { kind: 'composed' as const, composer: 'visit.copy', ref: { visitId: 'v1' } } },
];
const payloadOf = delivery.deliveryPayloadOf ?? ((r: (typeof queued)[number]) => delivery.DeliveryPayloadSchema.parse(r));

const draft = deepFreeze(collectionSchemas.visits.parse({ ...aVisit(aSchool(1), today, { status: 'draft' }), id: randomUUID(), tenantId: 't', version: 1, createdAt: now, updatedAt: now }));
const read = readVisitValues(template, values, 'submit', todayArg);
const patch = { status: 'submitted' as const, answers: read.answers, answerTags: read.details.answerTags, visitedDate: today, submittedAt: now, themes: [] };
const outbox = { kind: 'teams-message' as const, payload: payloadOf(queued[1]!) as Record<string, unknown>, status: 'pending' as const, attempts: 0, nextAttemptAt: now };
const committed = { get: (c: string) => (c === 'visits' ? draft : undefined), all: () => [] };

console.log(`Parts of a visit submission, on ${BUILT_FROM}:`);
await bench('activityShapeProblem (the press)', () => activityShapeProblem(press), 100_000);
await bench('storableReference (the press, local mode)', () => storableReference(turn, config), 50_000);
await bench('readVisitValues (SIT support, submit)', () => readVisitValues(template, values, 'submit', todayArg), 50_000);
await bench('digestOf (the values)', () => digestOf(values), 50_000);
await bench('the payloads of the two items queued', () => queued.map(payloadOf), 100_000);
await bench('the unit of work of a submit, with its audit', async () => {
  const tx = new UnitOfWork(committed, () => new Date(), 'person-1');
  await tx.update('visits', 't', draft.id, 1, patch, { action: 'visit.submitted' });
  await tx.insert('outbox', 't', outbox, { action: 'outbox.queued' });
  await tx.insert('outbox', 't', outbox, { action: 'outbox.queued' });
  return tx.changes();
}, 20_000);
