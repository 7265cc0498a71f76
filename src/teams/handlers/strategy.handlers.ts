import { randomUUID } from 'node:crypto';
import { bookStrategyMeeting } from '../../app/strategy/book-meeting.js';
import { progressRecorders } from '../../app/strategy/meeting-progress.js';
import { moveOccurrence, upcomingOccurrences } from '../../app/strategy/move-occurrence.js';
import { offerStrategySlots } from '../../app/strategy/offer-slots.js';
import { schoolByUrn, type StrategyDeps } from '../../app/strategy/strategy-deps.js';
import { findSchool } from '../../app/schools/find-school.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { OFFICER_ROLES, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { parseCardData } from '../card-data.js';
import { MEETING_PROGRESS_VERBS, MeetingProgressDataSchema, renderMeetingProgressCard } from '../cards/meeting-progress.card.js';
import { SchoolChoiceDataSchema, schoolLookupReply } from '../cards/school-choice.card.js';
import { renderStrategyMeetingCard, StrategyMeetingActionDataSchema } from '../cards/strategy-meeting.card.js';
import { renderStrategySlotsCard, STRATEGY_VERBS, StrategyBookDataSchema } from '../cards/strategy-slots.card.js';
import type { AdaptiveCard } from '../cards/template.js';
import type { BotDeps } from '../deps.js';
import type { CardAction, Command } from '../handler.js';
import { deliveryDepsOf } from '../notice-note.js';

const strategyDeps = (deps: BotDeps): StrategyDeps => ({ ...deliveryDepsOf(deps), calendar: deps.calendar });

/** The free slots for the school, or its series when it already has one. */
async function slotsOrSeries(deps: BotDeps, person: Person, school: School): Promise<{ text: string; card: AdaptiveCard }> {
  const answer = await offerStrategySlots(strategyDeps(deps), deps.tenantId, person, school);
  if ('existing' in answer) return { text: `Strategy meetings for ${school.name}.`, card: renderStrategyMeetingCard(answer.existing) };
  return {
    text: `Free times for a strategy meeting with ${school.name}.`,
    card: renderStrategySlotsCard({ ...answer.offer, formId: randomUUID(), timeZone: deps.timeZone.name }),
  };
}

/**
 * `strategy <school>`: an officer books the six-weekly strategy meetings of a school causing concern, from the
 * free slots of the required attendees. In the 1:1 chat (the card names the school's people).
 */
export const strategyCommand: Command = {
  name: 'strategy',
  usage: 'strategy ‹school name or URN›',
  example: 'strategy ‹school›',
  roles: OFFICER_ROLES,
  privacy: 'namesSchools',
  summary: "Book a school's six-weekly strategy meetings (at the school, with Teams) when everyone is free; see or move them.",
  async handler({ deps, person, args, reply }) {
    const lookup = await findSchool(deps.store, deps.tenantId, args, person);
    if (lookup.kind !== 'found') return reply(schoolLookupReply(lookup, STRATEGY_VERBS.chooseSchool));
    await reply(await slotsOrSeries(deps, person, lookup.school));
  },
};

/** The school picked, Book the series, Move one meeting (the next ones listed), Move it, and Record progress. */
export const strategyCardActions: CardAction[] = [
  {
    verb: STRATEGY_VERBS.chooseSchool,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      return (await slotsOrSeries(deps, person, await schoolByUrn(deps.store, deps.tenantId, parseCardData(SchoolChoiceDataSchema, data).school))).card;
    },
  },
  {
    verb: STRATEGY_VERBS.book,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { urn, formId, slot, optionalEmails } = parseCardData(StrategyBookDataSchema, data);
      const school = await schoolByUrn(deps.store, deps.tenantId, urn);
      const [date, time] = slot.split('T') as [string, string];
      try {
        return renderStrategyMeetingCard(await bookStrategyMeeting(strategyDeps(deps), deps.tenantId, person, school, { date, time, optionalEmails, formId }));
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        // A typo in the optional e-mails: the card comes back with what was typed, nothing booked.
        const offer = await offerStrategySlots(strategyDeps(deps), deps.tenantId, person, school);
        if ('existing' in offer) return renderStrategyMeetingCard(offer.existing);
        return renderStrategySlotsCard({ ...offer.offer, formId, timeZone: deps.timeZone.name, optionalEmails: optionalEmails ?? '', error: err.message });
      }
    },
  },
  {
    verb: STRATEGY_VERBS.listOccurrences,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { meetingId } = parseCardData(StrategyMeetingActionDataSchema, data);
      return renderStrategyMeetingCard(await upcomingOccurrences(strategyDeps(deps), deps.tenantId, person, meetingId));
    },
  },
  {
    verb: STRATEGY_VERBS.move,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { meetingId, occurrenceId, newDate, newTime } = parseCardData(StrategyMeetingActionDataSchema, data);
      const move = { occurrenceId: occurrenceId ?? '', date: newDate ?? '', time: (newTime ?? '').slice(0, 5) };
      if (!move.occurrenceId) throw new InvalidInputError('Pick the meeting to move.', 'occurrenceId');
      return renderStrategyMeetingCard(await moveOccurrence(strategyDeps(deps), deps.tenantId, person, meetingId, move));
    },
  },
  {
    verb: MEETING_PROGRESS_VERBS.record,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { meetingKind, meetingId, on, successes, barriers, nextSteps, rag } = parseCardData(MeetingProgressDataSchema, data);
      const record = progressRecorders[meetingKind];
      if (!record) throw new NotFoundError('The kind of meeting', meetingKind);
      return renderMeetingProgressCard(await record(deliveryDepsOf(deps), deps.tenantId, person, meetingId, on, { successes, barriers, nextSteps, rag }));
    },
  },
];
