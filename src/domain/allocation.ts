import { z } from 'zod/v4';
import { InvalidInputError } from './errors.js';
import { shortCalendarDateWithYear } from './human-date.js';
import { instant, storedRecord } from './record.js';
import { latestInspection, type InspectionOutcome } from './inspection.js';
import { isOpen, UrnSchema, type School } from './school.js';
import { DEFAULT_RISK_SCALE, rankOf, type RiskScale } from './risk.js';

/**
 * Officer time "in inverse proportion to success" (Rutland plan §3.5, §4.4): a suggested share of the officer days
 * available across the open schools. Each school's need is the sum of
 *
 *   base (every school gets some time)
 *   + its risk level's weight
 *   + its latest inspection's weight (each framework on its own terms, never converted)
 *   + a weight per visit it is behind its entitlement so far,
 *
 * and its days are the available days × its need ÷ the total need, in half days, rounded so that the shares add up
 * to exactly the days available (largest remainder first). Every weight is in ALLOCATION_WEIGHTS below and nowhere
 * else, so the rule can be read, and changed, in one place. It is a suggestion: the officer adjusts it.
 */

export interface AllocationWeights {
  base: number;
  /** By risk level name; a level of another scale is weighted by its place, from 0 at the bottom to `topRisk` at the top. */
  risk: Readonly<Record<string, number>>;
  topRisk: number;
  /** Legacy judgement, with Inadequate's categories weighted on their own. */
  legacy: Readonly<Record<'Outstanding' | 'Good' | 'Requires Improvement' | 'Inadequate' | 'Serious Weaknesses' | 'Special Measures', number>>;
  /** Report card: per area at needs attention and at urgent improvement, safeguarding not met, and a category of concern. */
  reportCard: Readonly<{
    perNeedsAttention: number;
    perUrgentImprovement: number;
    safeguardingNotMet: number;
    category: Readonly<Record<'requires significant improvement' | 'special measures', number>>;
  }>;
  /** No inspection on record: some time to get to know the school. */
  noInspection: number;
  /** Per visit behind the entitlement due so far. */
  perVisitBehind: number;
  /** Days are shared out in steps of this many days. */
  stepDays: number;
}

export const ALLOCATION_WEIGHTS: AllocationWeights = {
  base: 1,
  risk: { unassessed: 1, low: 0, medium: 1, high: 3, intensive: 5 },
  topRisk: 5,
  legacy: { Outstanding: 0, Good: 0, 'Requires Improvement': 2, Inadequate: 3, 'Serious Weaknesses': 3, 'Special Measures': 4 },
  reportCard: { perNeedsAttention: 0.5, perUrgentImprovement: 1, safeguardingNotMet: 3, category: { 'requires significant improvement': 3, 'special measures': 4 } },
  noInspection: 1,
  perVisitBehind: 0.5,
  stepDays: 0.5,
};

export type AllocationSchool = Pick<School, 'urn' | 'name' | 'riskLevel' | 'inspections'> & Partial<Pick<School, 'status'>>;

export interface AllocationRow {
  urn: string;
  name: string;
  /** The need and its parts, as the rule adds them up. */
  need: number;
  parts: { base: number; risk: number; inspection: number; behind: number };
  /** Why, in users' words. */
  reasons: string[];
  days: number;
}

export interface Allocation {
  officerDays: number;
  rows: AllocationRow[];
}

function riskWeight(level: string, scale: RiskScale, w: AllocationWeights): number {
  if (level in w.risk) return w.risk[level]!;
  const rank = rankOf(scale, level);
  if (rank < 0) return w.risk.unassessed ?? 0;
  return (rank / (scale.levels.length - 1)) * w.topRisk;
}

function inspectionWeight(o: InspectionOutcome | undefined, w: AllocationWeights): { weight: number; reason: string } {
  if (!o) return { weight: w.noInspection, reason: 'no inspection on record' };
  if (o.framework === 'legacy') {
    const judgement = o.category ?? o.overall;
    return { weight: w.legacy[judgement], reason: `Ofsted ${shortCalendarDateWithYear(o.date)}: ${judgement}` };
  }
  const grades = Object.values(o.grades);
  const attention = grades.filter((g) => g === 'needs attention').length;
  const urgent = grades.filter((g) => g === 'urgent improvement').length;
  const weight =
    attention * w.reportCard.perNeedsAttention +
    urgent * w.reportCard.perUrgentImprovement +
    (o.safeguardingMet ? 0 : w.reportCard.safeguardingNotMet) +
    (o.category ? w.reportCard.category[o.category] : 0);
  const said = [
    ...(o.category ? [o.category] : []),
    ...(o.safeguardingMet ? [] : ['safeguarding not met']),
    ...(urgent ? [`${urgent} area${urgent > 1 ? 's' : ''} urgent improvement`] : []),
    ...(attention ? [`${attention} area${attention > 1 ? 's' : ''} needs attention`] : []),
  ];
  return { weight, reason: `report card ${shortCalendarDateWithYear(o.date)}: ${said.length ? said.join(', ') : 'expected standard or better'}` };
}

/**
 * The suggested allocation of `officerDays` across the open schools (see the rule at the top of this file).
 * `shortfalls` is each school's number of visits behind its entitlement so far, by URN (from the entitlement report).
 */
export function suggestAllocation(
  schools: readonly AllocationSchool[],
  options: { officerDays: number; shortfalls?: Readonly<Record<string, number>>; scale?: RiskScale; weights?: AllocationWeights },
): Allocation {
  const { officerDays, shortfalls = {}, scale = DEFAULT_RISK_SCALE, weights: w = ALLOCATION_WEIGHTS } = options;
  const rows: AllocationRow[] = schools.filter(isOpen).map((s) => {
    const inspection = inspectionWeight(latestInspection(s.inspections), w);
    const behindVisits = Math.max(0, shortfalls[s.urn] ?? 0);
    const parts = { base: w.base, risk: riskWeight(s.riskLevel, scale, w), inspection: inspection.weight, behind: behindVisits * w.perVisitBehind };
    const reasons = [`risk ${s.riskLevel}`, inspection.reason, ...(behindVisits ? [`${behindVisits} visit${behindVisits > 1 ? 's' : ''} behind`] : [])];
    return { urn: s.urn, name: s.name, need: parts.base + parts.risk + parts.inspection + parts.behind, parts, reasons, days: 0 };
  });
  const totalNeed = rows.reduce((sum, r) => sum + r.need, 0);
  const units = Math.floor(officerDays / w.stepDays + 1e-9);
  if (totalNeed > 0 && units > 0) {
    const exact = rows.map((r) => (units * r.need) / totalNeed);
    const given = exact.map((x) => Math.floor(x + 1e-9));
    const order = rows.map((_, i) => i).sort((a, b) => exact[b]! - given[b]! - (exact[a]! - given[a]!) || rows[b]!.need - rows[a]!.need || rows[a]!.name.localeCompare(rows[b]!.name));
    let left = units - given.reduce((a, b) => a + b, 0);
    for (const i of order) {
      if (left <= 0) break;
      given[i]! += 1;
      left -= 1;
    }
    rows.forEach((r, i) => (r.days = given[i]! * w.stepDays));
  }
  rows.sort((a, b) => b.days - a.days || b.need - a.need || a.name.localeCompare(b.name));
  return { officerDays, rows };
}

/** One school's share of officer days, as kept. */
export const AllocationShareSchema = z.object({ urn: UrnSchema, name: z.string().min(1).max(200), days: z.number().min(0).max(1000), suggested: z.number().min(0).max(1000) });
export type AllocationShare = z.infer<typeof AllocationShareSchema>;

/**
 * An allocation an officer kept (the `allocations` collection): the days available, each school's days as adjusted
 * beside what the rule suggested, who kept it and when. The newest is shown beside the next fresh suggestion.
 */
export const KeptAllocationSchema = storedRecord({
  officerDays: z.number().positive().max(10000),
  shares: z.array(AllocationShareSchema).min(1),
  keptBy: z.string().min(1),
  keptAt: instant(),
});
export type KeptAllocation = z.infer<typeof KeptAllocationSchema>;

/**
 * Checks an adjusted allocation: every share a number of days, not negative, and the total no more than the days
 * available (less is allowed: some time may be held back). Throws InvalidInputError naming the school or the total.
 */
export function checkAdjustedAllocation(officerDays: number, shares: ReadonlyArray<{ urn: string; name: string; days: number }>): void {
  if (!(officerDays > 0)) throw new InvalidInputError('Give the officer days available as a number above 0.', 'officerDays');
  for (const s of shares) {
    if (!Number.isFinite(s.days) || s.days < 0) throw new InvalidInputError(`Give ${s.name}'s days as a number, 0 or more.`, `days.${s.urn}`);
  }
  const total = Math.round(shares.reduce((sum, s) => sum + s.days, 0) * 100) / 100;
  if (total > officerDays + 1e-9) throw new InvalidInputError(`The shares add up to ${total} days, more than the ${officerDays} days available: take ${Math.round((total - officerDays) * 100) / 100} off.`, 'total');
}
