import { matchSchools, type School } from '../../domain/school.js';
import { openSchools } from './open-schools.js';
import type { StoreReader } from '../ports/store.port.js';

/** A choice card stays readable: beyond this many matches the person is asked to type more of the name. */
export const MAX_SCHOOL_CHOICES = 10;

/**
 * What a school named in a command turned out to be: one school, several to choose from
 * (at most MAX_SCHOOL_CHOICES, with `more` set when there were others), or none at all.
 */
export type SchoolLookup =
  | { kind: 'found'; school: School }
  | { kind: 'ambiguous'; query: string; schools: School[]; more: boolean }
  | { kind: 'none'; query: string };

/**
 * Finds the school a person named by URN or by (part of) its name, within their tenant.
 * Shared by every command that names a school (visit, healthcheck, sef, risk, ...), so that
 * an ambiguous name always gets the same choice card. Closed schools are not offered: nothing new starts there.
 */
export async function findSchool(store: StoreReader, tenantId: string, query: string): Promise<SchoolLookup> {
  const q = query.trim();
  const matches = q ? matchSchools(await openSchools(store, tenantId), q) : [];
  if (matches.length === 1) return { kind: 'found', school: matches[0]! };
  if (matches.length === 0) return { kind: 'none', query: q };
  return { kind: 'ambiguous', query: q, schools: matches.slice(0, MAX_SCHOOL_CHOICES), more: matches.length > MAX_SCHOOL_CHOICES };
}
