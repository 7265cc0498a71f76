import { collateAllPartnerships, collatePartnership, type PartnershipCollation } from '../../domain/collation.js';
import { NotFoundError } from '../../domain/errors.js';
import { matchPartnership } from '../../domain/school.js';
import { postedLine, type DigestAudience, type DigestPeriod } from '../../domain/digest.js';
import { dayPeriodOf, periodLine, termlyPeriod } from './collation-period.js';
import type { ComposedDigest, DigestComposeContext, DigestComposer, DigestReadContext } from './digest-composer.port.js';

/**
 * The partnership digest (termly, or on demand with `digest partnership`): a partnership's development visits of the
 * period collated under the partnership report's four headings, anonymised (src/domain/collation.ts), for its
 * registered channel (`register partnership <name>`). Asked for without a partnership, it is the all-partnerships
 * summary in the report's own form, counting partnerships, for the SIT channel (the officers who commission the
 * visits). What it holds is counts and theme names: safe in a channel whose members know the schools.
 */

/** The data of the `partnership-digest` card (its schema is in the Teams layer's card module). */
export type PartnershipDigestView = { title: string; periodLine: string; postedLine?: string } & PartnershipCollation & { partnerships?: number };

/**
 * Every partnership in the register (open schools), each to its own channel, and the all-partnerships summary to
 * the SIT channel; or only the partnership named (NotFoundError when no school belongs to one of that name).
 */
export async function partnershipAudiences(ctx: DigestReadContext, options: { partnership?: string }): Promise<DigestAudience[]> {
  const schools = await ctx.store.find('schools', ctx.tenantId, { status: 'open' });
  if (options.partnership) {
    const name = matchPartnership(schools, options.partnership);
    if (!name) throw new NotFoundError(`The partnership ${options.partnership}`);
    return [{ channel: 'partnership', partnership: name }];
  }
  const names = [...new Set(schools.flatMap((s) => s.partnerships))].sort((a, b) => a.localeCompare(b));
  return [...names.map((partnership) => ({ channel: 'partnership' as const, partnership })), { channel: 'sit' as const }];
}

/** The view of one partnership's digest, or of the all-partnerships summary when `partnership` is absent. */
export async function partnershipDigestView(ctx: DigestReadContext, period: DigestPeriod, partnership?: string): Promise<PartnershipDigestView> {
  const [schools, visits] = await Promise.all([ctx.store.find('schools', ctx.tenantId), ctx.store.find('visits', ctx.tenantId, { visitType: 'partnership' })]);
  const days = dayPeriodOf(period, ctx.timeZone);
  const header = { periodLine: periodLine(period, ctx.timeZone, 'term') };
  if (!partnership) return { title: 'All partnerships: summary of development visits', ...header, ...collateAllPartnerships(schools, visits, days, ctx.timeZone) };
  return { title: `Partnership digest: ${partnership}`, ...header, ...collatePartnership(partnership, schools, visits, days, ctx.timeZone) };
}

/** The plain line that goes with the card. */
function summaryOf(view: PartnershipDigestView): string {
  const units = view.unit === 'school' ? 'schools' : 'partnerships';
  return view.enough
    ? `${view.title}, ${view.periodLine}: ${view.visits} visits to ${view.reporting} ${units}, themed and counted.`
    : `${view.title}, ${view.periodLine}: too little to report without identifying ${units}.`;
}

export async function composePartnershipDigest(ctx: DigestComposeContext): Promise<ComposedDigest> {
  const view = await partnershipDigestView(ctx, ctx.period, ctx.audience.channel === 'partnership' ? ctx.audience.partnership : undefined);
  return { card: { name: 'partnership-digest', data: { ...view, postedLine: postedLine(ctx.postedAt, ctx.asOf, ctx.timeZone) } }, summary: summaryOf(view) };
}

/** The partnership digest for the digest engine: termly by default, each partnership to its channel. */
export const partnershipDigestComposer: DigestComposer = {
  kind: 'partnership',
  audiences: partnershipAudiences,
  period: termlyPeriod,
  compose: composePartnershipDigest,
};
