import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { loadConfig } from '../../src/config.js';
import { startJobScheduler } from '../../src/jobs/scheduler.js';
import type { Job } from '../../src/jobs/job.js';
import { startServer } from '../../src/server.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { FakeMessenger } from '../app/delivery/delivery-world.js';
import { remindersTo, runnerDeps, seedUnacknowledgedCheck, tenantId } from './jobs-world.js';

/** A job that runs until the test lets it finish; `started` resolves once it is running. */
function heldJob() {
  let release = () => {};
  let started = () => {};
  const job = {
    name: 'held',
    schedule: '* * * * *',
    history: 'every-run' as const,
    runs: 0,
    started: new Promise<void>((resolve) => (started = resolve)),
    release: () => release(),
    async run() {
      job.runs += 1;
      const held = new Promise<void>((resolve) => (release = resolve));
      started();
      await held;
      return { detail: 'done', busy: true };
    },
  } satisfies Job & Record<string, unknown>;
  return job;
}

describe('the job scheduler', () => {
  it('when a tick is still running, then the next tick does nothing, and stopping waits for the running one to finish', async () => {
    const clock = fixedClock('2026-11-23T09:00:00Z');
    const store = new MemoryStore(() => clock.now());
    const job = heldJob();
    const scheduler = startJobScheduler(runnerDeps(store, new FakeMessenger(), clock, { jobs: [job] }));

    const first = scheduler.tick();
    await job.started;
    expect(await scheduler.tick()).toBeUndefined();
    const stopped = scheduler.stop();
    expect(await scheduler.tick()).toBeUndefined();
    job.release();
    await stopped;

    expect(await first).toEqual([{ job: 'held', status: 'done', dueAt: '2026-11-23T09:00:00.000Z', detail: 'done' }]);
    expect(job.runs).toBe(1);
    expect((await store.find('jobRuns', tenantId))[0]).toMatchObject({ outcome: 'done' });
  });
});

describe('the bot’s scheduler', () => {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', BOT_TENANT_ID: tenantId });

  it('when a tick comes at 08:00 on a weekday, then the running bot sends the due reminder, once however many ticks', async () => {
    const clock = fixedClock('2026-11-23T08:00:20Z');
    const store = new MemoryStore(() => clock.now());
    await seedUnacknowledgedCheck(store);
    const messenger = new FakeMessenger();
    const server = await startServer(config, { store, clock, messenger: () => messenger, mailer: () => undefined, host: '127.0.0.1', scheduleJobs: true });
    try {
      const reports = await server.jobs!.tick();
      await server.jobs!.tick();

      expect(reports!.map((r) => `${r.job} ${r.status}`)).toEqual([
        'reminders done',
        'first-contact done',
        'milestones done',
        'strategy-meetings done',
        'concern-notices done',
        'digest-sit done',
        'digest-partnership done',
        'digest-concerns done',
        'digest-committee done',
        'digest-retry done',
        'outbox done',
      ]);
      expect(remindersTo(messenger)).toHaveLength(1);
    } finally {
      await server.close();
    }
    expect(await server.jobs!.tick()).toBeUndefined();
  });

  it('when the server is given its own clock, then it schedules nothing unless asked (tests run jobs by hand)', async () => {
    const server = await startServer(config, { store: new MemoryStore(), clock: fixedClock('2026-11-23T08:00:00Z'), mailer: () => undefined, host: '127.0.0.1' });
    expect(server.jobs).toBeUndefined();
    await server.close();
  });
});
