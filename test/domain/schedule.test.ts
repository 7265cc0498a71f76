import { latestWeeklyDue, WeeklyScheduleSchema } from '../../src/domain/schedule.js';
import { loadConfig } from '../../src/config.js';

const fortnightly = WeeklyScheduleSchema.parse('every 2 weeks on Monday at 08:00 from 2026-09-07');
const due = (at: string) => latestWeeklyDue(fortnightly, 'Europe/London', new Date(at))?.toISOString();

describe('a weekly schedule ("every 2 weeks on Monday at 08:00 from 2026-09-07")', () => {
  it('when read, then it says every other Monday at 08:00 from that date', () => {
    expect(fortnightly).toEqual({ weeks: 2, weekday: 1, time: '08:00', from: '2026-09-07' });
    expect(WeeklyScheduleSchema.parse('every week on fri at 7:30 from 2026-09-01')).toEqual({ weeks: 1, weekday: 5, time: '07:30', from: '2026-09-01' });
  });

  it.each([
    ['2026-09-07T06:59:00Z', undefined],
    ['2026-09-07T07:00:00Z', '2026-09-07T07:00:00.000Z'],
    ['2026-09-14T09:00:00Z', '2026-09-07T07:00:00.000Z'],
    ['2026-09-21T07:00:00Z', '2026-09-21T07:00:00.000Z'],
    // After the clocks go back, 08:00 in London is 08:00 UTC.
    ['2026-11-16T07:59:00Z', '2026-11-02T08:00:00.000Z'],
    ['2026-11-16T08:00:00Z', '2026-11-16T08:00:00.000Z'],
  ])('when it is %s, then the latest due time is %s', (at, expected) => {
    expect(due(at)).toBe(expected);
  });

  it('when SIT_DIGEST_SCHEDULE is set, then it wins over SIT_DIGEST_CRON; a cron pattern there is taken too', () => {
    expect(loadConfig({ SIT_DIGEST_SCHEDULE: 'every 2 weeks on Monday at 08:00 from 2026-09-07' }).schedules.sitDigest).toEqual(fortnightly);
    expect(loadConfig({ SIT_DIGEST_SCHEDULE: '0 8 * * 1' }).schedules.sitDigest).toBe('0 8 * * 1');
  });
});
