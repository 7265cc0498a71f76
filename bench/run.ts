/**
 * `npm run bench`: builds the bot (the `prebench` script), then measures it against its baselines, prints the
 * table and writes bench/results.json. About 6-8 minutes on a 2-core machine; every run is bounded in requests
 * and seconds. Everything listens on 127.0.0.1.
 *
 * `npm run bench -- --cpu-prof` instead profiles one short burst of submissions (100 to warm up and 200 at concurrency 10, 1,000 at
 * 50) in the built bot and prints where its CPU time went (the .cpuprofile is left in a temporary folder, for
 * Chrome's DevTools).
 *
 * `npm run bench -- --only submit,memory` runs only the named cases (bare, sdk, door, submit, memory, sized, writes, pg2)
 * and prints their figures as JSON; bench/results.json, which holds one whole run, is left as it is. `pg2` (two
 * instances on one PostgreSQL database, see two-instances.ts) runs only when named.
 *
 * `npm run bench -- --digest-only` measures only the SIT digest's composition and writes that figure into
 * bench/results.json.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchConnector } from './connector.js';
import { submitBody, TENANT } from './fixtures.js';
import { ROOT } from './harness.js';
import { summariseProfile } from './profile.js';
import { results, table, writeResults } from './report.js';
import { baseline, memory, sized, storeWrites, submissions, type SizedFigures } from './scenarios.js';
import { digestMs } from './digest.js';
import { twoInstancesOnPostgres } from './two-instances.js';
import { DIGEST_NOTE } from './report.js';
import { readFile } from 'node:fs/promises';

const CASES = ['bare', 'sdk', 'door', 'submit', 'memory', 'sized', 'writes', 'pg2'] as const;
type Case = (typeof CASES)[number];
const { values: args } = parseArgs({ options: { 'cpu-prof': { type: 'boolean' }, only: { type: 'string' }, 'digest-only': { type: 'boolean' } } });
const only = args.only?.split(',').map((c) => c.trim()) ?? [];
const unknown = only.filter((c) => !(CASES as readonly string[]).includes(c));
if (unknown.length > 0) throw new Error(`--only takes ${CASES.join(', ')}; not ${unknown.join(', ')}.`);

if (!args['digest-only'] && !existsSync(join(ROOT, 'dist', 'server.js'))) throw new Error('No build: run `npm run build` first (npm run bench does).');
const log = (what: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${what}\n`);
const started = performance.now();
const connector = await startBenchConnector();
// Any draft id will do for the baselines: they never read it.
const body = submitBody({ visitId: 'baseline', officer: { id: 'p', name: 'Bench Officer', aadObjectId: 'bench-officer' } as never }, connector.url);

async function allSized(): Promise<SizedFigures[]> {
  const runs: SizedFigures[] = [];
  for (const layout of ['current', 'spread'] as const) {
    for (const mb of [1, 10, 50]) {
      log(`submissions on ${mb} MB (${layout === 'current' ? 'current month' : 'over two years'})`);
      runs.push(await sized(connector, mb, layout));
    }
  }
  return runs;
}

try {
  if (args['digest-only']) {
    // One figure alone, written into the last full run's results.
    log('SIT digest, 500 schools and 50,000 visits');
    const ms = await digestMs();
    const path = new URL('./results.json', import.meta.url);
    const previous = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeResults(path, { ...previous, digestMs500x50k: ms, digestNote: DIGEST_NOTE } as never);
    console.log(`SIT digest, 500 schools, 50,000 visits: ${ms} ms (goal < 500 ms)`);
  } else if (args['cpu-prof']) {
    const dir = await mkdtemp(join(tmpdir(), 'sib-bench-profile-'));
    log('submissions with --cpu-prof');
    const { c10, c50 } = await submissions(connector, ['--cpu-prof', `--cpu-prof-dir=${dir}`], { warmUp: 100, c10: 200, c50: 1_000, runs: 1 });
    // Sends after the answers count in the CPU too: how many the connector took (the rest were left to the outbox).
    const { updates, sends, conversations } = connector.counts;
    log(`answered ${c10.ok + c50.ok} (${Math.round(c50.rps)}/s at concurrency 50), Teams took ${updates} card updates, ${sends} messages, ${conversations} chats opened; profile in ${dir}`);
    console.log(await summariseProfile(dir));
  } else if (only.length > 0) {
    const run: Record<Case, () => Promise<unknown>> = {
      bare: () => baseline('bare', body),
      sdk: () => baseline('sdk', body),
      door: () => baseline('door', body),
      submit: () => submissions(connector),
      memory: () => memory(connector),
      sized: allSized,
      writes: storeWrites,
      pg2: () => twoInstancesOnPostgres(connector),
    };
    const figures: Record<string, unknown> = {};
    for (const name of only as Case[]) {
      log(name);
      figures[name] = await run[name]();
    }
    console.log(JSON.stringify(figures, null, 2));
  } else {
    log('bare restify');
    const bare = await baseline('bare', body);
    log('SDK invoke, no-op handler');
    const sdk = await baseline('sdk', body);
    log("the bot's own door, no-op handler");
    const door = await baseline('door', body);
    log('submissions at concurrency 10 and 50');
    const submit = await submissions(connector);
    log('RSS over 10,000 submissions');
    const mem = await memory(connector);
    const sizedRuns = await allSized();
    log('store writes');
    const writes = await storeWrites();
    log('SIT digest, 500 schools and 50,000 visits');
    const digest = await digestMs();
    const r = results({ bare, sdk, door, submit, sized: sizedRuns, memory: mem, ...writes, digestMs: digest, seconds: (performance.now() - started) / 1000 });
    await writeResults(new URL('./results.json', import.meta.url), r);
    console.log(table(r));
    log(`bench/results.json written (${r.benchSeconds} s; tenant ${TENANT}; connector got ${connector.counts.updates} card updates, ${connector.counts.sends} messages)`);
  }
} finally {
  await connector.close();
}
