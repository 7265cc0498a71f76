import { z } from 'zod/v4';
import { UrnSchema } from '../../domain/school.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** The verbs of `strategy <school>`: the school chosen when several fit, Book the series, the occurrences to move, Move it. */
export const STRATEGY_VERBS = {
  chooseSchool: 'strategy.chooseSchool',
  book: 'strategy.book',
  listOccurrences: 'strategy.occurrences',
  move: 'strategy.move',
} as const;

/** What Book the series sends: the school, the card's id (a double press books once), the slot picked and the optional attendees typed. */
export const StrategyBookDataSchema = z.object({
  urn: UrnSchema,
  formId: z.string().min(1),
  slot: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  optionalEmails: z.string().max(1000).optional(),
});

/**
 * The free slots for a school's strategy meetings (`SlotOffer` from src/app/strategy), to pick the first meeting
 * of the six-weekly series and add optional attendees. Sent back with a problem (`error`), it keeps what was typed.
 */
export const StrategySlotsCardSchema = z
  .object({
    urn: UrnSchema,
    schoolName: z.string().min(1),
    formId: z.string().min(1),
    timeZone: z.string().min(1),
    attendees: z.array(z.object({ email: z.string(), name: z.string().optional(), why: z.string() })),
    missing: z.array(z.string()).default(() => []),
    unknown: z.array(z.string()).default(() => []),
    slots: z.array(z.object({ date: z.string(), time: z.string(), label: z.string() })),
    optionalEmails: z.string().default(''),
    error: z.string().default(''),
  })
  .transform((d) => ({
    title: `Strategy meetings: ${d.schoolName} (${d.urn})`,
    intro: `The first free times in school hours over the next two weeks when everyone below is free (times in ${d.timeZone}). Every six weeks at the school, with a Teams meeting, while it is causing concern.`,
    urn: d.urn,
    formId: d.formId,
    attendees: d.attendees.map((a) => ({ why: a.why, name: a.name ? `${a.name} (${a.email})` : a.email })),
    missing: d.missing.length ? `Nobody is registered as ${d.missing.join(', ')}: they are not invited. An administrator can add them to the registers.` : '',
    unknown: d.unknown.length ? `I could not read the calendars of ${d.unknown.join(', ')}: the times do not account for them.` : '',
    slots: d.slots.map((s) => ({ value: `${s.date}T${s.time}`, label: s.label })),
    firstSlot: d.slots[0] ? `${d.slots[0].date}T${d.slots[0].time}` : '',
    optionalEmails: d.optionalEmails,
    error: d.error,
    bookVerb: STRATEGY_VERBS.book,
  }));
export type StrategySlotsCard = z.input<typeof StrategySlotsCardSchema>;

export function renderStrategySlotsCard(data: StrategySlotsCard): AdaptiveCard {
  return expandCard('strategy-slots', StrategySlotsCardSchema, data);
}
