/**
 * The cost of one write as the data held grows. `measureStoreWrites()` fills a LowdbStore to 1, 10 and
 * 50 MB, once with the data spread over two years of months and once with all of it written in the
 * current month (an import of history, or the audit log of a busy term), and times single writes,
 * writes arriving together, and the background fold. Run alone with `npx tsx bench/store-write.ts`
 * (prints a table); `npm run bench` calls the function. Not part of `npm test`: it measures this machine's disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { LowdbStore } from '../src/store/lowdb.store.js';
import type { StoreDump } from '../src/app/ports/store.port.js';
import type { School } from '../src/domain/school.js';
import { newSchool } from '../test/store/fixtures/records.js';

export const STORE_SIZES_MB = [1, 10, 50] as const;
export type Layout = 'current-month' | 'two-years';
type BySize = Record<'1' | '10' | '50', number>;

const WRITES = 40;
/** Writes made and not timed first: the disk's write-back of the seeding, the JIT warming up. */
const WARM_UP = 5;
const BURST = 20;
const MONTHS = 24;
const TENANT = 'bench-tenant';
const NOW = new Date('2026-11-23T09:00:00.000Z');

function school(i: number, createdAt: string): School {
  // Padding so that a record weighs about what a filled-in visit does.
  const partnerships = Array.from({ length: 12 }, (_, p) => `Partnership ${p} of the bench data set, named at some length`);
  const fields = newSchool(String(100000 + (i % 900000)), `Bench school ${i}`, { partnerships });
  return { ...fields, id: randomUUID(), tenantId: TENANT, version: 1, createdAt, updatedAt: createdAt };
}

function schools(totalMb: number, layout: Layout): School[] {
  const one = JSON.stringify(school(0, NOW.toISOString())).length;
  const count = Math.round((totalMb * 1024 * 1024) / one);
  return Array.from({ length: count }, (_, i) => {
    if (layout === 'current-month') return school(i, new Date(NOW.getTime() - (count - i) * 1000).toISOString());
    return school(i, new Date(Date.UTC(2024, 11 + Math.floor((i * MONTHS) / count), 10)).toISOString());
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeEach(work: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + WRITES; i++) {
    const t = performance.now();
    await work(i);
    if (i >= WARM_UP) times.push(performance.now() - t);
  }
  return median(times);
}

export interface StoreWriteFigures {
  /** Median ms of one insert (one commit: journal append and fdatasync). */
  insert: number;
  /** Median ms of one update of a record from the oldest month. */
  update: number;
  /** Ms per write when BURST writes arrive together (group commit: one sync for all). */
  burstEach: number;
  /** Ms to fold the journal into the partition files (in the background, at most every 30 s). */
  fold: number;
  /** Ms to open the store and answer the first read. */
  openAndFirstRead: number;
}

/** The figures for one size and layout, in a store of its own (removed afterwards). */
export async function measureOne(mb: number, layout: Layout): Promise<StoreWriteFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'sib-bench-'));
  try {
    const data = schools(mb, layout);
    const dataFile = join(dir, 'db.json');
    const seed = await LowdbStore.open({ dataFile, now: () => NOW });
    const dump: StoreDump = { format: 'school-improvement-bot/backup', version: 1, takenAt: NOW.toISOString(), collections: { schools: data } };
    await seed.restore(dump);
    await seed.close();
    const t = performance.now();
    // No timed fold during the measurement: the fold is timed on its own below.
    const store = await LowdbStore.open({ dataFile, now: () => NOW, foldIntervalMs: 3_600_000, foldJournalBytes: 1 << 30 });
    await store.find('schools', TENANT, { urn: '100000' });
    const openAndFirstRead = performance.now() - t;
    const { id, version, ...fields } = school(0, NOW.toISOString());
    void version;
    const insert = await timeEach((i) => store.transact((tx) => tx.insert('schools', TENANT, { ...fields, id: `${id}-${i}` }).then(() => undefined), { actor: 'bench' }));
    const old = data[0]!;
    const update = await timeEach((i) =>
      store.transact((tx) => tx.update('schools', TENANT, old.id, 'any', { name: `Renamed ${i}` }).then(() => undefined), { actor: 'bench' }),
    );
    const burst = await timeEach(async (i) => {
      const writes = Array.from({ length: BURST }, (_, j) =>
        store.transact((tx) => tx.insert('schools', TENANT, { ...fields, id: `${id}-burst-${i}-${j}` }).then(() => undefined), { actor: 'bench' }),
      );
      await Promise.all(writes);
    });
    const f = performance.now();
    await store.fold();
    const fold = performance.now() - f;
    await store.close();
    return { insert, update, burstEach: burst / BURST, fold, openAndFirstRead };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Every figure by store size and layout. `writeMsByStoreMb` is the median single write with the data
 * written in the current month (the case where a write used to grow with the data); `writeMsByStoreMbSpread`
 * the same with the data spread over two years.
 */
export async function measureStoreWrites(): Promise<{
  writeMsByStoreMb: BySize;
  writeMsByStoreMbSpread: BySize;
  details: Record<Layout, Record<string, StoreWriteFigures>>;
}> {
  const details: Record<Layout, Record<string, StoreWriteFigures>> = { 'current-month': {}, 'two-years': {} };
  for (const layout of ['current-month', 'two-years'] as const) {
    for (const mb of STORE_SIZES_MB) details[layout][String(mb)] = await measureOne(mb, layout);
  }
  const bySize = (layout: Layout) => Object.fromEntries(STORE_SIZES_MB.map((mb) => [String(mb), round(details[layout][String(mb)]!.insert)])) as BySize;
  return { writeMsByStoreMb: bySize('current-month'), writeMsByStoreMbSpread: bySize('two-years'), details };
}

const round = (n: number) => Math.round(n * 100) / 100;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { details } = await measureStoreWrites();
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows = [['data', 'written', 'insert', 'update (oldest month)', `insert, ${BURST} at once (each)`, 'fold (background)', 'open + first read']];
  for (const layout of ['current-month', 'two-years'] as const) {
    for (const [mb, f] of Object.entries(details[layout])) {
      rows.push([`${mb} MB`, layout === 'current-month' ? 'this month' : 'over 2 years', ms(f.insert), ms(f.update), ms(f.burstEach), ms(f.fold), ms(f.openAndFirstRead)]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | '));
  console.log(`(median of ${WRITES} writes each; every write is synced to disk before it returns; the fold runs in the background)`);
}
