import type { IsoDate } from './academic-year.js';
import type { School } from './school.js';
import { TAGGED_THEMES } from './theme-tags.js';
import type { Zone } from './time-zone.js';
import { visitsBetween, type Visit, type VisitDates } from './visit.js';

/**
 * The anonymised collation behind the partnership digest, the all-partnerships summary and the SACRE collation.
 * The partnership report grouped what development visits found under four headings (main successes, key
 * challenges, lessons learned, next steps), each into themes, without naming a school; the SACRE protocol publishes
 * only a collation of all visits, declined ones recorded, identifying no school. So a collation holds counts and the
 * names of themes (the tags visitors chose from the agenda's list) and nothing else: no school name or URN, no
 * person, no word anyone typed. Any group of fewer than MIN_GROUP schools (or partnerships) is left out and the
 * collation says how many were left out, so a reader can never narrow a finding down to one or two schools.
 */

/** The smallest group a collation shows. */
export const MIN_GROUP = 3;

export type HeadingTheme = (typeof TAGGED_THEMES)[number];

/** The partnership report's four headings, in its order. */
export const DIGEST_HEADINGS: ReadonlyArray<{ theme: HeadingTheme; title: string }> = [
  { theme: 'success', title: 'Main successes' },
  { theme: 'challenge', title: 'Key challenges' },
  { theme: 'lesson', title: 'Lessons learned' },
  { theme: 'nextStep', title: 'Next steps' },
];

/** The days a collation covers, both inclusive; a visit counts on `visitDate` (the day it took place). */
export interface DayPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** What a collation reads of a visit. */
export type CollationVisit = Pick<Visit, 'schoolUrn' | 'partnership' | 'visitType' | 'status' | 'themes' | 'answers' | 'declinedReason'> & VisitDates;

/** A theme (a tag) and the number of schools (or partnerships) where it was raised. */
export interface ThemeCount {
  tag: string;
  count: number;
}

/**
 * What was raised under one heading (or one agenda item): `shown` when at least MIN_GROUP raised anything there, with
 * how many (`count`) and the themes raised by at least MIN_GROUP each; `fewer` when 1 or 2 did (nothing of it is
 * shown, not even how many); `none` when nobody did. `hiddenThemes`: themes raised, but by fewer than MIN_GROUP.
 */
export type Standing = 'shown' | 'fewer' | 'none';
export interface ThemeGroup {
  standing: Standing;
  count?: number;
  themes: ThemeCount[];
  hiddenThemes: number;
}

export interface HeadingCollation extends ThemeGroup {
  theme: HeadingTheme;
  title: string;
}

/** One finding: a unit (a school's URN, or a partnership) raised these tags under this heading. */
export interface Raised {
  unit: string;
  theme: string;
  tags: readonly string[];
}

/** Counts distinct units per tag (matched without regard to case, spelt as first seen) and applies the MIN_GROUP rule. */
export function groupThemes(raised: readonly Raised[]): ThemeGroup {
  const units = new Set(raised.map((r) => r.unit));
  const byTag = new Map<string, { tag: string; units: Set<string> }>();
  for (const r of raised) {
    for (const tag of r.tags) {
      const key = tag.toLowerCase();
      const held = byTag.get(key) ?? { tag, units: new Set<string>() };
      held.units.add(r.unit);
      byTag.set(key, held);
    }
  }
  const all = [...byTag.values()].map((t) => ({ tag: t.tag, count: t.units.size })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  if (units.size === 0) return { standing: 'none', themes: [], hiddenThemes: 0 };
  if (units.size < MIN_GROUP) return { standing: 'fewer', themes: [], hiddenThemes: all.length };
  const themes = all.filter((t) => t.count >= MIN_GROUP);
  return { standing: 'shown', count: units.size, themes, hiddenThemes: all.length - themes.length };
}

/** The four headings, each grouped (see groupThemes). */
export function collateHeadings(raised: readonly Raised[]): HeadingCollation[] {
  return DIGEST_HEADINGS.map((h) => ({ ...h, ...groupThemes(raised.filter((r) => r.theme === h.theme)) }));
}

/** Every heading finding of a visit, for the unit it counts under. */
export function findingsOf(visit: Pick<CollationVisit, 'themes'>, unit: string): Raised[] {
  return visit.themes.filter((t) => (TAGGED_THEMES as readonly string[]).includes(t.theme)).map((t) => ({ unit, theme: t.theme, tags: t.tags }));
}

/**
 * A partnership's collation, or the all-partnerships summary: `enough` when at least MIN_GROUP schools (or
 * partnerships) reported; otherwise there is too little to report without identifying schools, and only the count of
 * declined visits is kept.
 */
export type PartnershipCollation =
  | {
      enough: true;
      unit: 'school' | 'partnership';
      /** Schools (partnerships) with a submitted visit in the period. */
      reporting: number;
      /** Submitted visits counted. */
      visits: number;
      declined: number;
      /** For one partnership: visits to the partnership as a whole (no school), counted in the all-partnerships summary. */
      wholePartnershipVisits?: number;
      headings: HeadingCollation[];
    }
  | { enough: false; unit: 'school' | 'partnership'; declined: number };

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Partnership development visits, submitted or declined, that took place in the period. */
function finalPartnershipVisits<V extends CollationVisit>(visits: readonly V[], period: DayPeriod, timeZone: Zone): V[] {
  const final = visits.filter((v) => v.visitType === 'partnership' && (v.status === 'submitted' || v.status === 'declined'));
  return visitsBetween(final, period.from, period.to, timeZone);
}

function collated(unit: 'school' | 'partnership', units: Map<string, readonly Raised[]>, submitted: number, declined: number): PartnershipCollation {
  if (units.size < MIN_GROUP) return { enough: false, unit, declined };
  return { enough: true, unit, reporting: units.size, visits: submitted, declined, headings: collateHeadings([...units.values()].flat()) };
}

/**
 * One partnership's digest: its partnership development visits in the period, each school counted once per theme
 * however often it was visited. A visit to the partnership as a whole names no school, so it is counted apart (and
 * in the all-partnerships summary), not as a school reporting.
 */
export function collatePartnership(
  partnership: string,
  schools: readonly Pick<School, 'urn' | 'partnerships'>[],
  visits: readonly CollationVisit[],
  period: DayPeriod,
  timeZone: Zone,
): PartnershipCollation {
  const members = new Set(schools.filter((s) => s.partnerships.some((p) => sameName(p, partnership))).map((s) => s.urn));
  const ours = finalPartnershipVisits(visits, period, timeZone).filter((v) => (v.schoolUrn ? members.has(v.schoolUrn) : !!v.partnership && sameName(v.partnership, partnership)));
  const atSchools = ours.filter((v) => v.schoolUrn && v.status === 'submitted');
  const units = new Map<string, Raised[]>();
  for (const v of atSchools) units.set(v.schoolUrn!, [...(units.get(v.schoolUrn!) ?? []), ...findingsOf(v, v.schoolUrn!)]);
  const declined = ours.filter((v) => v.status === 'declined').length;
  const result = collated('school', units, atSchools.length, declined);
  const whole = ours.filter((v) => !v.schoolUrn && v.status === 'submitted').length;
  return result.enough ? { ...result, wholePartnershipVisits: whole } : result;
}

/**
 * The all-partnerships summary, in the partnership report's own form: every partnership development visit of the
 * period, counted by partnership (a visit to a school counts for the partnership it was made for, else the school's
 * first partnership), so each theme says in how many partnerships it was raised.
 */
export function collateAllPartnerships(
  schools: readonly Pick<School, 'urn' | 'partnerships'>[],
  visits: readonly CollationVisit[],
  period: DayPeriod,
  timeZone: Zone,
): PartnershipCollation & { partnerships: number } {
  const partnershipOf = new Map(schools.map((s) => [s.urn, s.partnerships[0]]));
  const known = new Set(schools.flatMap((s) => s.partnerships.map((p) => p.trim().toLowerCase())));
  const ours = finalPartnershipVisits(visits, period, timeZone)
    .map((v) => ({ visit: v, partnership: (v.partnership ?? (v.schoolUrn ? partnershipOf.get(v.schoolUrn) : undefined))?.trim().toLowerCase() }))
    .filter((x): x is { visit: CollationVisit; partnership: string } => !!x.partnership);
  const units = new Map<string, Raised[]>();
  for (const { visit, partnership } of ours.filter((x) => x.visit.status === 'submitted')) {
    units.set(partnership, [...(units.get(partnership) ?? []), ...findingsOf(visit, partnership)]);
  }
  const submitted = ours.filter((x) => x.visit.status === 'submitted').length;
  const declined = ours.filter((x) => x.visit.status === 'declined').length;
  return { ...collated('partnership', units, submitted, declined), partnerships: known.size };
}
