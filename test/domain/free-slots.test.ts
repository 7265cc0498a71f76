import { freeSlots, type PersonSchedule } from '../../src/domain/free-slots.js';
import { InvalidInputError } from '../../src/domain/errors.js';

const TZ = 'Europe/London';
const item = (status: 'busy' | 'tentative' | 'oof' | 'workingElsewhere' | 'free', start: string, end: string, timeZone = TZ) => ({
  status,
  start: { dateTime: `${start}:00.0000000`, timeZone },
  end: { dateTime: `${end}:00.0000000`, timeZone },
});
const shown = (slots: ReturnType<typeof freeSlots>['slots']) => slots.map((s) => `${s.date} ${s.time} ${s.start.toISOString().slice(11, 16)}Z-${s.end.toISOString().slice(11, 16)}Z`);

describe('freeSlots: the first free common slots in school hours, across a clock change', () => {
  // Thursday 26 March 2026, 16:00 GMT: after school. Clocks go forward on Sunday 29 March.
  const from = new Date('2026-03-26T16:00:00Z');
  const head: PersonSchedule = {
    scheduleId: 'head@oak.example',
    scheduleItems: [
      item('busy', '2026-03-27T09:00', '2026-03-27T12:00'),
      item('workingElsewhere', '2026-03-27T12:00', '2026-03-27T13:00'),
      item('tentative', '2026-03-27T13:00', '2026-03-27T14:30'),
    ],
  };
  // Busy 08:00–09:00 UTC on Monday 30 March: that is 09:00–10:00 once the clocks have gone forward.
  const officer: PersonSchedule = { scheduleId: 'link@la.example', scheduleItems: [item('busy', '2026-03-30T08:00', '2026-03-30T09:00', 'UTC')] };
  // Only the view, 30-minute intervals from `from`: interval 45 is Friday 14:30–15:00.
  const chair: PersonSchedule = { scheduleId: 'chair@oak.example', availabilityView: `${'0'.repeat(45)}2${'0'.repeat(626)}` };
  const external: PersonSchedule = { scheduleId: 'diocese@church.example', error: 'The user is outside the organisation.' };

  it('when calendars hold busy, tentative and out-of-office blocks, then only times free for all are offered, at the same wall-clock hours either side of the change', () => {
    const { slots, unknown } = freeSlots([head, officer, chair, external], { from, timeZone: TZ, maxSlots: 4 });
    expect(shown(slots)).toEqual([
      '2026-03-27 12:00 12:00Z-13:00Z',
      '2026-03-30 10:00 09:00Z-10:00Z',
      '2026-03-30 10:30 09:30Z-10:30Z',
      '2026-03-30 11:00 10:00Z-11:00Z',
    ]);
    expect(unknown).toEqual(['diocese@church.example']);
  });

  it('when nobody is busy, then slots start at 09:00 on weekdays, none at the weekend, and the last starts an hour before 15:30', () => {
    const { slots } = freeSlots([], { from, timeZone: TZ, maxSlots: 200 });
    const days = [...new Set(slots.map((s) => s.date))];
    expect(days).toEqual(['2026-03-27', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07', '2026-04-08']);
    expect(slots.filter((s) => s.date === '2026-03-27').map((s) => s.time)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30']);
    expect(slots).toHaveLength(9 * 12);
  });

  it('when the window starts mid-morning, then nothing earlier that day is offered', () => {
    const { slots } = freeSlots([], { from: new Date('2026-10-23T09:10:00Z'), timeZone: TZ, maxSlots: 1 });
    expect(shown(slots)).toEqual(['2026-10-23 10:30 09:30Z-10:30Z']);
  });

  it('when clocks go back, then 09:00 is 08:00Z before and 09:00Z after', () => {
    const { slots } = freeSlots([], { from: new Date('2026-10-22T18:00:00Z'), timeZone: TZ, maxSlots: 100, days: 5 });
    expect(shown(slots.filter((s) => s.time === '09:00'))).toEqual(['2026-10-23 09:00 08:00Z-09:00Z', '2026-10-26 09:00 09:00Z-10:00Z']);
  });

  it('when the meeting is longer than school hours allow, then it is refused', () => {
    expect(() => freeSlots([], { from, timeZone: TZ, durationMinutes: 420 })).toThrow(InvalidInputError);
  });
});
