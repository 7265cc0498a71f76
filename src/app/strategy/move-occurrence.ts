import { InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { mayManageMeeting, type StrategyMeeting } from '../../domain/strategy-meeting.js';
import { instantOf } from '../../domain/zoned-time.js';
import { calendarOf, humanDateTime, meetingById, meetingView, meetingZone, schoolByUrn, type StrategyDeps, type StrategyMeetingView } from './strategy-deps.js';

/** How many of the next occurrences the move card lists. */
const LISTED = 4;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

async function manageable(deps: StrategyDeps, tenantId: string, actor: Person, meetingId: string) {
  const meeting = await meetingById(deps.store, tenantId, meetingId);
  const school = await schoolByUrn(deps.store, tenantId, meeting.schoolUrn);
  if (!mayManageMeeting(actor, meeting, school)) throw new NotAllowedError(`Only the officer who booked the strategy meetings for ${school.name}, or its link officer, can change them.`);
  if (meeting.status !== 'booked' || !meeting.graphEventId) throw new NotAllowedError(`The strategy meetings for ${school.name} are not in the calendar (${meeting.status === 'ended' ? 'the series has ended' : 'the booking is still waiting'}).`);
  return { meeting: meeting as StrategyMeeting & { graphEventId: string }, school };
}

/** The next occurrences of a booked series, read from the calendar, for the officer to pick the one to move. */
export async function upcomingOccurrences(deps: StrategyDeps, tenantId: string, actor: Person, meetingId: string): Promise<StrategyMeetingView & { upcoming: Array<{ id: string; label: string }> }> {
  const { meeting, school } = await manageable(deps, tenantId, actor, meetingId);
  const now = deps.clock.now();
  const list = await calendarOf(deps).occurrences(meeting.organiserEmail, meeting.graphEventId, {
    from: now,
    to: new Date(now.getTime() + (LISTED + 1) * meeting.intervalWeeks * 7 * 86_400_000),
    timeZone: meetingZone(meeting, deps.timeZone),
  });
  const upcoming = list
    .filter((o) => !o.cancelled)
    .slice(0, LISTED)
    .map((o) => ({ id: o.id, label: humanDateTime(o.date, o.time) }));
  return { ...meetingView(meeting, school.name, now, deps.timeZone), upcoming };
}

/** Moves one occurrence to a new date and time (the rest of the series stays), and notes the move on the record. */
export async function moveOccurrence(
  deps: StrategyDeps,
  tenantId: string,
  actor: Person,
  meetingId: string,
  move: { occurrenceId: string; date: string; time: string },
): Promise<StrategyMeetingView> {
  if (!DATE.test(move.date) || !TIME.test(move.time)) throw new InvalidInputError('Give the new date and time of the meeting.', 'newDate');
  const { meeting, school } = await manageable(deps, tenantId, actor, meetingId);
  const now = deps.clock.now();
  const zone = meetingZone(meeting, deps.timeZone);
  if (instantOf(move.date, move.time, zone) <= now) throw new InvalidInputError('A meeting can only be moved to a time still to come.', 'newDate');
  const calendar = calendarOf(deps);
  const before = (await calendar.occurrences(meeting.organiserEmail, meeting.graphEventId, { from: now, to: new Date(now.getTime() + 400 * 86_400_000), timeZone: zone })).find(
    (o) => o.id === move.occurrenceId,
  );
  if (!before) throw new InvalidInputError('That meeting is no longer in the series: open the list again.', 'occurrenceId');
  await calendar.moveOccurrence(meeting.organiserEmail, move.occurrenceId, { date: move.date, time: move.time, durationMinutes: meeting.durationMinutes, timeZone: zone });
  const earlier = meeting.moved.find((m) => m.occurrenceId === move.occurrenceId);
  const originalDate = earlier?.originalDate ?? before.date;
  const moved = [
    ...meeting.moved.filter((m) => m.occurrenceId !== move.occurrenceId),
    { occurrenceId: move.occurrenceId, originalDate, date: move.date, time: move.time, movedBy: actor.id, movedAt: now.toISOString() },
  ];
  const { value } = await deps.store.transact((tx) => tx.update('strategyMeetings', tenantId, meeting.id, 'any', { moved }, { action: 'strategyMeeting.moved' }), { actor: actor.id });
  return meetingView(value, school.name, now, deps.timeZone, `The meeting of ${humanDateTime(before.date, before.time)} is moved to ${humanDateTime(move.date, move.time)}; the attendees have the update.`);
}

