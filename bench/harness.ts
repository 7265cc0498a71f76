/**
 * Starting the processes the bench measures (the built bot, the baseline servers) on 127.0.0.1, loading them
 * with autocannon for a bounded number of requests and seconds, and reading their memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const HOST = '127.0.0.1';

export interface Child {
  process: ChildProcess;
  pid: number;
  url: string;
  /** The last lines it wrote (for the error when it dies). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The Node options `npm start` gives the bot (package.json's start script, `node <options> dist/server.js`), so the
 * bench measures the bot as production runs it.
 */
export function startOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
  const options = /^node\s+(.*?)\s*dist\/server\.js$/.exec(scripts.start ?? '')?.[1];
  if (options === undefined) throw new Error(`The start script is not \`node <options> dist/server.js\`: ${scripts.start}`);
  return options.split(/\s+/).filter(Boolean);
}

/** Starts `node <args>` in the repository with the given environment; the port is PORT in it. */
export function spawnNode(args: string[], env: Record<string, string>, port: number): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    pid: child.pid!,
    url: `http://${HOST}:${port}`,
    output: () => tail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Posts `body` to /api/messages until it is answered 200 (the server is up); returns the ms since `since` and the answer. */
export async function firstAnswer(child: Child, body: string, since: number, timeoutMs = 120_000): Promise<{ ms: number; text: string }> {
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`The server stopped before answering:\n${child.output()}`);
    try {
      const res = await fetch(`${child.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      if (res.status === 200) return { ms: performance.now() - since, text };
      throw new Error(`The server answered ${res.status}: ${text.slice(0, 300)}`);
    } catch (err) {
      // fetch's "failed" (not listening yet) is a TypeError (by name: under jest it comes from another realm)
      if ((err as Error).name !== 'TypeError') throw err;
    }
    if (performance.now() - since > timeoutMs) throw new Error(`No answer within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The resident set of a process, in MB (Linux: /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}

export interface LoadResult {
  /** Answers with a 2xx status per second of the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answered with a 2xx status. */
  ok: number;
  /** Anything else: other statuses, connection errors and timeouts. */
  failed: number;
  seconds: number;
  /** Whether the run hit its time bound before its request count. */
  cut: boolean;
}

/** A figure measured more than once: the run with the median rate (its latencies with it), and every run's rate. */
export type MedianRun = LoadResult & { rpsOfRuns: number[] };

/**
 * Repeats a measurement and keeps the run with the median rate. On this shared machine one run's rate can be a few
 * per cent off the next; a ratio of two such figures should not rest on one run of each.
 */
export async function medianOf(times: number, measure: () => Promise<LoadResult>): Promise<MedianRun> {
  const runs: LoadResult[] = [];
  for (let i = 0; i < times; i++) runs.push(await measure());
  return median(runs);
}

/** The run with the median rate of those given, with every run's rate. */
export function median(runs: readonly LoadResult[]): MedianRun {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  return { ...sorted[Math.floor(sorted.length / 2)]!, rpsOfRuns: runs.map((r) => r.rps) };
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** How many requests at most. */
  amount: number;
  /** And for how long at most. */
  maxSeconds: number;
  /** The body of each request, in order (`i` counts from 0 in this run). */
  body: (i: number) => string;
}

/**
 * POSTs to /api/messages with autocannon, `connections` requests in flight at a time, one new body per request.
 * The rate is the answers over the time from the first request to the last answer: autocannon ends a run bounded
 * by count only at its next one-second tick, so its own start-to-finish would round every short run up to whole
 * seconds (1,500 answers in 3.2 s read as 5 s).
 */
export function load(options: LoadOptions): Promise<LoadResult> {
  let i = 0;
  let cut = false;
  let firstSentAt: number | undefined;
  let lastAnsweredAt: number | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.url}/api/messages`,
        connections: options.connections,
        amount: options.amount,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              firstSentAt ??= performance.now();
              return { ...req, body: options.body(i++) };
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => {
        clearTimeout(timer);
        if (err) return reject(err);
        const seconds = firstSentAt !== undefined && lastAnsweredAt !== undefined ? (lastAnsweredAt - firstSentAt) / 1000 : (result.finish.getTime() - result.start.getTime()) / 1000;
        const ok = result['2xx'];
        resolve({ rps: ok / seconds, p50Ms: result.latency.p50, p99Ms: result.latency.p99, ok, failed: result.non2xx + result.errors, seconds, cut });
      },
    );
    instance.on('response', () => {
      lastAnsweredAt = performance.now();
    });
    const timer = setTimeout(() => {
      cut = true;
      instance.stop();
    }, options.maxSeconds * 1000);
  });
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
