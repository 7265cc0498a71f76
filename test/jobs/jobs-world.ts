import { featureComposers } from '../../src/app/notices/composers.js';
import type { Clock } from '../../src/app/ports/clock.port.js';
import { silentLogger, type Logger } from '../../src/app/ports/logger.port.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { loadConfig } from '../../src/config.js';
import type { Job } from '../../src/jobs/job.js';
import { scheduledJobs } from '../../src/jobs/registry.js';
import type { RunnerDeps } from '../../src/jobs/runner.js';
import { aHeadteacherOf, anOfficer, aSchool, LONDON, TEST_TENANT_ID } from '../support/builders.js';
import type { FakeMessenger } from '../app/delivery/delivery-world.js';

/**
 * A school whose headteacher has left a health check unacknowledged since 10 November 2026, so a reminder is due
 * on every weekday from the 17th; the bot's jobs on their default schedules (reminders weekdays 08:00, London).
 */
export const oakwood = aSchool(0);
export const head = aHeadteacherOf(oakwood, 'Hannah Head');
export const officer = anOfficer('Olivia Officer');
export const tenantId = TEST_TENANT_ID;
export const TIME_ZONE = LONDON;

/** Stores the school, its headteacher, the officer and the unacknowledged health check. */
export async function seedUnacknowledgedCheck(store: Store): Promise<void> {
  await store.transact(
    async (tx) => {
      await tx.insert('schools', tenantId, oakwood);
      await tx.insert('people', tenantId, head);
      await tx.insert('people', tenantId, officer);
      await tx.insert('healthChecks', tenantId, {
        urn: oakwood.urn,
        heldOn: '2026-11-10',
        officerId: officer.id!,
        areas: [{ area: 'safeguarding', rating: 'green', evidence: 'Single central record checked' }],
        headteacherId: head.id,
        status: 'awaitingAcknowledgement',
        submittedAt: '2026-11-10T15:00:00Z',
        notice: 'teams',
      });
    },
    { actor: 'test' },
  );
}

/** What `runDueJobs` runs with, sending through a fake messenger (no mail); the bot's own jobs unless given others. */
export function runnerDeps(store: Store, messenger: FakeMessenger, clock: Clock, options: { jobs?: readonly Job[]; logger?: Logger } = {}): RunnerDeps {
  return {
    store,
    messenger,
    clock,
    logger: options.logger ?? silentLogger,
    tenantId,
    timeZone: TIME_ZONE,
    composers: featureComposers(),
    jobs: options.jobs ?? scheduledJobs(loadConfig({})),
  };
}

/** Reminders the headteacher received. */
export const remindersTo = (messenger: FakeMessenger, email = head.email) =>
  messenger.toPeople.filter((m) => m.to.email === email && /waiting for your acknowledgement/.test(m.message.text ?? ''));

/** A logger that keeps every line as pino would write it, to check what reaches the log. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg?: string) => void lines.push(JSON.stringify({ level, ...obj, msg }));
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A job on a schedule that records the due times it was run for, and fails when told to. */
export function recordingJob(name: string, schedule: string, history: Job['history'] = 'every-run', fail?: Error): Job & { dueTimes: string[] } {
  const dueTimes: string[] = [];
  return {
    name,
    schedule,
    history,
    dueTimes,
    async run(_deps, dueAt) {
      dueTimes.push(dueAt.toISOString());
      if (fail) throw fail;
      return { detail: `run ${dueTimes.length}`, busy: true };
    },
  };
}
