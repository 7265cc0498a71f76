import type { IsoDate } from '../../domain/academic-year.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { carriesTags, validateAnswerTags, type AnswerTags } from '../../domain/theme-tags.js';
import { separateConcern } from '../../domain/concern.js';
import { overLimit, TEXT_LIMITS } from '../../domain/text-limits.js';
import { IsoDateSchema, validateAnswers, type AnswerMode, type Answers, type Attendee, type FieldError, type Visit } from '../../domain/visit.js';

/**
 * The agenda card's own inputs, beside one input per agenda item (whose id is the item id). Each holds a
 * dot, which an item id cannot (ItemIdSchema), so the two can never collide.
 */
export const VISIT_INPUT = {
  plannedDate: 'visit.plannedDate',
  visitedDate: 'visit.visitedDate',
  /** One per attendee the template suggests (`attendee.0` is the template's first suggested role). */
  attendee: (index: number) => `visit.attendee.${index}`,
  /** Anyone else, one per line as `role: name`. */
  otherAttendees: 'visit.otherAttendees',
  declinedReason: 'visit.declinedReason',
  /** The theme tags chosen beside an answer that feeds a digest theme (a multi-select: "tag,tag"). */
  tags: (itemId: string) => `visit.tags.${itemId}`,
} as const;

/** Every input value as the card sends it: text by input id. */
export type VisitValues = Record<string, string>;

export interface VisitDetails {
  plannedDate?: string;
  visitedDate?: string;
  attendees: Attendee[];
  /** Theme tags per answer (item id → tags). */
  answerTags: AnswerTags;
}

export interface ReadVisitValues {
  details: VisitDetails;
  answers: Answers;
  /** The confidential concern, split off here so it can never reach the visit. */
  concern?: string;
  errors: FieldError[];
}

const OTHER_ROLE = 'Attendee';

function readDate(values: VisitValues, id: string, label: string, errors: FieldError[]): string | undefined {
  const raw = values[id]?.trim();
  if (!raw) return undefined;
  if (IsoDateSchema.safeParse(raw).success) return raw;
  errors.push({ field: id, message: `Choose the ${label} from the calendar.` });
  return undefined;
}

/** Reads `role: name` lines; a line without a role is an attendee named as written. */
function readOtherAttendees(text: string | undefined): Attendee[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      const role = colon > 0 ? line.slice(0, colon).trim() : '';
      const name = colon > 0 ? line.slice(colon + 1).trim() : line;
      return role && name ? { role, name } : { role: OTHER_ROLE, name: line };
    });
}

/**
 * Reads what the agenda card sent: dates, attendees (the template's suggested roles, then anyone else),
 * the answers checked against the template (`validateAnswers`: a submission needs every required item), the
 * theme tags of each answer that feeds a digest theme (`validateAnswerTags`: on submit, one or more for each
 * such answer) and the confidential concern, kept apart. A submission also needs the day of the visit, not in the
 * future: `today` is asked for only then (reading it formats the clock in the organisation's time zone).
 */
export function readVisitValues(template: Pick<AgendaTemplate, 'items' | 'attendees' | 'themeTags'>, raw: Readonly<Record<string, unknown>>, mode: AnswerMode, today: () => IsoDate): ReadVisitValues {
  const { answers: rest, concern } = separateConcern(raw);
  const values: VisitValues = {};
  const itemValues: Record<string, unknown> = {};
  for (const id of Object.keys(rest)) {
    const value = rest[id];
    if (id.startsWith('visit.')) values[id] = typeof value === 'string' ? value : '';
    else itemValues[id] = value;
  }
  const errors: FieldError[] = [];
  const plannedDate = readDate(values, VISIT_INPUT.plannedDate, 'planned date', errors);
  const visitedDate = readDate(values, VISIT_INPUT.visitedDate, 'date of the visit', errors);
  if (mode === 'submit' && !visitedDate && !errors.some((e) => e.field === VISIT_INPUT.visitedDate)) {
    errors.push({ field: VISIT_INPUT.visitedDate, message: 'Give the date of the visit before submitting it.' });
  }
  if (mode === 'submit' && visitedDate && visitedDate > today()) {
    errors.push({ field: VISIT_INPUT.visitedDate, message: 'The date of the visit is in the future: a visit is submitted once it has taken place.' });
  }
  const suggested = template.attendees.flatMap((role, i) => {
    const name = values[VISIT_INPUT.attendee(i)]?.trim();
    const tooLong = overLimit(`The name of the ${role}`, name, TEXT_LIMITS.attendeeName);
    if (tooLong) errors.push({ field: VISIT_INPUT.attendee(i), message: tooLong });
    return name ? [{ role, name }] : [];
  });
  const others = overLimit('The list of anyone else who attended', values[VISIT_INPUT.otherAttendees], TEXT_LIMITS.otherAttendees);
  if (others) errors.push({ field: VISIT_INPUT.otherAttendees, message: others });
  const attendees = [...suggested, ...readOtherAttendees(values[VISIT_INPUT.otherAttendees])];
  const checked = validateAnswers(template, itemValues, mode);
  // Only the items that carry tags have a tag input to read (validateAnswerTags reads no other).
  const tagValues: Record<string, string | undefined> = {};
  for (const item of template.items) if (carriesTags(item)) tagValues[item.id] = values[VISIT_INPUT.tags(item.id)];
  const tagged = validateAnswerTags(template, tagValues, new Set(Object.keys(checked.answers)), mode, VISIT_INPUT.tags);
  return {
    details: { plannedDate, visitedDate, attendees, answerTags: tagged.tags },
    answers: checked.answers,
    concern,
    errors: [...errors, ...checked.errors, ...tagged.errors, ...answersTogether(checked.answers)],
  };
}

/**
 * The answers of one visit together must fit the school's copy, one Teams card: past the limit, the longest
 * answer is named, as the one to shorten first.
 */
function answersTogether(answers: Readonly<Record<string, string>>): FieldError[] {
  const entries = Object.entries(answers);
  const total = entries.reduce((n, [, a]) => n + a.length, 0);
  if (total <= TEXT_LIMITS.answersTogether) return [];
  const [longest] = entries.reduce((a, b) => (b[1].length > a[1].length ? b : a));
  const n = (x: number) => x.toLocaleString('en-GB');
  return [{ field: longest, message: `The answers together are too long for the school's copy: ${n(total)} characters, and at most ${n(TEXT_LIMITS.answersTogether)} fit. Shorten this one or others; what you typed is still in the boxes.` }];
}

/** A stored visit as card input values, so a resumed draft shows everything typed before. */
export function valuesOf(visit: Pick<Visit, 'plannedDate' | 'visitedDate' | 'attendees' | 'answers' | 'answerTags'>, template: Pick<AgendaTemplate, 'attendees'>): VisitValues {
  const values: VisitValues = { ...visit.answers };
  for (const [itemId, tags] of Object.entries(visit.answerTags)) if (tags.length) values[VISIT_INPUT.tags(itemId)] = tags.join(',');
  if (visit.plannedDate) values[VISIT_INPUT.plannedDate] = visit.plannedDate;
  if (visit.visitedDate) values[VISIT_INPUT.visitedDate] = visit.visitedDate;
  const others = [...visit.attendees];
  template.attendees.forEach((role, i) => {
    const at = others.findIndex((a) => a.role === role);
    if (at >= 0) values[VISIT_INPUT.attendee(i)] = others.splice(at, 1)[0]!.name;
  });
  if (others.length) values[VISIT_INPUT.otherAttendees] = others.map((a) => (a.role === OTHER_ROLE ? a.name : `${a.role}: ${a.name}`)).join('\n');
  return values;
}

/** The values to show again on a card sent back: what was typed, never the confidential concern. */
export function valuesToKeep(raw: Readonly<Record<string, unknown>>): VisitValues {
  const { answers } = separateConcern(raw);
  return Object.fromEntries(Object.entries(answers).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
