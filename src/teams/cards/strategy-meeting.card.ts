import { z } from 'zod/v4';
import { url } from '../../domain/record.js';
import { UrnSchema } from '../../domain/school.js';
import { STRATEGY_VERBS } from './strategy-slots.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** What Move one meeting and Move it send: the series, and for Move it the occurrence picked with its new date and time. */
export const StrategyMeetingActionDataSchema = z.object({
  meetingId: z.string().min(1),
  occurrenceId: z.string().optional(),
  newDate: z.string().optional(),
  newTime: z.string().optional(),
});

const STATUS = {
  booked: { line: 'Booked in the calendars', colour: 'Good' },
  pending: { line: 'Not booked yet: I will keep trying', colour: 'Warning' },
  ended: { line: 'Ended: the school is no longer causing concern', colour: 'Default' },
} as const;

/**
 * A school's strategy meeting series (`StrategyMeetingView` from src/app/strategy): when and where, the Teams link,
 * who is invited; for its organiser or the school's link officer, moving one meeting (the next ones listed on request).
 */
export const StrategyMeetingCardSchema = z
  .object({
    meetingId: z.string().min(1),
    urn: UrnSchema,
    schoolName: z.string().min(1),
    status: z.enum(['pending', 'booked', 'ended']),
    firstMeeting: z.string().min(1),
    nextMeeting: z.string().optional(),
    intervalWeeks: z.number().int().positive(),
    place: z.string().min(1),
    joinUrl: url(z.string()).optional(),
    attendees: z.array(z.object({ name: z.string(), why: z.string(), required: z.boolean() })),
    note: z.string().optional(),
    error: z.string().default(''),
    upcoming: z.array(z.object({ id: z.string().min(1), label: z.string().min(1) })).default(() => []),
  })
  .transform((d) => ({
    title: `Strategy meetings: ${d.schoolName} (${d.urn})`,
    statusLine: STATUS[d.status].line,
    statusColour: STATUS[d.status].colour,
    note: d.note ?? '',
    error: d.error,
    firstMeeting: d.firstMeeting,
    nextMeeting: d.nextMeeting ?? 'None',
    repeats: `Every ${d.intervalWeeks} weeks while the school is causing concern`,
    place: d.place,
    joinLine: d.joinUrl ? 'Teams meeting: use the Join button' : d.status === 'pending' ? 'Made when the series is booked' : 'No link',
    joinUrl: d.joinUrl ?? '',
    attendees: d.attendees.map((a) => ({ name: a.name, why: a.required ? a.why : `${a.why} (optional)` })),
    meetingId: d.meetingId,
    canMove: d.status === 'booked',
    upcoming: d.upcoming,
    listVerb: STRATEGY_VERBS.listOccurrences,
    moveVerb: STRATEGY_VERBS.move,
  }));
export type StrategyMeetingCard = z.input<typeof StrategyMeetingCardSchema>;

export function renderStrategyMeetingCard(data: StrategyMeetingCard): AdaptiveCard {
  return expandCard('strategy-meeting', StrategyMeetingCardSchema, data);
}
