import { matchSchools, type School } from '../../domain/school.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import { openSchools } from './open-schools.js';
import type { StoreReader } from '../ports/store.port.js';

/** A choice card stays readable: beyond this many matches the person is asked to type more of the name. */
export const MAX_SCHOOL_CHOICES = 10;

/**
 * What a school named in a command turned out to be: one school, several to choose from
 * (at most MAX_SCHOOL_CHOICES, with `more` set when there were others), or none at all (`registerEmpty` when none was
 * named and the register holds no open school to offer).
 */
export type SchoolLookup =
  | { kind: 'found'; school: School }
  | { kind: 'ambiguous'; query: string; schools: School[]; more: boolean }
  | { kind: 'none'; query: string; registerEmpty?: true };

/** Who typed the command, when a command typed with no school should offer them a choice. */
export type SchoolChooser = Pick<Person, 'roles' | 'schools' | 'email'>;

const byName = (schools: readonly School[]) => [...schools].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

/**
 * The schools offered to someone who named none: their own (an officer's link schools, a headteacher's schools), else
 * the first of the register alphabetically; at most MAX_SCHOOL_CHOICES, the card's search finds any other.
 */
export function startingSchools(schools: readonly School[], person: SchoolChooser): School[] {
  const own = schools.filter((s) => (isOfficer(person) && !!s.linkOfficerEmail && s.linkOfficerEmail === person.email) || isSchoolHeadteacher(person, s));
  return byName(own.length ? own : schools).slice(0, MAX_SCHOOL_CHOICES);
}

/** A choice among these schools (a command's own list of what it may act on), by name, as a command with no school named offers it. */
export function schoolChoice(schools: readonly School[]): Extract<SchoolLookup, { kind: 'ambiguous' }> {
  const sorted = byName(schools);
  return { kind: 'ambiguous', query: '', schools: sorted.slice(0, MAX_SCHOOL_CHOICES), more: sorted.length > MAX_SCHOOL_CHOICES };
}

/**
 * Finds the school a person named by URN or by (part of) its name, within their tenant.
 * Shared by every command that names a school (visit, healthcheck, sef, risk, ...), so that
 * an ambiguous name always gets the same choice card. Closed schools are not offered: nothing new starts there.
 * Given who typed it, a command with no school at all gets the choice of their own schools (`startingSchools`)
 * rather than nothing, so the card can ask which school.
 */
export async function findSchool(store: StoreReader, tenantId: string, query: string, chooser?: SchoolChooser): Promise<SchoolLookup> {
  const q = query.trim();
  if (!q && chooser) {
    const offered = startingSchools(await openSchools(store, tenantId), chooser);
    return offered.length ? { kind: 'ambiguous', query: '', schools: offered, more: false } : { kind: 'none', query: '', registerEmpty: true };
  }
  const matches = q ? matchSchools(await openSchools(store, tenantId), q) : [];
  if (matches.length === 1) return { kind: 'found', school: matches[0]! };
  if (matches.length === 0) return { kind: 'none', query: q };
  return { kind: 'ambiguous', query: q, schools: matches.slice(0, MAX_SCHOOL_CHOICES), more: matches.length > MAX_SCHOOL_CHOICES };
}
