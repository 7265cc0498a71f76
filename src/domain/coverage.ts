import { academicYearOf, daysBetween, localDate, type AcademicYear, type IsoDate } from './academic-year.js';
import type { Zone } from './time-zone.js';
import { visitDate, visitsBetween, type DatedVisit } from './visit.js';
import { isOpen, type School } from './school.js';

/**
 * Coverage of schools against a target, the SACRE way (its action plan, points 2, 5 and 12): visit a share of
 * the schools (25%) by a date, with every cluster represented equally, and keep declined visits apart.
 * Which visits and which schools count is the programme's business (coverage-programme.ts): this module
 * counts the visits it is given against the schools it is given.
 *
 * Over one academic year, up to the report date, each school is exactly one of:
 * - visited: a submitted visit;
 * - declined: no submitted visit, but a declined one ("contacted", not visited, never counted as visited);
 * - arranged: neither, but a planned or draft visit dated in the year (already in hand);
 * - not yet contacted.
 *
 * Every cluster represented equally means equal numbers: the target's schools are divided evenly across
 * the clusters (schools with no cluster recorded form one more), rounded up so that every cluster is
 * represented, and never more than the cluster has. The target is met only when the target's number of
 * schools has been visited *and* no cluster is below its share; one cluster at zero leaves it unmet.
 *
 * Selection rule for the schools to visit next: the next suggestion comes from the cluster furthest
 * behind its share in numbers (visited + arranged + already suggested − share; ties: fewer counted, then
 * cluster name), and within a cluster the first school by name then URN that is not visited, declined or
 * arranged. So the clusters reach their shares together, and the same data always gives the same list.
 */

export const DEFAULT_COVERAGE_FRACTION = 0.25;
/** Seed 000 point 12: "before July", so the last day of June; as month-day, so the target recurs each academic year. */
export const DEFAULT_COVERAGE_BY = '06-30';
/** How schools with no cluster recorded are grouped. */
export const NO_CLUSTER = 'No cluster';

export interface CoverageTarget {
  /** Share of the programme's schools to visit, from 0 to 1 (its target percent ÷ 100). */
  fraction: number;
  /** MM-DD, or a YYYY-MM-DD whose month and day are used: the day in the academic year it must be met by. */
  by: string;
}

/** `status` absent counts as open; closed schools are left out of coverage. */
export type CoverageSchool = Pick<School, 'urn' | 'name' | 'cluster'> & Partial<Pick<School, 'status'>>;
export type SchoolRef = { urn: string; name: string; cluster: string };

export interface ClusterCoverage {
  cluster: string;
  schools: number;
  visited: number;
  declined: number;
  arranged: number;
  /** visited ÷ schools. */
  visitedFraction: number;
  /** The cluster's equal share of the target's schools (see the rule at the top of this file). */
  share: number;
  /** Whether fewer than its share have been visited: the target is not met while any cluster is. */
  belowShare: boolean;
}

export type TargetStatus = 'met' | 'on track' | 'behind';

export interface CoverageReport {
  academicYear: string;
  asOf: IsoDate;
  totalSchools: number;
  visited: number;
  declined: number;
  arranged: number;
  /** Visited or declined: the school was asked. */
  contacted: number;
  visitedFraction: number;
  target: { fraction: number; by: IsoDate; schools: number };
  /** Schools that should have been visited by now, pro rata from 1 September to the target date, rounded down. */
  expectedByNow: number;
  status: TargetStatus;
  /** By cluster name, "No cluster" last. */
  clusters: ClusterCoverage[];
  /** The clusters visited below their share, by name: while there are any the target is not met. */
  clustersBelowShare: string[];
  /** Declined this year and not visited since, by name: shown apart, as their own set of perspectives. */
  declinedSchools: SchoolRef[];
  nextToVisit: SchoolRef[];
}

export interface CoverageOptions {
  asOf: Date | string;
  timeZone?: Zone;
  target?: Partial<CoverageTarget>;
  /** How many schools to suggest; by default as many as the target (and every cluster's share) still needs beyond those visited or arranged. */
  suggest?: number;
}

/** The target date in the academic year: the target's month and day, in whichever calendar year of it they fall. */
export function targetDate(year: AcademicYear, by: string): IsoDate {
  const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(by);
  if (!m) throw new RangeError(`A coverage target date is MM-DD or YYYY-MM-DD, not ${by}`);
  const month = Number(m[1]);
  const calendarYear = month >= 9 ? year.startYear : year.startYear + 1;
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const day = month === 2 && m[2] === '29' && !isLeap(calendarYear) ? '28' : m[2];
  return `${calendarYear}-${m[1]}-${day}`;
}

type Standing = 'visited' | 'declined' | 'arranged' | 'open';

function standings(schools: readonly CoverageSchool[], visits: readonly DatedVisit[], year: AcademicYear, asOf: IsoDate, timeZone?: Zone): Map<string, Standing> {
  const done = visitsBetween(visits, year.start, asOf, timeZone);
  const visited = new Set(done.filter((v) => v.status === 'submitted').map((v) => v.schoolUrn));
  const declined = new Set(done.filter((v) => v.status === 'declined').map((v) => v.schoolUrn));
  const arranged = new Set(
    visits.filter((v) => (v.status === 'planned' || v.status === 'draft') && visitDate(v, timeZone) >= year.start && visitDate(v, timeZone) <= year.end).map((v) => v.schoolUrn),
  );
  return new Map(
    schools.map((s) => [s.urn, visited.has(s.urn) ? 'visited' : declined.has(s.urn) ? 'declined' : arranged.has(s.urn) ? 'arranged' : 'open']),
  );
}

const clusterOf = (s: CoverageSchool) => s.cluster?.trim() || NO_CLUSTER;
const byClusterName = (a: string, b: string) => (a === NO_CLUSTER ? 1 : b === NO_CLUSTER ? -1 : a.localeCompare(b));
const byName = (a: CoverageSchool, b: CoverageSchool) => a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn);
const ref = (s: CoverageSchool): SchoolRef => ({ urn: s.urn, name: s.name, cluster: clusterOf(s) });

/** Each cluster's equal share of `needed` schools: rounded up, never more than the cluster has. */
export function clusterShares(sizes: ReadonlyMap<string, number>, needed: number): Map<string, number> {
  const each = sizes.size ? Math.ceil(needed / sizes.size) : 0;
  return new Map([...sizes].map(([cluster, size]) => [cluster, Math.min(size, each)]));
}

/** Picks `count` schools, one at a time, from the cluster furthest behind its share (see the selection rule above). */
function pickNext(schools: readonly CoverageSchool[], standing: Map<string, Standing>, shares: ReadonlyMap<string, number>, count: number): SchoolRef[] {
  const groups = new Map<string, { share: number; counted: number; open: CoverageSchool[] }>();
  for (const s of schools) {
    const g = groups.get(clusterOf(s)) ?? { share: shares.get(clusterOf(s)) ?? 0, counted: 0, open: [] };
    const st = standing.get(s.urn);
    if (st === 'visited' || st === 'arranged') g.counted += 1;
    if (st === 'open') g.open.push(s);
    groups.set(clusterOf(s), g);
  }
  for (const g of groups.values()) g.open.sort(byName);
  const picked: SchoolRef[] = [];
  while (picked.length < count) {
    const candidates = [...groups.entries()].filter(([, g]) => g.open.length > 0);
    if (!candidates.length) break;
    candidates.sort(([an, a], [bn, b]) => a.counted - a.share - (b.counted - b.share) || a.counted - b.counted || byClusterName(an, bn));
    const g = candidates[0]![1];
    picked.push(ref(g.open.shift()!));
    g.counted += 1;
  }
  return picked;
}

/** The coverage report for the academic year the report date falls in (see the rules at the top of this file); closed schools are left out. */
export function coverage(register: readonly CoverageSchool[], visits: readonly DatedVisit[], options: CoverageOptions): CoverageReport {
  const schools = register.filter(isOpen);
  const asOf = localDate(options.asOf, options.timeZone);
  const year = academicYearOf(asOf);
  const fraction = options.target?.fraction ?? DEFAULT_COVERAGE_FRACTION;
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`A coverage target is a share of schools from 0 to 1, not ${fraction}`);
  const by = targetDate(year, options.target?.by ?? DEFAULT_COVERAGE_BY);
  const standing = standings(schools, visits, year, asOf, options.timeZone);
  const count = (st: Standing, within: readonly CoverageSchool[] = schools) => within.filter((s) => standing.get(s.urn) === st).length;

  const visited = count('visited');
  const arranged = count('arranged');
  const needed = Math.ceil(fraction * schools.length);
  const elapsed = Math.min(1, (daysBetween(year.start, asOf) + 1) / (daysBetween(year.start, by) + 1));
  const expectedByNow = Math.floor(needed * elapsed);

  const clusterNames = [...new Set(schools.map(clusterOf))].sort(byClusterName);
  const within = new Map(clusterNames.map((cluster) => [cluster, schools.filter((s) => clusterOf(s) === cluster)]));
  const shares = clusterShares(new Map(clusterNames.map((c) => [c, within.get(c)!.length])), needed);
  const clusters = clusterNames.map((cluster): ClusterCoverage => {
    const members = within.get(cluster)!;
    const v = count('visited', members);
    const share = shares.get(cluster)!;
    return { cluster, schools: members.length, visited: v, declined: count('declined', members), arranged: count('arranged', members), visitedFraction: v / members.length, share, belowShare: v < share };
  });
  const clustersBelowShare = clusters.filter((c) => c.belowShare).map((c) => c.cluster);
  const clustersOnPace = clusters.every((c) => c.visited >= Math.floor(c.share * elapsed));
  const stillNeeded = Math.max(
    needed - visited - arranged,
    clusters.reduce((n, c) => n + Math.max(0, c.share - c.visited - c.arranged), 0),
    0,
  );

  return {
    academicYear: year.label,
    asOf,
    totalSchools: schools.length,
    visited,
    declined: count('declined'),
    arranged,
    contacted: visited + count('declined'),
    visitedFraction: schools.length ? visited / schools.length : 0,
    target: { fraction, by, schools: needed },
    expectedByNow,
    status: visited >= needed && !clustersBelowShare.length ? 'met' : visited >= expectedByNow && clustersOnPace ? 'on track' : 'behind',
    clusters,
    clustersBelowShare,
    declinedSchools: schools.filter((s) => standing.get(s.urn) === 'declined').sort(byName).map(ref),
    nextToVisit: pickNext(schools, standing, shares, options.suggest ?? stillNeeded),
  };
}
