import { addDays, termOf, type IsoDate, type TermName } from './academic-year.js';
import { latestInspection, startCriterionOf } from './inspection.js';
import { isOpen, type School } from './school.js';
import { occurrencesBetween, type StrategyMeeting } from './strategy-meeting.js';

/**
 * The first contact of each term (Rutland plan §4.4): in every school in an Ofsted category (its latest inspection
 * Requires Improvement, Serious Weaknesses or Special Measures, or a report card with a category of concern), the
 * link officer visits or contacts the school within the first two weeks of term to confirm the priorities of its
 * action plan, unless a strategy meeting falls in that window. Terms are the ones academic-year.ts defines.
 */

/** The first two weeks of term: its first 14 days. */
export const FIRST_CONTACT_DAYS = 14;

export interface FirstContactReminder {
  schoolUrn: string;
  schoolName: string;
  /** Who is reminded; undefined when the school has no link officer (the caller tells whoever assigns them). */
  linkOfficerEmail?: string;
  academicYear: string;
  term: TermName;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  /** One reminder per school and term: a job keys its send on this, so it is sent once however often it runs. */
  key: string;
}

type ReminderSchool = Pick<School, 'urn' | 'name' | 'linkOfficerEmail' | 'inspections'> & Partial<Pick<School, 'status'>>;
type ReminderMeeting = Pick<StrategyMeeting, 'schoolUrn' | 'seriesStart' | 'intervalWeeks' | 'status' | 'endedOn' | 'moved'>;

/** Whether the school's latest inspection puts it in an Ofsted category (either framework, read on its own terms). */
export function inOfstedCategory(school: Pick<School, 'inspections'>): boolean {
  const latest = latestInspection(school.inspections);
  return !!latest && startCriterionOf(latest) === 'ofstedCategory';
}

/**
 * The reminders due on `today` (YYYY-MM-DD in the organisation's time zone): none outside the first two weeks of a
 * term; within them, one for each open school in an Ofsted category with no strategy meeting in the window.
 */
export function firstContactReminders(schools: readonly ReminderSchool[], meetings: readonly ReminderMeeting[], today: IsoDate): FirstContactReminder[] {
  const term = termOf(today);
  const windowStart = term.start;
  const windowEnd = addDays(term.start, FIRST_CONTACT_DAYS - 1);
  if (today > windowEnd) return [];
  const met = new Set(meetings.filter((m) => occurrencesBetween(m, windowStart, windowEnd).length > 0).map((m) => m.schoolUrn));
  return schools
    .filter((s) => isOpen(s) && inOfstedCategory(s) && !met.has(s.urn))
    .sort((a, b) => a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn))
    .map((s) => ({
      schoolUrn: s.urn,
      schoolName: s.name,
      ...(s.linkOfficerEmail ? { linkOfficerEmail: s.linkOfficerEmail } : {}),
      academicYear: term.academicYear,
      term: term.name,
      windowStart,
      windowEnd,
      key: `first-contact:${s.urn}:${term.academicYear}:${term.name}`,
    }));
}
