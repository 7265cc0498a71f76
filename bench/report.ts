/** The bench's results: `bench/results.json` and the table printed (and copied into the README). */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { LoadResult, MedianRun } from './harness.js';
import type { MemoryFigures, SizedFigures } from './scenarios.js';

export interface Measured {
  bare: MedianRun;
  sdk: MedianRun;
  /** The bot's own door (token and tenant checks, kept clients) with a no-op handler. */
  door: MedianRun;
  submit: { c10: MedianRun; c50: MedianRun };
  sized: SizedFigures[];
  memory: MemoryFigures;
  writeMsByStoreMb: Record<string, number>;
  writeMsByStoreMbSpread: Record<string, number>;
  /** Composing the SIT digest for 500 schools and 50,000 visits (bench/digest.ts). */
  digestMs: number;
  seconds: number;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;
const bySize = (sized: SizedFigures[], layout: SizedFigures['layout'], pick: (s: SizedFigures) => number) =>
  Object.fromEntries(sized.filter((s) => s.layout === layout).map((s) => [String(s.mb), r1(pick(s))]));
const figures = (r: LoadResult) => ({ rps: r1(r.rps), p50Ms: r1(r.p50Ms), p99Ms: r1(r.p99Ms), answered: r.ok, failed: r.failed, seconds: r1(r.seconds), cutByTimeBound: r.cut });

export const DIGEST_NOTE = 'Composing the SIT digest (every collection read once from the in-memory store, grouped by school, card data built), median of 7 runs after a warm-up.';

export function results(m: Measured) {
  const c50 = m.submit.c50;
  const current50 = m.sized.find((s) => s.layout === 'current' && s.mb === 50);
  return {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    benchSeconds: Math.round(m.seconds),
    bareRps: r1(m.bare.rps),
    sdkInvokeRps: r1(m.sdk.rps),
    botDoorInvokeRps: r1(m.door.rps),
    submitRps: r1(c50.rps),
    submitP50Ms: r1(c50.p50Ms),
    submitP99Ms: r1(c50.p99Ms),
    ratioSubmitToSdkInvoke: Math.round((c50.rps / m.sdk.rps) * 1000) / 1000,
    ratioSubmitToBotDoorInvoke: Math.round((c50.rps / m.door.rps) * 1000) / 1000,
    ratioSubmitToBare: Math.round((c50.rps / m.bare.rps) * 1000) / 1000,
    rpsOfEachRun: { bare: m.bare.rpsOfRuns.map(r1), sdk: m.sdk.rpsOfRuns.map(r1), door: m.door.rpsOfRuns.map(r1), submitAtConcurrency50: c50.rpsOfRuns.map(r1) },
    submitAtConcurrency10: figures(m.submit.c10),
    submitAtConcurrency50: figures(c50),
    submitRpsByStoreMb: bySize(m.sized, 'current', (s) => s.run.rps),
    submitP99MsByStoreMb: bySize(m.sized, 'current', (s) => s.run.p99Ms),
    submitRpsByStoreMbSpread: bySize(m.sized, 'spread', (s) => s.run.rps),
    submitP99MsByStoreMbSpread: bySize(m.sized, 'spread', (s) => s.run.p99Ms),
    writeMsByStoreMb: m.writeMsByStoreMb,
    writeMsByStoreMbSpread: m.writeMsByStoreMbSpread,
    digestMs500x50k: m.digestMs,
    digestNote: DIGEST_NOTE,
    rssMbAtStart: m.memory.rssMbAtStart,
    rssMbAfterWarmUp: m.memory.rssMbAfterWarmUp,
    rssMbAfter10k: m.memory.rssMbAfter10k,
    rssRatio10kToWarmUp: r2(m.memory.rssMbAfter10k / m.memory.rssMbAfterWarmUp),
    submissionsBeforeRss: m.memory.submitted,
    submitRpsDuringRssRun: r1(m.memory.run.rps),
    startMs50mb: current50 ? Math.round(current50.startMs) : null,
    startMsByStoreMb: bySize(m.sized, 'current', (s) => s.startMs),
    notes: [
      "sdkInvokeRps: teams-ai's stock TeamsAdapter (process) and an Application whose card action answers a small card; botDoorInvokeRps: the same Application behind the bot's own door (token and tenant checks, connector and user-token clients kept across turns).",
      'Concurrency 50 unless named; every submission is a distinct draft visit, answered with its summary card.',
      'The baselines (5 s each, one server) and the submissions (a bot and store of its own each time: warm-up, 1,500 at concurrency 10, 4,000 at 50) are measured three times; each figure is the run with the median rate (rpsOfEachRun has all three), so that one run of noise on a shared machine does not decide a ratio.',
      'submitRpsByStoreMb: the store filled to that size with every record in the current month (the month the submissions write to); …Spread: the same data over 24 months.',
      'writeMsByStoreMb: one single-record write (median), the data written in the current month; …Spread: over 24 months (bench/store-write.ts).',
      'startMs50mb: from spawning node dist/server.js to the first answered submission, 50 MB in the current month.',
      'A run stops at its time bound if it has not finished its requests (cutByTimeBound); the rates count what was answered.',
    ],
  };
}

export type Results = ReturnType<typeof results>;

const ms = (n: number | null) => (n === null ? '–' : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`);
const rps = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: n < 100 ? 1 : 0 })}/s`;

/** The table, as Markdown (printed as is, and pasted into the README's Performance section). */
export function table(r: Results): string {
  const sizes = ['1', '10', '50'];
  const rows: [string, string, string][] = [
    ['Bare restify, same request', rps(r.bareRps), ''],
    ['SDK invoke, no-op handler', rps(r.sdkInvokeRps), ''],
    ["The bot's own door, no-op handler", rps(r.botDoorInvokeRps), ''],
    ['Visit submission, concurrency 10', `${rps(r.submitAtConcurrency10.rps)}, p50 ${ms(r.submitAtConcurrency10.p50Ms)}, p99 ${ms(r.submitAtConcurrency10.p99Ms)}`, ''],
    ['Visit submission, concurrency 50', `${rps(r.submitRps)}, p50 ${ms(r.submitP50Ms)}, p99 ${ms(r.submitP99Ms)}`, 'p99 < 200 ms'],
    ['Submission ÷ SDK invoke', String(r.ratioSubmitToSdkInvoke), '≥ 0.5'],
    ["Submission ÷ the bot's door, no-op", String(r.ratioSubmitToBotDoorInvoke), ''],
    ['Submission ÷ bare restify', String(r.ratioSubmitToBare), ''],
    ...sizes.map((mb): [string, string, string] => [`Submission, ${mb} MB in the current month`, `${rps(r.submitRpsByStoreMb[mb] ?? 0)}, p99 ${ms(r.submitP99MsByStoreMb[mb] ?? null)}`, mb === '50' ? '≥ ½ of 1 MB' : '']),
    ...sizes.map((mb): [string, string, string] => [`Submission, ${mb} MB over two years`, `${rps(r.submitRpsByStoreMbSpread[mb] ?? 0)}, p99 ${ms(r.submitP99MsByStoreMbSpread[mb] ?? null)}`, '']),
    ...sizes.map((mb): [string, string, string] => [`One store write, ${mb} MB (current month / two years)`, `${ms(r.writeMsByStoreMb[mb] ?? null)} / ${ms(r.writeMsByStoreMbSpread[mb] ?? null)}`, '']),
    ['SIT digest, 500 schools, 50,000 visits', ms(r.digestMs500x50k), '< 500 ms'],
    [
      `RSS: started → warmed up → after ${r.submissionsBeforeRss.toLocaleString('en-GB')} more submissions`,
      `${r.rssMbAtStart} → ${r.rssMbAfterWarmUp} → ${r.rssMbAfter10k} MB (×${r.rssRatio10kToWarmUp} of warmed up)`,
      '≤ ×1.5 after 10,000',
    ],
    ['Start to first answer, 50 MB', ms(r.startMs50mb), '< 2 s'],
  ];
  const head: [string, string, string] = ['Figure', 'Measured', 'Goal'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function writeResults(path: URL, r: Results): Promise<void> {
  await writeFile(path, `${JSON.stringify(r, null, 2)}\n`);
}
