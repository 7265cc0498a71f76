import { bookPendingMeetings } from '../app/strategy/book-meeting.js';
import { endSeriesOfSchoolsOffTheList } from '../app/strategy/end-series.js';
import { sendProgressCards } from '../app/strategy/meeting-progress.js';
import type { Job } from './job.js';

/** Every quarter of an hour: soon enough for a booking kept after a failure, and for the progress card after a meeting. */
export const STRATEGY_MEETINGS_SCHEDULE = '*/15 * * * *';

/**
 * Strategy meetings kept in step with the calendar: books the series still pending (same transactionId, so never
 * twice), ends the series of schools that have left the list of schools causing concern, and sends the progress
 * card after each meeting has ended (once per meeting).
 */
export const strategyMeetingsJob: Job = {
  name: 'strategy-meetings',
  schedule: STRATEGY_MEETINGS_SCHEDULE,
  history: 'busy-runs',
  async run(deps) {
    const booking = await bookPendingMeetings(deps, deps.tenantId);
    const ending = await endSeriesOfSchoolsOffTheList(deps, deps.tenantId);
    const progress = await sendProgressCards(deps, deps.tenantId);
    const failed = ending.failed + booking.pending - booking.booked;
    return {
      detail: `${booking.booked} of ${booking.pending} pending booked, ${ending.ended} ended, ${progress.sent} progress cards sent, ${failed} waiting for the calendar`,
      busy: booking.pending + ending.ended + ending.failed + progress.sent > 0,
    };
  },
};
