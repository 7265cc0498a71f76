import { latestVersions } from '../../domain/agenda-template.js';
import { collateSacre, type SacreCollation, type SacreItem } from '../../domain/sacre-collation.js';
import type { Zone } from '../../domain/time-zone.js';
import { allTemplateVersions } from '../visits/templates.js';
import { postedLine, type DigestAudience, type DigestPeriod } from '../../domain/digest.js';
import { academicYearToDate, dayPeriodOf, periodLine } from './collation-period.js';
import type { ComposedDigest, DigestComposeContext, DigestComposer, DigestReadContext } from './digest-composer.port.js';

/**
 * The SACRE collation (`digest sacre`, for the SACRE's report): every SACRE RE visit of the period collated by agenda
 * item and theme, ratings and choices counted, declines with their reasons grouped, anonymised
 * (src/domain/sacre-collation.ts). It has no channel of its own: it is asked for, and goes privately to whoever
 * asked (or is printed with `--preview`), so it is never posted on a schedule.
 */

/** The data of the `sacre-digest` card (its schema is in the Teams layer's card module). */
export type SacreDigestView = { title: string; periodLine: string; postedLine?: string } & SacreCollation;

/**
 * The items of the SACRE's agendas (visits of the `sacre` kind), newest version of each agenda, in agenda order, each
 * item once: their prompts head the collation.
 */
async function sacreItems(ctx: DigestReadContext): Promise<SacreItem[]> {
  const agendas = latestVersions(await allTemplateVersions(ctx.store, ctx.tenantId, ctx.settings.builtInTemplates)).filter((t) => t.visitType === 'sacre');
  const byId = new Map<string, SacreItem>();
  for (const item of agendas.flatMap((t) => t.items)) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}

export async function sacreDigestView(ctx: DigestReadContext, period: DigestPeriod): Promise<SacreDigestView> {
  const [items, visits] = await Promise.all([sacreItems(ctx), ctx.store.find('visits', ctx.tenantId, { visitType: 'sacre' })]);
  return {
    title: 'SACRE collation of RE visits',
    periodLine: periodLine(period, ctx.timeZone, 'year'),
    ...collateSacre(items, visits, dayPeriodOf(period, ctx.timeZone), ctx.timeZone),
  };
}

export async function composeSacreDigest(ctx: DigestComposeContext): Promise<ComposedDigest> {
  const view = await sacreDigestView(ctx, ctx.period);
  const summary = view.enough
    ? `${view.title}, ${view.periodLine}: ${view.visits} visits to ${view.visited} schools; ${view.declines.schools} declined.`
    : `${view.title}, ${view.periodLine}: too little to report without identifying schools; ${view.declines.schools} declined.`;
  return { card: { name: 'sacre-digest', data: { ...view, postedLine: postedLine(ctx.postedAt, ctx.asOf, ctx.timeZone) } }, summary };
}

/** Never posted on a schedule: it has no channel (see above). */
const noAudiences = async (): Promise<DigestAudience[]> => [];

/** The SACRE collation for the digest engine: on demand, the academic year to date unless a period is given. */
export const sacreDigestComposer: DigestComposer = {
  kind: 'sacre',
  audiences: noAudiences,
  period: (dueAt: Date, timeZone: Zone) => academicYearToDate(dueAt, timeZone),
  compose: composeSacreDigest,
};
