import { randomUUID } from 'node:crypto';
import { DeliveryError, InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import {
  meetingLocation,
  requiredAttendees,
  STRATEGY_MEETING_INTERVAL_WEEKS,
  withOptionalAttendees,
  type StrategyMeeting,
} from '../../domain/strategy-meeting.js';
import { instantOf } from '../../domain/zoned-time.js';
import { deliver } from '../delivery/deliver.js';
import { checkMayBook } from './offer-slots.js';
import { activeMeetingOf, meetingById, meetingView, meetingZone, type StrategyDeps, type StrategyMeetingView } from './strategy-deps.js';

export const STRATEGY_MEETING_MINUTES = 60;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export interface BookingRequest {
  date: string;
  time: string;
  /** Optional attendees' e-mails as typed (comma, semicolon or space between them). */
  optionalEmails?: string;
  /** The card's own id: a double press books once. */
  formId: string;
}

/** The optional attendees typed on the card; a typo is refused naming it, before anything is booked. */
export function parseOptionalEmails(typed: string | undefined): string[] {
  const emails = (typed ?? '').split(/[\s,;]+/).filter(Boolean);
  const bad = emails.find((e) => !EMAIL.test(e));
  if (bad) throw new InvalidInputError(`"${bad}" is not an e-mail address: type the optional attendees' addresses, separated by commas.`, 'optionalEmails');
  return emails;
}

/**
 * Books one pending series in the calendar, with its transactionId, so a retried create returns the series already
 * made. Booked, the record gets the series id and the join link; if the calendar fails (after its own retries) the
 * record stays pending for the strategy-meetings job, and the returned sentence says so (naming the permission
 * when the app was refused).
 */
export async function tryBooking(deps: StrategyDeps, tenantId: string, meeting: StrategyMeeting, schoolName: string): Promise<{ meeting: StrategyMeeting; note?: string }> {
  if (meeting.status !== 'pending' || !deps.calendar) return { meeting };
  try {
    const booked = await deps.calendar.createSeries({
      organiser: meeting.organiserEmail,
      subject: `Strategy meeting: ${schoolName}`,
      body: `Strategy meeting for ${schoolName}, every ${meeting.intervalWeeks} weeks while the school is causing concern: progress against the action plan's priorities.`,
      start: meeting.seriesStart,
      durationMinutes: meeting.durationMinutes,
      timeZone: meetingZone(meeting, deps.timeZone),
      intervalWeeks: meeting.intervalWeeks,
      location: meeting.location,
      attendees: meeting.attendees,
      transactionId: meeting.transactionId,
    });
    const patch = { status: 'booked' as const, graphEventId: booked.seriesId, ...(booked.joinUrl ? { joinUrl: booked.joinUrl } : {}) };
    const { value } = await deps.store.transact((tx) => tx.update('strategyMeetings', tenantId, meeting.id, 'any', patch, { action: 'strategyMeeting.booked' }), { actor: 'system' });
    return { meeting: value };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.logger.warn({ meetingId: meeting.id, code: error.code, retryable: error.retryable }, 'strategy meeting not booked yet');
    const note = error.retryable
      ? `The calendar could not be reached just now (${error.message}). The booking is kept and I will try again, then send you the confirmation.`
      : `${error.message} The booking is kept and will be made once that is fixed.`;
    return { meeting, note };
  }
}

/**
 * The officer picks a slot: the series is kept (pending) with its attendees, its place and a transactionId, then
 * booked in the organiser's calendar. One series per school: a second booking shows the first.
 */
export async function bookStrategyMeeting(deps: StrategyDeps, tenantId: string, actor: Person, school: School, request: BookingRequest): Promise<StrategyMeetingView> {
  checkMayBook(actor, school);
  if (instantOf(request.date, request.time, deps.timeZone) < deps.clock.now()) throw new InvalidInputError('That time has passed: pick another.', 'slot');
  const optional = parseOptionalEmails(request.optionalEmails);
  const { attendees } = requiredAttendees(school, await deps.store.find('people', tenantId));
  const all = withOptionalAttendees(attendees, optional.map((email) => ({ email, why: `Invited by ${actor.name}` })));
  const { value: meetingId } = await deps.store.transact(
    async (tx) => {
      const active = await activeMeetingOf(tx, tenantId, school.urn);
      if (active) return active.id;
      const created = await tx.insert(
        'strategyMeetings',
        tenantId,
        {
          schoolUrn: school.urn,
          organiserId: actor.id,
          organiserEmail: actor.email,
          attendees: all,
          location: meetingLocation(school),
          seriesStart: { date: request.date, time: request.time },
          durationMinutes: STRATEGY_MEETING_MINUTES,
          timeZone: deps.timeZone.name,
          intervalWeeks: STRATEGY_MEETING_INTERVAL_WEEKS,
          transactionId: `strategy-${randomUUID()}`,
          status: 'pending',
          moved: [],
          progress: [],
        },
        { action: 'strategyMeeting.requested' },
      );
      return created.id;
    },
    { actor: actor.id, idempotencyKey: `strategy.book:${actor.id}:${request.formId}`, serializable: true },
  );
  const { meeting, note } = await tryBooking(deps, tenantId, await meetingById(deps.store, tenantId, meetingId), school.name);
  const fallback = meeting.status === 'booked' ? 'Booked in your calendar; the invitations have gone to every attendee.' : undefined;
  return meetingView(meeting, school.name, deps.clock.now(), deps.timeZone, note ?? fallback);
}

/**
 * The outbox of bookings: every series still pending is tried again (the same transactionId, so never booked
 * twice), and its organiser is sent the confirmation once it is in the calendar.
 */
export async function bookPendingMeetings(deps: StrategyDeps, tenantId: string): Promise<{ pending: number; booked: number }> {
  const pending = await deps.store.find('strategyMeetings', tenantId, { status: 'pending' });
  let booked = 0;
  for (const waiting of pending) {
    const [school] = await deps.store.find('schools', tenantId, { urn: waiting.schoolUrn });
    if (!school?.causingConcern) continue;
    const { meeting } = await tryBooking(deps, tenantId, waiting, school.name);
    if (meeting.status !== 'booked') continue;
    booked += 1;
    const view = meetingView(meeting, school.name, deps.clock.now(), deps.timeZone, 'Booked in your calendar now; the invitations have gone to every attendee.');
    await deliver(deps, {
      tenantId,
      to: { person: meeting.organiserId },
      content: { kind: 'message', message: { text: `Strategy meeting series for ${school.name} booked.`, card: { name: 'strategy-meeting', data: view } } },
      about: `the strategy meeting series for ${school.name}`,
      idempotencyKey: `strategy.booked:${meeting.id}`,
    });
  }
  return { pending: pending.length, booked };
}
