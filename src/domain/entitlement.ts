import { academicYearOf, fractionOfYearElapsed, localDate, type IsoDate } from './academic-year.js';
import type { Zone } from './time-zone.js';
import { visitsBetween, type DatedVisit } from './visit.js';
import { isOpen, type School } from './school.js';

/**
 * Visit entitlement (the DDAT policy: "a minimum of six visits per academic year" is a trust's core
 * entitlement). The number is per school where the register gives one, else the organisation's default
 * (a setting: six for a trust, none or another number for an LA's maintained schools). Pro rata through the academic year: by a date, a school should have had
 * entitlement × the fraction of the year elapsed (counting that day), rounded down; so none is due on
 * 1 September and all of them by 31 August.
 *
 * A school has *met* its entitlement when it has had all of it, is *on track* when it has had at least
 * what is due so far, and is *behind* otherwise. A school entitled to none has always met it: never behind.
 * Only submitted visits at which the school was seen count, dated in the academic year up to the report
 * date (a partnership visit with no school seen counts for no school); which kinds of visit count (the
 * template's `countsTowardEntitlement`: safeguarding advice and audits sit outside the core entitlement)
 * is decided by the caller, which passes only those.
 */

export type EntitlementStatus = 'met' | 'on track' | 'behind';

/** `status` absent counts as open; closed schools are left out. */
export type EntitlementSchool = Pick<School, 'urn' | 'name' | 'cluster'> & Partial<Pick<School, 'status' | 'visitEntitlement'>>;

export interface SchoolEntitlement {
  urn: string;
  name: string;
  cluster?: string;
  entitlement: number;
  /** Submitted visits this academic year up to the report date. */
  made: number;
  /** Due by the report date, pro rata. */
  expectedSoFar: number;
  /** expectedSoFar − made when behind, else 0. */
  shortfall: number;
  status: EntitlementStatus;
}

export interface EntitlementReport {
  academicYear: string;
  asOf: IsoDate;
  fractionElapsed: number;
  /** Every school, by name. */
  schools: SchoolEntitlement[];
  /** The schools behind, largest shortfall first, then by name. */
  behind: SchoolEntitlement[];
}

/** A school's standing against its entitlement, given the visits it has had and the year's fraction elapsed. */
export function entitlementStatus(entitlement: number, made: number, fractionElapsed: number): Pick<SchoolEntitlement, 'expectedSoFar' | 'shortfall' | 'status'> {
  // The small epsilon keeps 6 × (365/365) from landing just under 6 through floating point.
  const expectedSoFar = Math.floor(entitlement * fractionElapsed + 1e-9);
  const status: EntitlementStatus = made >= entitlement ? 'met' : made >= expectedSoFar ? 'on track' : 'behind';
  return { expectedSoFar, shortfall: status === 'behind' ? expectedSoFar - made : 0, status };
}

/** Each open school's visits this academic year against its entitlement, as of a date (see the rules above); closed schools are left out. */
export function entitlement(
  schools: readonly EntitlementSchool[],
  visits: readonly DatedVisit[],
  options: { asOf: Date | string; timeZone?: Zone; defaultEntitlement: number },
): EntitlementReport {
  const asOf = localDate(options.asOf, options.timeZone);
  const year = academicYearOf(asOf);
  const fractionElapsed = fractionOfYearElapsed(asOf);
  const made = new Map<string, number>();
  for (const v of visitsBetween(visits, year.start, asOf, options.timeZone)) {
    if (v.status === 'submitted' && v.schoolUrn) made.set(v.schoolUrn, (made.get(v.schoolUrn) ?? 0) + 1);
  }
  const rows = schools
    .filter(isOpen)
    .sort((a, b) => a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn))
    .map((s) => {
      const count = made.get(s.urn) ?? 0;
      const entitled = s.visitEntitlement ?? options.defaultEntitlement;
      return { urn: s.urn, name: s.name, cluster: s.cluster, entitlement: entitled, made: count, ...entitlementStatus(entitled, count, fractionElapsed) };
    });
  const behind = rows.filter((r) => r.status === 'behind').sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn));
  return { academicYear: year.label, asOf, fractionElapsed, schools: rows, behind };
}
