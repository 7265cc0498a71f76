import { z } from 'zod/v4';
import { instant, storedRecord, url } from './record.js';
import { IsoDateSchema } from './iso-date.js';
import { RagSchema } from './rag.js';
import { addDays, daysBetween, type IsoDate } from './academic-year.js';
import { hasRole, isOfficer, type Person } from './person.js';
import { isChurchSchool, UrnSchema, type School } from './school.js';
import { headteacherOf, linkOfficerOf } from './school-roles.js';

/**
 * Strategy meetings (Rutland plan §4.5–4.6): while a school causes concern, a meeting about every six weeks at the
 * school, booked as one calendar series with a Teams meeting, to monitor and record progress towards its
 * priorities. The school sends the headteacher (with senior staff as it chooses) and the chair of governors; the
 * local authority the link officer and the head of service, with other officers as needed (an early-years
 * adviser, a SEN officer); the diocese is invited for a church school.
 */

/** Six weeks: the series recurs weekly with interval 6. */
export const STRATEGY_MEETING_INTERVAL_WEEKS = 6;

export const AttendeeRoleSchema = z.enum(['headteacher', 'chairOfGovernors', 'linkOfficer', 'headOfService', 'diocese', 'other']);
export type AttendeeRole = z.infer<typeof AttendeeRoleSchema>;

export const AttendeeSchema = z.object({
  email: z.string().email().transform((e) => e.toLowerCase()),
  name: z.string().max(200).optional(),
  role: AttendeeRoleSchema,
  /** Required attendees must come (and their calendars decide the slot); optional ones are invited. */
  required: z.boolean(),
  /** Why they are invited, in users' words, shown on the booking card. */
  why: z.string().min(1).max(200),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

/** Where the meeting is held: the school, by name and postal address (as Graph's location takes it). */
export const MeetingLocationSchema = z.object({
  displayName: z.string().min(1).max(300),
  address: z
    .object({
      street: z.string().max(300).optional(),
      city: z.string().max(200).optional(),
      state: z.string().max(200).optional(),
      postalCode: z.string().max(20).optional(),
      countryOrRegion: z.string().max(100).optional(),
    })
    .optional(),
});
export type MeetingLocation = z.infer<typeof MeetingLocationSchema>;

/** Free text typed at a meeting, shown to others as plain text. */
export const PROGRESS_TEXT_MAX = 2000;
const progressText = z.string().trim().max(PROGRESS_TEXT_MAX);
const at = instant();
/** HH:MM. */
const wallTime = z.string().regex(/^\d{2}:\d{2}$/, 'a time as HH:MM');

/** Progress against the plan's priorities, as recorded after a meeting. */
const progressShape = { on: IsoDateSchema, successes: progressText, barriers: progressText, nextSteps: progressText, rag: RagSchema };

/** What an officer records after a meeting: any of successes, barriers and next steps (at least one), and a RAG. */
export const ProgressInputSchema = z
  .object(progressShape)
  .partial({ successes: true, barriers: true, nextSteps: true })
  .refine((p) => !!(p.successes || p.barriers || p.nextSteps), { path: ['successes'], message: 'Record at least one success, barrier or next step' });
export type ProgressInput = z.input<typeof ProgressInputSchema>;

export const ProgressRecordSchema = z.object({ ...progressShape, recordedBy: z.string().min(1), recordedAt: at });
export type ProgressRecord = z.infer<typeof ProgressRecordSchema>;

/** One occurrence moved from its place in the series. */
export const MovedOccurrenceSchema = z.object({
  /** Graph's id of the occurrence. */
  occurrenceId: z.string().min(1),
  /** The date the series put it on. */
  originalDate: IsoDateSchema,
  date: IsoDateSchema,
  time: wallTime,
  movedBy: z.string().min(1),
  movedAt: at,
});
export type MovedOccurrence = z.infer<typeof MovedOccurrenceSchema>;

/** `pending`: kept to be booked (Graph failed for now); `booked`: the series is in the calendars; `ended`: no occurrence after `endedOn`. */
export const StrategyMeetingStatusSchema = z.enum(['pending', 'booked', 'ended']);
export type StrategyMeetingStatus = z.infer<typeof StrategyMeetingStatusSchema>;

export const StrategyMeetingSchema = storedRecord({
  schoolUrn: UrnSchema,
  /** The officer who booked it; the series is on their calendar. */
  organiserId: z.string().min(1),
  organiserEmail: z.string().email().transform((e) => e.toLowerCase()),
  attendees: z.array(AttendeeSchema).min(1),
  location: MeetingLocationSchema,
  /** The first occurrence, as a wall-clock date and time in `timeZone`. */
  seriesStart: z.object({ date: IsoDateSchema, time: wallTime }),
  durationMinutes: z.number().int().min(15).max(480),
  timeZone: z.string().min(1),
  intervalWeeks: z.number().int().min(1).max(52).default(STRATEGY_MEETING_INTERVAL_WEEKS),
  /** Graph's id of the series master, once booked. */
  graphEventId: z.string().min(1).optional(),
  joinUrl: url(z.string()).optional(),
  /** Sent with the create, so that a retried booking never makes a second series. */
  transactionId: z.string().min(1).max(100),
  status: StrategyMeetingStatusSchema,
  /** The last day the series may have an occurrence on, once ended. */
  endedOn: IsoDateSchema.optional(),
  moved: z.array(MovedOccurrenceSchema).default(() => []),
  progress: z.array(ProgressRecordSchema).default(() => []),
});
export type StrategyMeeting = z.infer<typeof StrategyMeetingSchema>;

type Contact = Pick<Person, 'email' | 'name' | 'roles' | 'schools'>;
type AttendeeSchool = Pick<School, 'urn' | 'headteacherEmail' | 'headteacherName' | 'chairOfGovernorsEmail' | 'linkOfficerEmail' | 'religiousCharacter' | 'dioceseContactEmail'>;

export interface RequiredAttendees {
  attendees: Attendee[];
  /** Roles the meeting should have but nobody is known for: the officer is told, and an administrator can add them. */
  missing: AttendeeRole[];
}

/**
 * The required attendees (Rutland plan §4.6): the headteacher, the chair of governors, the link officer and the head
 * of service; the diocese contact only for a church school (one with a religious character) that has one. Each
 * appears once, even when one person holds two roles.
 */
export function requiredAttendees(school: AttendeeSchool, people: readonly Contact[]): RequiredAttendees {
  const named = (email: string | undefined) => (email ? people.find((p) => p.email === email) : undefined);
  const head = headteacherOf(school, people);
  const link = linkOfficerOf(school, people);
  const candidates: Array<[AttendeeRole, { email: string; name?: string } | undefined, string]> = [
    ['headteacher', head ?? (school.headteacherEmail ? { email: school.headteacherEmail, name: school.headteacherName } : undefined), 'Headteacher'],
    ['chairOfGovernors', school.chairOfGovernorsEmail ? (named(school.chairOfGovernorsEmail) ?? { email: school.chairOfGovernorsEmail }) : undefined, 'Chair of governors'],
    ['linkOfficer', link ?? (school.linkOfficerEmail ? { email: school.linkOfficerEmail } : undefined), 'Link officer'],
  ];
  const heads = people.filter((p) => hasRole(p, 'headOfService'));
  for (const h of heads) candidates.push(['headOfService', h, 'Head of service']);
  if (!heads.length) candidates.push(['headOfService', undefined, 'Head of service']);
  if (isChurchSchool(school)) candidates.push(['diocese', school.dioceseContactEmail ? (named(school.dioceseContactEmail) ?? { email: school.dioceseContactEmail }) : undefined, 'Diocese (church school)']);

  const attendees: Attendee[] = [];
  const missing: AttendeeRole[] = [];
  for (const [role, who, why] of candidates) {
    if (!who) {
      missing.push(role);
      continue;
    }
    const email = who.email.toLowerCase();
    const already = attendees.find((a) => a.email === email);
    if (already) already.why = `${already.why}; ${why}`.slice(0, 200);
    else attendees.push({ email, ...(who.name ? { name: who.name } : {}), role, required: true, why });
  }
  return { attendees, missing };
}

/** Adds optional attendees (an early-years adviser, a SEN officer): anyone already invited keeps their place. */
export function withOptionalAttendees(required: readonly Attendee[], optional: ReadonlyArray<{ email: string; name?: string; why: string }>): Attendee[] {
  const out = [...required];
  for (const o of optional) {
    const email = o.email.toLowerCase();
    if (!out.some((a) => a.email === email)) out.push({ email, ...(o.name ? { name: o.name } : {}), role: 'other', required: false, why: o.why });
  }
  return out;
}

/** The meeting is held at the school: its name and GIAS address. */
export function meetingLocation(school: Pick<School, 'name' | 'address'>): MeetingLocation {
  const a = school.address;
  const street = [a?.street, a?.locality, a?.address3].filter(Boolean).join(', ');
  const address = {
    ...(street ? { street } : {}),
    ...(a?.town ? { city: a.town } : {}),
    ...(a?.county ? { state: a.county } : {}),
    ...(a?.postcode ? { postalCode: a.postcode } : {}),
  };
  return Object.keys(address).length ? { displayName: school.name, address: { ...address, countryOrRegion: 'United Kingdom' } } : { displayName: school.name };
}

type Series = Pick<StrategyMeeting, 'seriesStart' | 'intervalWeeks' | 'status' | 'endedOn' | 'moved'>;

/** One occurrence as the calendar holds it: where the series put it, and where it is (moved or not). */
export interface Occurrence {
  originalDate: IsoDate;
  date: IsoDate;
  time: string;
  moved: boolean;
}

/**
 * The occurrences of a series that fall between two dates (inclusive): every `intervalWeeks` weeks from the first,
 * none after `endedOn`, a moved one on the day it was moved to. A pending series (not booked yet) is counted as
 * planned, since it will be booked as it stands.
 */
export function occurrencesBetween(meeting: Series, from: IsoDate, to: IsoDate): Occurrence[] {
  const step = meeting.intervalWeeks * 7;
  const last = meeting.endedOn && meeting.endedOn < to ? meeting.endedOn : to;
  const out: Occurrence[] = [];
  // Likewise from up to a year earlier.
  const skip = Math.max(0, Math.floor(daysBetween(meeting.seriesStart.date, addDays(from, -366)) / step));
  for (let k = skip; ; k++) {
    const originalDate = addDays(meeting.seriesStart.date, k * step);
    // An occurrence may have been moved into the window from up to a year later.
    if (originalDate > addDays(to, 366) || (meeting.endedOn && originalDate > meeting.endedOn)) break;
    const moved = meeting.moved.find((m) => m.originalDate === originalDate);
    const occurrence = moved
      ? { originalDate, date: moved.date, time: moved.time, moved: true }
      : { originalDate, date: originalDate, time: meeting.seriesStart.time, moved: false };
    if (occurrence.date >= from && occurrence.date <= last) out.push(occurrence);
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time));
}

/** The next occurrence on or after a day, if the series has one (for the list of schools causing concern). */
export function nextOccurrence(meeting: Series, today: IsoDate): Occurrence | undefined {
  if (meeting.status === 'ended' && (!meeting.endedOn || meeting.endedOn < today)) return undefined;
  return occurrencesBetween(meeting, today, addDays(today, meeting.intervalWeeks * 7 + 366))[0];
}

/** Who looks after a series (moves an occurrence, records progress, ends it): the officer who booked it, or the school's link officer. */
export function mayManageMeeting(
  person: Pick<Person, 'id' | 'email' | 'roles'>,
  meeting: Pick<StrategyMeeting, 'organiserId'>,
  school: Pick<School, 'linkOfficerEmail'>,
): boolean {
  return person.id === meeting.organiserId || (isOfficer(person) && !!school.linkOfficerEmail && person.email === school.linkOfficerEmail);
}

/** A progress record from what the officer typed (checked by ProgressInputSchema). */
export function progressRecord(input: ProgressInput, personId: string, atIso: string): ProgressRecord {
  const p = ProgressInputSchema.parse(input);
  return { on: p.on, successes: p.successes ?? '', barriers: p.barriers ?? '', nextSteps: p.nextSteps ?? '', rag: p.rag, recordedBy: personId, recordedAt: atIso };
}
