import { afterAll, expect, it } from '@jest/globals';
import { startBenchConnector, type BenchConnector } from '../../bench/connector.js';
import { submitBody, TENANT, writeBenchStore, type Draft } from '../../bench/fixtures.js';
import { firstAnswer, freePort, HOST, spawnNode, type Child } from '../../bench/harness.js';
import { VISIT_VERBS } from '../../src/teams/cards/visit-agenda.card.js';
import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';

const databases = new TestDatabases();
const children: Child[] = [];
let connector: BenchConnector | undefined;
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await connector?.close();
  await databases.dropAll();
});

/** A bot instance in a process of its own (as `npm start` runs it, through tsx) on the database, answering. */
async function instance(databaseUrl: string, warmUp: Draft): Promise<Child> {
  const env = { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4', BOT_TENANT_ID: TENANT, BOT_SERVICE_URL: connector!.url, HOST, LOG_LEVEL: 'warn' };
  const child = spawnNode(['--import', 'tsx', 'src/server.ts'], env, await freePort());
  children.push(child);
  await firstAnswer(child, submitBody(warmUp, connector!.url), performance.now());
  return child;
}

describeWithPostgres('two bot processes on one PostgreSQL database, one killed with SIGKILL mid-burst', () => {
  it('when officers submit through both and one process dies, then every submission answered with its summary card is stored, once', async () => {
    connector = await startBenchConnector();
    const databaseUrl = await databases.make();
    const store = await writeBenchStore({ drafts: 82, fillMb: 0, layout: 'current', databaseUrl });
    const [warmOne, warmTwo, ...drafts] = store.drafts as [Draft, Draft, ...Draft[]];
    const [one, two] = await Promise.all([instance(databaseUrl, warmOne), instance(databaseUrl, warmTwo)]);

    const acked: string[] = [];
    let answered = 0;
    const submitTo = async (bot: Child, draft: Draft) => {
      try {
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: submitBody(draft, connector!.url) });
        const text = await res.text();
        answered++;
        if (res.status === 200 && text.includes(VISIT_VERBS.view)) acked.push(draft.visitId);
      } catch {
        // The killed process: no answer, so nothing was acknowledged.
      }
    };
    // Eight at a time, alternately through each process; the first is killed once twenty have been answered, with
    // requests in flight to it. Then, as a load balancer would, the next ones go to the survivor.
    const queue = [...drafts];
    const alive = () => one.process.exitCode === null && one.process.signalCode === null;
    const lane = async (k: number) => {
      for (let draft = queue.shift(); draft; draft = queue.shift()) {
        await submitTo(k % 2 && alive() ? one : two, draft);
        if (answered >= 20 && alive()) one.process.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, k) => lane(k)));

    const check = await PostgresStore.open({ url: databaseUrl, migrate: false });
    const visits = await check.find('visits', TENANT);
    await check.close();
    const submitted = new Set(visits.filter((v) => v.status === 'submitted').map((v) => v.id));
    expect(one.process.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThan(10);
    expect(acked.filter((id) => !submitted.has(id))).toEqual([]);
    expect(visits).toHaveLength(store.drafts.length);
  }, 120_000);
});
