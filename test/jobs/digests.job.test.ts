import { describe, expect, it } from '@jest/globals';
import { digestComposers } from '../../src/app/digests/composers.js';
import { digestSettingsOf } from '../../src/app/digests/digest-engine-deps.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { loadConfig } from '../../src/config.js';
import { latestDueTime } from '../../src/jobs/due-time.js';
import { scheduledJobs } from '../../src/jobs/registry.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { FakeMessenger } from '../app/delivery/delivery-world.js';
import { runnerDeps, seedUnacknowledgedCheck, tenantId, TIME_ZONE } from './jobs-world.js';

const config = loadConfig({});
const sitJob = scheduledJobs(config, { composers: digestComposers(), settings: digestSettingsOf(config, []) }).find((j) => j.name === 'digest-sit')!;
const DAY = 24 * 60 * 60_000;

/** Runs the SIT digest job alone on `store` at `at`, and returns what it reported. */
async function runAt(store: MemoryStore, at: Date) {
  const clock = fixedClock(at.toISOString());
  const [report] = await runDueJobs(runnerDeps(store, new FakeMessenger(), clock, { jobs: [sitJob] }), at);
  return report!;
}

describe('the digest jobs on a fresh store', () => {
  const firstDue = latestDueTime(sitJob.schedule, TIME_ZONE, new Date('2026-11-24T12:00:00Z'))!;

  it('when the first run in a store comes long after the due time, then nothing is caught up: no digest is composed, held or announced', async () => {
    const store = new MemoryStore(() => new Date(firstDue.getTime() + DAY));
    await seedUnacknowledgedCheck(store);
    const report = await runAt(store, new Date(firstDue.getTime() + DAY));
    expect(report).toMatchObject({ status: 'done', detail: 'not caught up: due before the first run in this store' });
    expect(await store.find('digests', tenantId)).toEqual([]);
  });

  it('when the first run comes at its due time, then the digest is composed (held, with no channel registered)', async () => {
    const at = new Date(firstDue.getTime() + 60_000);
    const store = new MemoryStore(() => at);
    await seedUnacknowledgedCheck(store);
    expect(await runAt(store, at)).toMatchObject({ status: 'done', detail: '0 posted, 0 to retry, 1 held, 0 already posted' });
  });

  it('when the store has run the job before, then a due time missed while the bot was down is caught up', async () => {
    const store = new MemoryStore(() => new Date(firstDue.getTime() + DAY));
    await seedUnacknowledgedCheck(store);
    await runAt(store, new Date(firstDue.getTime() + DAY));
    const nextDue = latestDueTime(sitJob.schedule, TIME_ZONE, new Date(firstDue.getTime() + 30 * DAY))!;
    expect(await runAt(store, new Date(nextDue.getTime() + DAY))).toMatchObject({ status: 'done', detail: '0 posted, 0 to retry, 1 held, 0 already posted' });
  });
});
