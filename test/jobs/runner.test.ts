import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { FakeMessenger } from '../app/delivery/delivery-world.js';
import { capturingLogger, recordingJob, remindersTo, runnerDeps, seedUnacknowledgedCheck, tenantId } from './jobs-world.js';

const WEEKDAYS_AT_8 = '0 8 * * 1-5';

async function world(at: string) {
  const clock = fixedClock(at);
  const store = new MemoryStore(() => clock.now());
  await seedUnacknowledgedCheck(store);
  return { store, clock, messenger: new FakeMessenger() };
}

const statusOf = (reports: Awaited<ReturnType<typeof runDueJobs>>, job: string) => reports.find((r) => r.job === job);

describe('runDueJobs', () => {
  it('when two runners race for a due reminder on one store, then the headteacher gets one message and one runner reports it already run', async () => {
    const { store, clock, messenger } = await world('2026-11-23T08:00:05Z');

    const [a, b] = await Promise.all([runDueJobs(runnerDeps(store, messenger, clock), clock.now()), runDueJobs(runnerDeps(store, messenger, clock), clock.now())]);

    expect(remindersTo(messenger)).toHaveLength(1);
    expect([statusOf(a, 'reminders')!.status, statusOf(b, 'reminders')!.status].sort()).toEqual(['alreadyRun', 'done']);
    const runs = await store.find('jobRuns', tenantId, { job: 'reminders' });
    expect(runs).toEqual([expect.objectContaining({ dueAt: '2026-11-23T08:00:00.000Z', outcome: 'done', detail: '1 due, 1 sent, 0 queued, 0 undeliverable' })]);
  });

  it('when two runners race for a due time and a job fails, then /metrics counts one done, one already run and one failed, by job name', async () => {
    const { store, clock, messenger } = await world('2026-11-23T08:00:30Z');
    const counted: string[] = [];
    const metrics = { jobRun: (job: string, outcome: string) => void counted.push(`${job}:${outcome}`) };
    const jobs = [recordingJob('reminders', WEEKDAYS_AT_8), recordingJob('broken', WEEKDAYS_AT_8, 'every-run', new Error('boom'))];
    await Promise.all([runDueJobs({ ...runnerDeps(store, messenger, clock, { jobs }), metrics }, clock.now()), runDueJobs({ ...runnerDeps(store, messenger, clock, { jobs }), metrics }, clock.now())]);

    expect(counted.sort()).toEqual(['broken:already-run', 'broken:failed', 'reminders:already-run', 'reminders:done']);
  });

  it('when run at the due time itself, then that due time runs; a minute before, the previous weekday’s does', async () => {
    const reminders = recordingJob('reminders', WEEKDAYS_AT_8);
    const { store, clock, messenger } = await world('2026-11-23T07:59:00Z');
    const deps = runnerDeps(store, messenger, clock, { jobs: [reminders] });

    await runDueJobs(deps, new Date('2026-11-23T07:59:00Z'));
    await runDueJobs(deps, new Date('2026-11-23T08:00:00Z'));

    expect(reminders.dueTimes).toEqual(['2026-11-20T08:00:00.000Z', '2026-11-23T08:00:00.000Z']);
  });

  it('when the schedule is read in TIMEZONE, then 08:00 in summer is 07:00 UTC', async () => {
    const reminders = recordingJob('reminders', WEEKDAYS_AT_8);
    const { store, clock, messenger } = await world('2026-07-01T07:30:00Z');

    await runDueJobs(runnerDeps(store, messenger, clock, { jobs: [reminders] }), clock.now());

    expect(reminders.dueTimes).toEqual(['2026-07-01T07:00:00.000Z']);
  });

  it('when the bot was down for days, then only the latest missed due time runs, and the headteacher gets one reminder for it', async () => {
    const { store, messenger } = await world('2026-11-23T08:00:30Z');
    await runDueJobs(runnerDeps(store, messenger, fixedClock('2026-11-23T08:00:30Z')), new Date('2026-11-23T08:00:30Z'));

    // Down from Monday after the run until Friday 10:00: Tuesday's to Friday's 08:00 runs were missed.
    const reports = await runDueJobs(runnerDeps(store, messenger, fixedClock('2026-11-27T10:00:00Z')), new Date('2026-11-27T10:00:00Z'));

    expect(statusOf(reports, 'reminders')).toMatchObject({ status: 'done', dueAt: '2026-11-27T08:00:00.000Z' });
    expect((await store.find('jobRuns', tenantId, { job: 'reminders' })).map((r) => r.dueAt)).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-27T08:00:00.000Z']);
    expect(remindersTo(messenger)).toHaveLength(2);
  });

  it('when asked about a time before the job’s last run, then nothing runs and the report names the last run', async () => {
    const reminders = recordingJob('reminders', WEEKDAYS_AT_8);
    const { store, clock, messenger } = await world('2026-11-25T09:00:00Z');
    const deps = runnerDeps(store, messenger, clock, { jobs: [reminders] });
    await runDueJobs(deps, new Date('2026-11-25T09:00:00Z'));

    const [past] = await runDueJobs(deps, new Date('2026-11-24T09:00:00Z'));
    const [again] = await runDueJobs(deps, new Date('2026-11-25T17:00:00Z'));

    expect(past).toEqual({ job: 'reminders', status: 'nothingDue', lastDueAt: '2026-11-25T08:00:00.000Z' });
    expect(again).toEqual({ job: 'reminders', status: 'alreadyRun', dueAt: '2026-11-25T08:00:00.000Z' });
    expect(reminders.dueTimes).toEqual(['2026-11-25T08:00:00.000Z']);
  });

  it('when a job throws, then its run is recorded failed with the kind of error only, and the other jobs still run', async () => {
    const logger = capturingLogger();
    const broken = recordingJob('broken', WEEKDAYS_AT_8, 'every-run', new TypeError('cannot read "Pupil X disclosed abuse"'));
    const quietBroken = recordingJob('quiet-broken', '* * * * *', 'busy-runs', new RangeError('no'));
    const after = recordingJob('after', WEEKDAYS_AT_8);
    const { store, clock, messenger } = await world('2026-11-23T09:00:00Z');

    const reports = await runDueJobs(runnerDeps(store, messenger, clock, { jobs: [broken, quietBroken, after], logger }), clock.now());

    expect(reports.map((r) => [r.job, r.status, r.detail])).toEqual([
      ['broken', 'failed', 'TypeError'],
      ['quiet-broken', 'failed', 'RangeError'],
      ['after', 'done', 'run 1'],
    ]);
    const runs = await store.find('jobRuns', tenantId);
    expect(runs.map((r) => [r.job, r.outcome, r.detail])).toEqual([
      ['broken', 'failed', 'TypeError'],
      ['quiet-broken', 'failed', 'RangeError'],
      ['after', 'done', 'run 1'],
    ]);
    expect(runs.every((r) => r.finishedAt)).toBe(true);
    expect(logger.lines.join('\n')).not.toContain('Pupil X');
    // A failed due time stays claimed: the job's next due time is the one that tries again.
    expect((await runDueJobs(runnerDeps(store, messenger, clock, { jobs: [broken] }), clock.now()))[0]!.status).toBe('alreadyRun');
  });

  it('when a frequent job has nothing to do, then its due time is claimed once but leaves no record', async () => {
    const outbox = recordingJob('minutely', '* * * * *', 'busy-runs');
    const quiet = { ...outbox, run: async (...args: Parameters<typeof outbox.run>) => ({ ...(await outbox.run(...args)), busy: false }) };
    const { store, clock, messenger } = await world('2026-11-23T09:00:10Z');
    const deps = runnerDeps(store, messenger, clock, { jobs: [quiet] });

    const [first] = await runDueJobs(deps, clock.now());
    const [second] = await runDueJobs(deps, clock.now());
    const [nextMinute] = await runDueJobs(deps, new Date('2026-11-23T09:01:00Z'));

    expect([first!.status, second!.status, nextMinute!.status]).toEqual(['done', 'alreadyRun', 'done']);
    expect(outbox.dueTimes).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:01:00.000Z']);
    expect(await store.find('jobRuns', tenantId)).toEqual([]);
  });
});
