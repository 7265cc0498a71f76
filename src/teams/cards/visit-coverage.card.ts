import { z } from 'zod/v4';
import type { CoverageAndEntitlement } from '../../app/visits/coverage-report.js';
import { shownDay } from './shown-date.js';
import { expandCard, type AdaptiveCard } from './template.js';

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const STATUS_COLOURS = { met: 'Good', 'on track': 'Good', behind: 'Attention' } as const;
const SchoolRef = z.object({ urn: z.string(), name: z.string(), cluster: z.string() });

/**
 * The `coverage` card: one programme's schools visited this academic year against its target, by cluster (every
 * cluster an equal share of the target's schools, and those below it named), declined visits counted apart, the schools to visit next, and the schools
 * behind their visit entitlement.
 */
export const VisitCoverageCardSchema = z.object({
  title: z.string().min(1),
  headline: z.string().min(1),
  targetLine: z.string().min(1),
  statusColour: z.enum(['Good', 'Attention']),
  totals: z.array(z.object({ title: z.string(), value: z.string() })),
  clusters: z.array(z.object({ cluster: z.string(), visitedText: z.string(), shareText: z.string(), declinedText: z.string(), arrangedText: z.string() })),
  /** Empty when every cluster has its share. */
  clustersLine: z.string(),
  declinedSchools: z.array(SchoolRef),
  nextToVisit: z.array(SchoolRef),
  entitlementLine: z.string().min(1),
  behind: z.array(z.object({ line: z.string() })),
});
export type VisitCoverageCard = z.input<typeof VisitCoverageCardSchema>;

/** The card's data from the coverage report. */
export function coverageCardData(report: CoverageAndEntitlement): VisitCoverageCard {
  const { coverage: c, entitlement: e } = report;
  return {
    title: `${report.programme.name}: coverage ${c.academicYear}, as of ${shownDay(c.asOf)}`,
    headline: `${c.visited} of ${plural(c.totalSchools, 'school')} visited (${percent(c.visitedFraction)}); ${c.declined} declined; ${c.arranged} arranged.`,
    targetLine: `Target ${percent(c.target.fraction)} (${plural(c.target.schools, 'school')}) by ${shownDay(c.target.by)}: ${c.status}, ${c.expectedByNow} expected by now.`,
    statusColour: STATUS_COLOURS[c.status],
    totals: [
      { title: 'Visited', value: String(c.visited) },
      { title: 'Declined (apart)', value: String(c.declined) },
      { title: 'Arranged', value: String(c.arranged) },
      { title: 'Contacted', value: String(c.contacted) },
    ],
    clusters: c.clusters.map((k) => ({
      cluster: k.cluster,
      visitedText: `${k.visited}/${k.schools} (${percent(k.visitedFraction)})`,
      shareText: k.belowShare ? `${k.share} (${k.share - k.visited} short)` : String(k.share),
      declinedText: String(k.declined),
      arrangedText: String(k.arranged),
    })),
    clustersLine: c.clustersBelowShare.length
      ? `Not met while ${c.clustersBelowShare.length === 1 ? 'a cluster is' : 'clusters are'} below an equal share of the target: ${c.clustersBelowShare.join(', ')}.`
      : '',
    declinedSchools: c.declinedSchools,
    nextToVisit: c.nextToVisit,
    entitlementLine: e.behind.length
      ? `Behind their visit entitlement: ${plural(e.behind.length, 'school')} (${percent(e.fractionElapsed)} of the year gone)`
      : `Every school is on track for its visit entitlement (${percent(e.fractionElapsed)} of the year gone).`,
    behind: e.behind.map((s) => ({ line: `${s.name} (${s.urn}): ${s.made} of ${s.expectedSoFar} due so far, ${s.entitlement} a year` })),
  };
}

export function renderVisitCoverageCard(report: CoverageAndEntitlement): AdaptiveCard {
  return expandCard('visit-coverage', VisitCoverageCardSchema, coverageCardData(report));
}
