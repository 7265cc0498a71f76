import { localDate } from '../../domain/academic-year.js';
import { DeliveryError } from '../../domain/errors.js';
import { CalendarEventGoneError } from '../ports/calendar.port.js';
import { meetingZone, type StrategyDeps } from './strategy-deps.js';

/**
 * Ends the series of every school no longer causing concern: later occurrences leave every attendee's calendar
 * (the series ends today; today's meeting and those held stay), and the record is marked ended. A series never
 * booked is simply ended. A calendar that fails now leaves the series as it is, for the next run.
 */
export async function endSeriesOfSchoolsOffTheList(deps: StrategyDeps, tenantId: string): Promise<{ ended: number; failed: number }> {
  const meetings = (await deps.store.find('strategyMeetings', tenantId)).filter((m) => m.status !== 'ended');
  const report = { ended: 0, failed: 0 };
  for (const meeting of meetings) {
    const [school] = await deps.store.find('schools', tenantId, { urn: meeting.schoolUrn });
    if (school?.causingConcern) continue;
    const today = localDate(deps.clock.now(), meetingZone(meeting, deps.timeZone));
    if (meeting.status === 'booked' && meeting.graphEventId) {
      if (!deps.calendar) continue;
      try {
        await deps.calendar.endSeries(meeting.organiserEmail, meeting.graphEventId, {
          lastDate: today,
          comment: `${school?.name ?? 'The school'} is no longer causing concern: its strategy meetings end here.`,
        });
      } catch (error) {
        // Gone already (deleted in Outlook): nothing is left to end in the calendar.
        if (!(error instanceof DeliveryError)) throw error;
        if (!(error instanceof CalendarEventGoneError)) {
          report.failed += 1;
          deps.logger.warn({ meetingId: meeting.id, code: error.code }, 'strategy meeting series not ended yet');
          continue;
        }
      }
    }
    await deps.store.transact((tx) => tx.update('strategyMeetings', tenantId, meeting.id, 'any', { status: 'ended', endedOn: today }, { action: 'strategyMeeting.ended' }), { actor: 'system' });
    report.ended += 1;
  }
  return report;
}
