import { academicYearOf, localDate } from '../../domain/academic-year.js';
import { programmeOf, programmeSchools, programmeVisits, ProgrammeIdSchema } from '../../domain/coverage-programme.js';
import { entitlement } from '../../domain/entitlement.js';
import { latestHealthCheck, overallRag, type HealthCheck } from '../../domain/health-check.js';
import { shortDate } from '../../domain/human-date.js';
import { postedLine } from '../../domain/digest.js';
import { isCategoryOfConcern, latestInspection, startCriterionOf } from '../../domain/inspection.js';
import { isOpen } from '../../domain/school.js';
import { selfEvaluationRequirement } from '../../domain/self-evaluation.js';
import { visitsBetween } from '../../domain/visit.js';
import type { DigestComposeContext, DigestComposer } from './digest-composer.port.js';
import { DIGEST_REPORT_CARD, monthsPeriod } from './concern-review.js';

const percent = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '0%');
const fact = (title: string, n: number, of?: number) => ({ title, value: of === undefined ? String(n) : `${n} (${percent(n, of)})` });

/**
 * The organisation-wide picture for the Education and Standards Committee, three times a year (DDAT policy: termly
 * reports): visits against entitlement and coverage by programme, the latest health check's RAG, inspection outcomes
 * under both frameworks each on its own terms, self-evaluations agreed. Counts only: no school, person or free text.
 */
export async function composeCommitteeReport(ctx: DigestComposeContext) {
  const { store, tenantId, timeZone: tz, settings } = ctx;
  const [schools, visits, healthChecks, selfEvaluations] = await Promise.all([
    store.find('schools', tenantId),
    store.find('visits', tenantId),
    store.find('healthChecks', tenantId),
    store.find('selfEvaluations', tenantId),
  ]);
  const today = localDate(ctx.asOf, tz);
  const year = academicYearOf(today, tz);
  const open = schools.filter(isOpen);
  const n = open.length;
  const thisYear = visitsBetween(visits, year.start, today, tz).filter((v) => v.status === 'submitted' || v.status === 'declined');

  const ent = entitlement(open, visits, { asOf: ctx.asOf, timeZone: tz, defaultEntitlement: settings.visitEntitlementDefault });
  const byStatus = (s: string) => ent.schools.filter((r) => r.status === s).length;

  const coverage = ProgrammeIdSchema.options.map((id) => {
    const programme = programmeOf(id, settings.coverage[id]);
    const population = programmeSchools(programme, open);
    const counted = programmeVisits(programme, thisYear, population);
    const visited = new Set(counted.filter((v) => v.status === 'submitted').map((v) => v.schoolUrn));
    const declined = new Set(counted.filter((v) => v.status === 'declined' && !visited.has(v.schoolUrn)).map((v) => v.schoolUrn));
    return { title: programme.name, value: `${visited.size} of ${population.length} schools visited (${percent(visited.size, population.length)}); ${declined.size} declined; target ${Math.round(programme.target.fraction * 100)}%` };
  });

  const checks = new Map<string, HealthCheck[]>();
  for (const h of healthChecks) (checks.get(h.urn) ?? checks.set(h.urn, []).get(h.urn)!).push(h);
  const rags = open.map((s) => {
    const latest = latestHealthCheck(checks.get(s.urn) ?? []);
    return latest ? overallRag(latest.areas) : 'none';
  });
  const rag = (r: string) => rags.filter((x) => x === r).length;

  const latest = open.map((s) => latestInspection(s.inspections));
  const legacy = latest.filter((o) => o?.framework === 'legacy');
  const cards = latest.filter((o) => o?.framework === 'reportCard');
  const legacyGrade = (g: string) => legacy.filter((o) => o!.framework === 'legacy' && o!.overall === g).length;

  const sefs = selfEvaluations.filter((s) => s.academicYear === year.label);
  const sefStatus = (st: string) => sefs.filter((s) => s.status === st).length;
  const submitted = new Set(sefs.map((s) => s.urn));
  const notStarted = open.filter((s) => !submitted.has(s.urn));

  const sections = [
    { heading: `Visits against entitlement (${year.label})`, subheading: `${Math.round(ent.fractionElapsed * 100)}% of the year gone`, facts: [fact('Met', byStatus('met'), n), fact('On track', byStatus('on track'), n), fact('Behind', byStatus('behind'), n)], lines: [] },
    { heading: 'Coverage by programme', subheading: '', facts: coverage, lines: [] },
    { heading: 'Health checks (latest for each school)', subheading: '', facts: [fact('Green', rag('green'), n), fact('Amber', rag('amber'), n), fact('Red', rag('red'), n), fact('None yet', rag('none'), n)], lines: [] },
    {
      heading: 'Inspections (latest for each school)',
      subheading: 'Each framework on its own terms: judgements before September 2024 and report cards from November 2025 are not converted into each other.',
      facts: [
        ...['Outstanding', 'Good', 'Requires Improvement', 'Inadequate'].map((g) => fact(`Judgement: ${g}`, legacyGrade(g))),
        fact('Report card: category of concern', cards.filter((o) => isCategoryOfConcern(o!)).length),
        fact('Report card: needs attention, urgent improvement or safeguarding not met', cards.filter((o) => !isCategoryOfConcern(o!) && startCriterionOf(o!)).length),
        fact('Report card: expected standard or above throughout', cards.filter((o) => !startCriterionOf(o!)).length),
        fact('No inspection recorded', latest.filter((o) => !o).length),
      ],
      lines: [],
    },
    {
      heading: `Self-evaluations ${year.label}`,
      subheading: '',
      facts: [
        fact('Agreed as accurate and robust', sefStatus('agreed')),
        fact('Challenged', sefStatus('challenged')),
        fact('Submitted, awaiting judgement', sefStatus('submitted')),
        fact('Not yet submitted (required)', notStarted.filter((s) => selfEvaluationRequirement(s) === 'required').length),
        fact('Not yet submitted (invited)', notStarted.filter((s) => selfEvaluationRequirement(s) === 'invited').length),
      ],
      lines: [],
    },
  ];
  return {
    title: `Committee report: ${shortDate(ctx.period.from, tz, today)} to ${shortDate(ctx.period.to, tz, today)}`,
    headline: `${n} open schools; ${thisYear.filter((v) => v.status === 'submitted').length} visits this academic year; ${byStatus('behind')} schools behind their entitlement; ${sefStatus('agreed')} self-evaluations agreed.`,
    postedLine: postedLine(ctx.postedAt, ctx.asOf, tz),
    sections,
    emptyLine: '',
  };
}

/** The committee report as a composer: to the SIT channel (for the committee's papers), three times a year. */
export const committeeReportComposer: DigestComposer = {
  kind: 'committee',
  audiences: async () => [{ channel: 'sit' }],
  period: monthsPeriod(4),
  async compose(ctx) {
    const data = await composeCommitteeReport(ctx);
    return { card: { name: DIGEST_REPORT_CARD, data }, summary: `${data.title}. ${data.headline}` };
  },
};
