import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { LowdbStore } from '../../src/store/lowdb.store.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { startConnector, type FakeConnector } from '../support/connector.js';
import { TempDirs } from '../store/fixtures/temp-dir.js';
import { head, seedUnacknowledgedCheck, tenantId } from '../jobs/jobs-world.js';

describe('jobs run-due', () => {
  let connector: FakeConnector;
  const dirs = new TempDirs();

  beforeEach(async () => {
    connector = await startConnector();
  });
  afterEach(() => connector.close());
  afterAll(() => dirs.removeAll());

  /** Runs the CLI on `store` as if at `at` (the clock and `--at`). */
  async function run(store: Store, at: string, ...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['jobs', 'run-due', ...argv], {
      store,
      clock: fixedClock(at),
      env: { BOT_TENANT_ID: tenantId, BOT_SERVICE_URL: connector.url, LOG_LEVEL: 'silent' },
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    });
    return { code, out, err };
  }

  const reminders = () => connector.activities.filter((a) => a.kind === 'send' && /waiting for your acknowledgement/.test((a.activity.text ?? a.activity.summary) ?? ''));

  it('when two processes run it at once on one data file, then the headteacher is reminded once and one says the other ran it', async () => {
    const dataFile = join(await dirs.make(), 'db.json');
    const [bot, cli] = await Promise.all([LowdbStore.open({ dataFile }), LowdbStore.open({ dataFile })]);
    try {
      await seedUnacknowledgedCheck(bot);
      const at = '2026-11-23T09:00:00Z';

      const results = await Promise.all([run(bot, at), run(cli, at)]);

      expect(results.map((r) => r.code)).toEqual([0, 0]);
      expect(reminders()).toHaveLength(1);
      expect(connector.conversations[0]?.parameters.members).toEqual([{ id: head.aadObjectId }]);
      const lines = results.flatMap((r) => r.out.split('\n')).filter((l) => l.startsWith('reminders'));
      expect(lines.sort()).toEqual([
        'reminders (due Monday 23 November 2026 at 08:00): already run by another process.',
        'reminders (due Monday 23 November 2026 at 08:00): ran: 1 due, 1 sent, 0 queued, 0 undeliverable.',
      ]);
      expect(await cli.find('jobRuns', tenantId, { job: 'reminders' })).toHaveLength(1);
    } finally {
      await Promise.all([bot.close(), cli.close()]);
    }
  });

  it('when --at names a Sunday, a Monday before 08:00, a later Monday, then an earlier day, then each run picks the latest weekday 08:00 not yet run', async () => {
    const store = new MemoryStore(() => new Date('2026-11-22T12:00:00Z'));
    await seedUnacknowledgedCheck(store);

    const sunday = await run(store, '2026-11-22T12:00:00Z', '--at', '2026-11-22T12:00:00Z');
    expect(sunday).toMatchObject({ code: 0, err: '' });
    expect(sunday.out.split('\n')).toEqual([
      'Jobs due at 2026-11-22T12:00:00.000Z:',
      'reminders (due Friday 20 November 2026 at 08:00): ran: 1 due, 1 sent, 0 queued, 0 undeliverable.',
      'first-contact (due Friday 20 November 2026 at 08:00): ran: 0 due, 0 sent, 0 with no link officer registered.',
      // Run on a Sunday: milestone reminders wait for working hours.
      'milestones (due Friday 20 November 2026 at 08:00): ran: outside working hours: nothing sent.',
      'strategy-meetings (due Sunday 22 November 2026 at 12:00): ran: 0 of 0 pending booked, 0 ended, 0 progress cards sent, 0 waiting for the calendar.',
      'concern-notices (due Sunday 22 November 2026 at 12:00): ran: 0 waiting, 0 sent, 0 queued, 0 undeliverable, 0 in the outbox.',
      // Each digest's latest due time came long before this first run in a fresh store: nothing to catch up.
      'digest-sit (due Monday 16 November 2026 at 07:00): ran: not caught up: due before the first run in this store.',
      'digest-partnership (due Friday 10 July 2026 at 07:00): ran: not caught up: due before the first run in this store.',
      'digest-concerns (due Sunday 1 November 2026 at 07:00): ran: not caught up: due before the first run in this store.',
      'digest-committee (due Sunday 1 November 2026 at 07:00): ran: not caught up: due before the first run in this store.',
      'digest-retry (due Sunday 22 November 2026 at 12:00): ran: 0 due, 0 posted, 0 to retry, 0 held.',
      'outbox (due Sunday 22 November 2026 at 12:00): ran: 0 due, 0 sent, 0 to retry, 0 given up, 0 skipped, 0 removed.',
      '',
    ]);
    expect((await run(store, '2026-11-22T12:00:00Z', '--at', '2026-11-23T07:59:00Z')).out).toContain('reminders (due Friday 20 November 2026 at 08:00): already run by another process.');
    expect((await run(store, '2026-11-22T12:00:00Z', '--at', '2026-11-30T08:00:00Z')).out).toContain('reminders (due Monday 30 November 2026 at 08:00): ran: 1 due, 1 sent');
    expect((await run(store, '2026-11-22T12:00:00Z', '--at', '2026-11-24T09:00:00Z')).out).toContain('reminders: nothing due; it last ran for Monday 30 November 2026 at 08:00.');

    expect(reminders()).toHaveLength(2);
  });

  it('when a job fails, then the others still run, the report says which failed, and it exits 1 with one line', async () => {
    /** A store whose health checks cannot be read: the reminders job fails. */
    class BrokenChecks extends MemoryStore {
      override find: MemoryStore['find'] = (collection, ...rest) => (collection === 'healthChecks' ? Promise.reject(new Error('disk error')) : super.find(collection, ...rest));
    }
    const store = new BrokenChecks();
    await seedUnacknowledgedCheck(store);

    const result = await run(store, '2026-11-23T09:00:00Z');

    expect(result.code).toBe(1);
    expect(result.out).toContain('reminders (due Monday 23 November 2026 at 08:00): FAILED (Error).');
    expect(result.out).toContain('outbox (due Monday 23 November 2026 at 09:00): ran: 0 due');
    // The digests, due long before this first run in a fresh store, are not caught up, so read nothing.
    expect(result.err.trim().split('\n')).toEqual(['error: reminders failed; the other jobs ran. A failed due time is not run again: the job’s next due time picks up what it left.']);
    expect(await store.find('jobRuns', tenantId, { job: 'reminders' })).toEqual([expect.objectContaining({ job: 'reminders', outcome: 'failed', detail: 'Error' })]);
  });

  it('when --at is not a date, then it exits 1 with one line and sends nothing', async () => {
    const bad = await run(new MemoryStore(), '2026-11-23T09:00:00Z', '--at', 'tomorrow');
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('--at tomorrow is not a date and time');
    expect(connector.activities).toEqual([]);
  });
});
