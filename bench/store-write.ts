/**
 * The cost of one write as the data held grows: plain lowdb (one JSON file rewritten whole) against
 * LowdbStore (month partitions, journal, sync). Run with `npx tsx bench/store-write.ts`; not part of
 * `npm test`, since it measures this machine's disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { LowdbStore } from '../src/store/lowdb.store.js';
import type { StoreDump } from '../src/app/ports/store.port.js';
import type { School } from '../src/domain/school.js';
import { newSchool } from '../test/store/fixtures/records.js';

const SIZES_MB = [1, 10, 50];
const WRITES = 25;
const BURST = 20;
/** The data is spread over two years of months, as a store that has been in use that long would be. */
const MONTHS = 24;
const TENANT = 'bench-tenant';
const NOW = new Date('2026-11-23T09:00:00.000Z');

function school(i: number, createdAt: string): School {
  // Padding so that a record weighs about what a filled-in visit does.
  const partnerships = Array.from({ length: 12 }, (_, p) => `Partnership ${p} of the bench data set, named at some length`);
  const fields = newSchool(String(100000 + (i % 900000)), `Bench school ${i}`, { partnerships });
  return { ...fields, id: randomUUID(), tenantId: TENANT, version: 1, createdAt, updatedAt: createdAt };
}

function schools(totalMb: number): School[] {
  const one = JSON.stringify(school(0, NOW.toISOString())).length;
  const count = Math.round((totalMb * 1024 * 1024) / one);
  return Array.from({ length: count }, (_, i) => {
    const month = new Date(Date.UTC(2024, 11 + Math.floor((i * MONTHS) / count), 10));
    return school(i, month.toISOString());
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeEach(work: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const t = performance.now();
    await work(i);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function plainLowdb(dir: string, data: School[]): Promise<number> {
  const db = new Low<{ schools: School[] }>(new JSONFile(join(dir, 'plain.json')), { schools: [] });
  db.data.schools = data;
  await db.write();
  return timeEach(async (i) => {
    db.data.schools.push(school(i, NOW.toISOString()));
    await db.write();
  });
}

async function lowdbStore(dir: string, data: School[]): Promise<{ insert: number; update: number; open: number; burst: number }> {
  const dataFile = join(dir, 'store', 'db.json');
  const seed = await LowdbStore.open({ dataFile, now: () => NOW });
  const dump: StoreDump = { format: 'school-improvement-bot/backup', version: 1, takenAt: NOW.toISOString(), collections: { schools: data } };
  await seed.restore(dump);
  await seed.close();
  const t = performance.now();
  const store = await LowdbStore.open({ dataFile, now: () => NOW });
  await store.find('schools', TENANT, { urn: '100000' });
  const open = performance.now() - t;
  const { id, version, ...fields } = school(0, NOW.toISOString());
  void version;
  const insert = await timeEach((i) => store.transact((tx) => tx.insert('schools', TENANT, { ...fields, id: `${id}-${i}` }).then(() => undefined), { actor: 'bench' }));
  const old = data[0]!;
  const update = await timeEach((i) =>
    store.transact((tx) => tx.update('schools', TENANT, old.id, 'any', { name: `Renamed ${i}` }).then(() => undefined), { actor: 'bench' }),
  );
  // Group commit: writes arriving together (a burst of card submissions) share one pass over the disk.
  const burst = await timeEach(async (i) => {
    const writes = Array.from({ length: BURST }, (_, j) =>
      store.transact((tx) => tx.insert('schools', TENANT, { ...fields, id: `${id}-burst-${i}-${j}` }).then(() => undefined), { actor: 'bench' }),
    );
    await Promise.all(writes);
  });
  await store.close();
  return { insert, update, open, burst: burst / BURST };
}

const rows: string[][] = [
  ['total data', 'records', 'plain lowdb write', 'LowdbStore insert', 'LowdbStore update (oldest month)', `LowdbStore insert, ${BURST} at once (each)`, 'LowdbStore open + first read'],
];
for (const mb of SIZES_MB) {
  const dir = await mkdtemp(join(tmpdir(), 'sib-bench-'));
  try {
    const data = schools(mb);
    const plain = await plainLowdb(dir, data);
    const store = await lowdbStore(dir, data);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    rows.push([`${mb} MB`, String(data.length), ms(plain), ms(store.insert), ms(store.update), ms(store.burst), ms(store.open)]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | '));
console.log(`(median of ${WRITES} writes each; data spread over ${MONTHS} months; LowdbStore syncs journal, partitions and manifest to disk, plain lowdb does not sync)`);
