import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { latestDueTime } from '../../src/jobs/due-time.js';
import { scheduledJobs } from '../../src/jobs/registry.js';

describe('the scheduled jobs', () => {
  it('when nothing is set, then reminders, first contacts of term and milestone nudges go on weekdays at 08:00, strategy meetings every quarter hour, concern notices hourly and the outbox every minute', () => {
    const due = Object.fromEntries(scheduledJobs(loadConfig({})).map((job) => [job.name, latestDueTime(job.schedule, 'Europe/London', new Date('2026-11-22T12:34:56Z'))?.toISOString()]));
    expect(due).toEqual({
      reminders: '2026-11-20T08:00:00.000Z',
      'first-contact': '2026-11-20T08:00:00.000Z',
      milestones: '2026-11-20T08:00:00.000Z',
      'strategy-meetings': '2026-11-22T12:30:00.000Z',
      'concern-notices': '2026-11-22T12:00:00.000Z',
      outbox: '2026-11-22T12:34:00.000Z',
    });
  });

  it('when REMINDERS_CRON is set, then the reminders follow it', () => {
    const [reminders] = scheduledJobs(loadConfig({ REMINDERS_CRON: '30 7 * * *' }));
    expect(latestDueTime(reminders!.schedule, 'Europe/London', new Date('2026-11-22T12:00:00Z'))?.toISOString()).toBe('2026-11-22T07:30:00.000Z');
  });

  it('when REMINDERS_CRON is not a cron pattern, then start-up stops with one line naming it', () => {
    expect(() => loadConfig({ REMINDERS_CRON: 'weekdays at 8' })).toThrow('Setting REMINDERS_CRON: "weekdays at 8" is not a valid cron pattern (five fields, e.g. "0 7 * * 1").');
  });
});
