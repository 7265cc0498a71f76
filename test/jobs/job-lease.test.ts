import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../src/app/ports/store.port.js';
import type { Job } from '../../src/jobs/job.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { JOB_LEASE_MS } from '../../src/jobs/job-lease.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { PostgresStore } from '../../src/store/postgres/postgres.store.js';
import { FakeMessenger } from '../app/delivery/delivery-world.js';
import { TestClock } from '../store/fixtures/records.js';
import { TEST_DATABASE_URL, TestDatabases } from '../support/postgres.js';
import { capturingLogger, remindersTo, runnerDeps, seedUnacknowledgedCheck, tenantId } from './jobs-world.js';

const databases = new TestDatabases();
afterAll(() => databases.dropAll());

const DUE = '2026-11-23T08:00:00.000Z';

const stores: [string, (clock: TestClock) => Promise<Store>][] = [['MemoryStore', async (clock) => new MemoryStore(clock.now)]];
if (TEST_DATABASE_URL) stores.push(['PostgresStore', async (clock) => PostgresStore.open({ url: await databases.make(), now: clock.now, poolSize: 3 })]);

describe.each(stores)('a due time claimed under a lease (%s)', (_name, makeStore) => {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  async function world() {
    const clock = new TestClock('2026-11-23T08:00:05Z');
    const store = await makeStore(clock);
    opened.push(store);
    await seedUnacknowledgedCheck(store);
    return { clock, store, messenger: new FakeMessenger() };
  }

  /** What an instance that died mid-run leaves: the reminders run for 08:00 claimed, running, its lease to run out at `leaseUntil`. */
  const claimedByADeadRunner = (store: Store, leaseUntil: string) =>
    store.transact((tx) => tx.insert('jobRuns', tenantId, { job: 'reminders', dueAt: DUE, startedAt: '2026-11-23T08:00:01Z', outcome: 'running', leaseUntil }).then(() => undefined), { actor: 'system' });

  it('when the runner that claimed a due time died before sending, then once its lease has run out the next runner takes it over and the headteacher is reminded once', async () => {
    const { clock, store, messenger } = await world();
    await claimedByADeadRunner(store, new Date(clock.now().getTime() + JOB_LEASE_MS).toISOString());

    const [whileHeld] = await runDueJobs(runnerDeps(store, messenger, clock), clock.now());
    expect(whileHeld).toMatchObject({ job: 'reminders', status: 'alreadyRun', dueAt: DUE });
    expect(remindersTo(messenger)).toHaveLength(0);

    clock.advance(JOB_LEASE_MS + 1000);
    const logger = capturingLogger();
    const [takeover] = await runDueJobs(runnerDeps(store, messenger, clock, { logger }), clock.now());
    const [after] = await runDueJobs(runnerDeps(store, messenger, clock), clock.now());

    expect(takeover).toMatchObject({ job: 'reminders', status: 'done', dueAt: DUE, takenOver: true, detail: '1 due, 1 sent, 0 queued, 0 undeliverable' });
    expect(after).toMatchObject({ status: 'alreadyRun' });
    expect(remindersTo(messenger)).toHaveLength(1);
    expect(await store.find('jobRuns', tenantId, { job: 'reminders' })).toEqual([expect.objectContaining({ dueAt: DUE, outcome: 'done', takeovers: 1 })]);
    expect(logger.lines.some((l) => l.includes('job-taken-over'))).toBe(true);
  });

  it('when the runner died after sending but before recording its run, then the runner that takes over sends nothing twice', async () => {
    const { clock, store, messenger } = await world();
    await runDueJobs(runnerDeps(store, messenger, clock), clock.now());
    expect(remindersTo(messenger)).toHaveLength(1);
    // As if it had died just before its last write: the run still `running`, its lease run out.
    const [run] = await store.find('jobRuns', tenantId, { job: 'reminders' });
    await store.transact((tx) => tx.update('jobRuns', tenantId, run!.id, run!.version, { outcome: 'running', finishedAt: undefined, leaseUntil: clock.now().toISOString() }).then(() => undefined), { actor: 'test' });
    clock.advance(1000);

    const [takeover] = await runDueJobs(runnerDeps(store, messenger, clock), clock.now());

    expect(takeover).toMatchObject({ status: 'done', takenOver: true });
    expect(remindersTo(messenger)).toHaveLength(1);
  });

  it('when a run lasts longer than its lease, then its runner keeps renewing it, so no other runner takes it over, and it ends done', async () => {
    const { clock, store, messenger } = await world();
    let rivals: string[] = [];
    const slow: Job = {
      name: 'slow',
      schedule: '0 8 * * 1-5',
      history: 'every-run',
      async run(deps) {
        // Most of the first lease (3 s) passes; then, once the runner has renewed it, time passes beyond the first lease.
        clock.advance(2_500);
        for (let i = 0; i < 100; i++) {
          const [run] = await deps.store.find('jobRuns', tenantId, { job: 'slow' });
          if (run && run.version > 1) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        clock.advance(1_000);
        rivals = (await runDueJobs({ ...runnerDeps(store, messenger, clock, { jobs: [slow] }), leaseMs: 3_000 }, clock.now())).map((r) => r.status);
        return { detail: 'slow done', busy: true };
      },
    };

    const [report] = await runDueJobs({ ...runnerDeps(store, messenger, clock, { jobs: [slow] }), leaseMs: 3_000 }, clock.now());

    expect(rivals).toEqual(['alreadyRun']);
    expect(report).toMatchObject({ status: 'done', detail: 'slow done' });
    const [run] = await store.find('jobRuns', tenantId, { job: 'slow' });
    expect(run).toMatchObject({ outcome: 'done', detail: 'slow done' });
    expect(run!.leaseUntil).toBeUndefined();
    expect(run!.takeovers).toBeUndefined();
  });

  it('when two runners race for a due time whose lease ran out, then one takes it over and the reminder goes once', async () => {
    const { clock, store, messenger } = await world();
    await claimedByADeadRunner(store, '2026-11-23T08:00:04Z');

    const reports = await Promise.all([runDueJobs(runnerDeps(store, messenger, clock), clock.now()), runDueJobs(runnerDeps(store, messenger, clock), clock.now())]);

    expect(reports.map((r) => r.find((j) => j.job === 'reminders')!.status).sort()).toEqual(['alreadyRun', 'done']);
    expect(remindersTo(messenger)).toHaveLength(1);
  });
});
