/**
 * What reading the body of POST /api/messages costs: restify's bodyParser (as the bot used it, 4 MB, no mapParams)
 * against the bot's own jsonBody from dist/ (run `npm run build` first). Each run starts a fresh restify server
 * with only that reader and an empty answer, with the start script's Node options, and posts it as many card
 * submissions as a bench bot process serves (restify's reader pays Node's deprecation check on each of its first
 * 10,000 requests, so a fresh process is the fair case). What counts is the server's CPU time (user + system)
 * per request, the median of the runs; the client's is not counted.
 *
 *   npx tsx bench/body-reader.ts [requests=6000] [runs=5]
 */
import { fileURLToPath } from 'node:url';
import restify from 'restify';
import { freePort, load, pause, spawnNode, startOptions, type Child } from './harness.js';
import { submitBody } from './fixtures.js';
import { anOfficer } from '../test/support/builders.js';
import type { Person } from '../src/domain/person.js';
import { silentLogger } from '../src/app/ports/logger.port.js';
import type * as JsonBodyModule from '../src/teams/json-body.js';

type Reader = 'restify' | 'jsonBody';
const READERS: readonly Reader[] = ['restify', 'jsonBody'];
const MAX_BYTES = 4 * 1024 * 1024;

/** The child: a restify server whose one POST route reads the body and answers 200; GET /cpu says its CPU time so far. */
async function serve(reader: Reader, port: number): Promise<void> {
  const server = restify.createServer({ name: 'body-reader-bench', handleUncaughtExceptions: false });
  // The built module, as `npm start` runs it.
  const built = new URL('../dist/teams/json-body.js', import.meta.url).href;
  const { jsonBody } = (await import(built)) as typeof JsonBodyModule;
  const read = reader === 'restify' ? restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BYTES }) : [jsonBody({ maxBytes: MAX_BYTES, logger: silentLogger })];
  let bodies = 0;
  server.post('/api/messages', ...read, (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if ((req.body as { type?: unknown } | undefined)?.type === 'invoke') bodies++;
    res.send(200, {});
    next();
  });
  server.get('/cpu', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    const { user, system } = process.cpuUsage();
    res.send(200, { cpuUs: user + system, bodies });
    next();
  });
  server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
}

async function cpuOf(child: Child): Promise<{ cpuUs: number; bodies: number }> {
  for (let tries = 0; ; tries++) {
    try {
      return (await (await fetch(`${child.url}/cpu`)).json()) as { cpuUs: number; bodies: number };
    } catch (err) {
      if (tries > 100) throw new Error(`the server did not start: ${child.output()}`, { cause: err });
      await pause(100);
    }
  }
}

/** Server CPU µs per request for one fresh server reading `requests` submissions. */
async function oneRun(reader: Reader, requests: number, body: string): Promise<number> {
  const port = await freePort();
  const child = spawnNode([...startOptions(), '--import', 'tsx', fileURLToPath(import.meta.url), 'serve', reader], {}, port);
  try {
    const before = await cpuOf(child);
    const result = await load({ url: child.url, connections: 10, amount: requests, maxSeconds: 120, body: () => body });
    const after = await cpuOf(child);
    if (result.ok !== requests || after.bodies !== requests) throw new Error(`${reader}: ${result.ok} answered, ${after.bodies} bodies read, of ${requests}`);
    return (after.cpuUs - before.cpuUs) / requests;
  } finally {
    await child.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const [, , mode, arg1] = process.argv;
  if (mode === 'serve') return serve(arg1 as Reader, Number(process.env.PORT));
  const requests = Number(mode ?? 6000);
  const runs = Number(arg1 ?? 5);
  const body = submitBody({ visitId: 'visit-bench-0001', officer: anOfficer() as Person }, 'http://127.0.0.1:9/');
  const perRequest: Record<Reader, number[]> = { restify: [], jsonBody: [] };
  for (let run = 0; run < runs; run++) {
    // Alternate which goes first, so a change in the machine's load falls on both.
    for (const reader of run % 2 ? [...READERS].reverse() : READERS) perRequest[reader].push(await oneRun(reader, requests, body));
  }
  for (const reader of READERS) console.log(`${reader.padEnd(8)} ${median(perRequest[reader]).toFixed(1)} µs CPU per request (runs: ${perRequest[reader].map((x) => x.toFixed(1)).join(', ')})`);
  console.log(`body ${body.length} bytes, ${requests} requests per fresh server, ${runs} runs each, median`);
}

await main();
