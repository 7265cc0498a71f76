import { afterAll, afterEach, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { startConnector, type FakeConnector } from '../support/connector.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { describeWithPostgres, TestDatabases } from '../support/postgres.js';
import { seedUnacknowledgedCheck, tenantId } from './jobs-world.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

describeWithPostgres('two bot instances on one PostgreSQL database', () => {
  const bots: TestBot[] = [];
  let connector: FakeConnector | undefined;
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((b) => b.close()));
    await connector?.close();
  });

  it('when both run the due jobs at once, then the headteacher is reminded once, one instance saying the other ran it; /healthz names PostgreSQL', async () => {
    const env = { DATABASE_URL: await databases.make(), DATABASE_POOL_SIZE: '3' };
    bots.push(await startTestBot({ env }), await startTestBot({ env }));
    const [one, two] = bots as [TestBot, TestBot];
    await seedUnacknowledgedCheck(one.store);
    connector = await startConnector();
    const at = '2026-11-23T09:00:00Z';
    const runDue = async (bot: TestBot) => {
      let out = '';
      const code = await runCli(['jobs', 'run-due'], {
        store: bot.store,
        clock: fixedClock(at),
        env: { BOT_TENANT_ID: tenantId, BOT_SERVICE_URL: connector!.url, LOG_LEVEL: 'silent' },
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: (s: string) => (out += s) },
      });
      return { code, out };
    };

    const results = await Promise.all([runDue(one), runDue(two)]);

    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const reminders = connector.activities.filter((a) => a.kind === 'send' && /waiting for your acknowledgement/.test(a.activity.text ?? a.activity.summary ?? ''));
    expect(reminders).toHaveLength(1);
    expect(results.flatMap((r) => r.out.split('\n')).filter((l) => l.startsWith('reminders')).sort()).toEqual([
      'reminders (due Monday 23 November 2026 at 08:00): already run by another process.',
      'reminders (due Monday 23 November 2026 at 08:00): ran: 1 due, 1 sent, 0 queued, 0 undeliverable.',
    ]);
    expect(await two.store.find('jobRuns', tenantId, { job: 'reminders' })).toEqual([expect.objectContaining({ outcome: 'done' })]);
    for (const bot of bots) {
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', store: 'postgres' });
    }
  });
});
