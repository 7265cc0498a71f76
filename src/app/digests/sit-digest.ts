import { academicYearOf, localDate } from '../../domain/academic-year.js';
import { MILESTONE_STATUS_LABELS } from '../../domain/action-plan.js';
import { feedbackDueOf, isFeedbackOverdue } from '../../domain/annual-feedback.js';
import { postedLine, type DigestPeriod } from '../../domain/digest.js';
import { entitlement } from '../../domain/entitlement.js';
import { longDate, shortDate } from '../../domain/human-date.js';
import type { IntelligenceSource } from '../../domain/intelligence-note.js';
import { rankOf } from '../../domain/risk.js';
import { isOpen, UNASSESSED, type School } from '../../domain/school.js';
import type { SelfEvaluation } from '../../domain/self-evaluation.js';
import { hasChanges, sitDigestChanges, type SchoolChanges } from '../../domain/sit-digest.js';
import type { Zone } from '../../domain/time-zone.js';
import type { DigestComposeContext, DigestComposer } from './digest-composer.port.js';

/** The SIT digest's card (`cards/sit-digest.json`), as its data: lines are composed here, the Teams layer shows them as plain text. */
export const SIT_DIGEST_CARD = 'sit-digest';
/** A first SIT digest looks back one fortnight. */
export const FIRST_PERIOD_DAYS = 14;

export const SOURCE_TITLES: Readonly<Record<IntelligenceSource, string>> = { visit: 'Visit', finance: 'Finance', operations: 'Operations', hr: 'HR' };
const VISIT_NAMES: Readonly<Record<string, string>> = { sacre: 'SACRE RE visit', annual: 'LA annual visit', support: 'SIT support visit', partnership: 'partnership development visit', other: 'visit' };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const ONE: Readonly<Record<string, string>> = {
  Visits: 'visit',
  'Health checks': 'health check',
  'Self-evaluations': 'self-evaluation',
  'Risk changes': 'risk change',
  'Milestones confirmed': 'milestone confirmed',
  'Milestones overdue': 'milestone overdue',
  Notes: 'note',
};
/** "1 visit", "2 visits", "1 milestone confirmed": a count in the headline. */
const counted = (n: number, label: string) => `${n} ${n === 1 ? (ONE[label] ?? label.toLowerCase()) : label.toLowerCase()}`;

export interface SitDigestSchool {
  urn: string;
  name: string;
  riskLine: string;
  lines: string[];
  /** Intelligence notes by source, side by side; empty when none. */
  notes: { source: string; texts: string[] }[];
}

export interface SitDigestCardData {
  title: string;
  headline: string;
  /** Set when the card shows the current state of a posted digest. */
  postedLine: string;
  counts: { label: string; value: number }[];
  schools: SitDigestSchool[];
  behind: string[];
  feedbackOverdue: string[];
}

/** From the end of the last SIT digest (a fortnight back for the first) to the due time. */
export function sitPeriod(dueAt: Date, _timeZone: Zone, previous?: DigestPeriod): DigestPeriod {
  const from = previous && Date.parse(previous.to) < dueAt.getTime() ? previous.to : new Date(dueAt.getTime() - FIRST_PERIOD_DAYS * 86_400_000).toISOString();
  return { from, to: dueAt.toISOString() };
}

export function schoolLines(c: SchoolChanges, tz: Zone, today: string): string[] {
  const d = (at: string) => shortDate(at, tz, today);
  const lines: string[] = [];
  for (const v of c.visits) lines.push(v.status === 'submitted' ? `${VISIT_NAMES[v.visitType]} submitted ${d(v.at)}` : `${VISIT_NAMES[v.visitType]} declined ${d(v.at)}`);
  for (const h of c.healthChecks) lines.push(`Health check ${d(h.heldOn)}: ${h.rag}${h.previousRag ? (h.previousRag === h.rag ? ' (unchanged)' : ` (was ${h.previousRag})`) : ' (first check)'}`);
  for (const j of c.judgements) lines.push(`Self-evaluation ${j.academicYear} ${j.decision}${j.accurateAndRobust ? ', accurate and robust' : ', not yet accurate and robust'} (${d(j.at)})`);
  for (const r of c.riskChanges) lines.push(`Risk ${r.from} → ${r.to} (${d(r.at)}${r.source === 'inspection' ? ', after an inspection' : ', agreed with the school'})`);
  for (const m of c.milestones)
    lines.push(m.state === 'overdue' ? `Milestone overdue since ${d(m.due)}: ${m.target}` : `Milestone ${MILESTONE_STATUS_LABELS[m.state].toLowerCase()} (confirmed ${d(m.confirmedAt!)}): ${m.target}`);
  if (c.meetingsHeld.length) lines.push(`Strategy meeting held ${c.meetingsHeld.map(d).join(', ')}`);
  if (c.meetingsComing.length) lines.push(`Strategy meeting coming ${c.meetingsComing.map(d).join(', ')}`);
  return lines;
}

function countsOf(changes: readonly SchoolChanges[]): { label: string; value: number }[] {
  const sum = (f: (c: SchoolChanges) => number) => changes.reduce((n, c) => n + f(c), 0);
  return [
    { label: 'Visits', value: sum((c) => c.visits.filter((v) => v.status === 'submitted').length) },
    { label: 'Declined', value: sum((c) => c.visits.filter((v) => v.status === 'declined').length) },
    { label: 'Health checks', value: sum((c) => c.healthChecks.length) },
    { label: 'Self-evaluations', value: sum((c) => c.judgements.length) },
    { label: 'Risk changes', value: sum((c) => c.riskChanges.length) },
    { label: 'Milestones confirmed', value: sum((c) => c.milestones.filter((m) => m.state !== 'overdue').length) },
    { label: 'Milestones overdue', value: sum((c) => c.milestones.filter((m) => m.state === 'overdue').length) },
    { label: 'Notes', value: sum((c) => Object.values(c.notes).reduce((n, list) => n + list.length, 0)) },
  ];
}

/** The latest self-evaluation of each school (by academic year, then submission). */
function latestSefs(sefs: readonly SelfEvaluation[]): Map<string, SelfEvaluation> {
  const out = new Map<string, SelfEvaluation>();
  for (const s of sefs) {
    const held = out.get(s.urn);
    if (!held || s.academicYear > held.academicYear || (s.academicYear === held.academicYear && s.submission.at > held.submission.at)) out.set(s.urn, s);
  }
  return out;
}

/** Composes the SIT digest's card data from the records (each collection read once and grouped by school). */
export async function composeSitDigest(ctx: DigestComposeContext): Promise<SitDigestCardData> {
  const { store, tenantId, timeZone: tz, period, settings } = ctx;
  const year = academicYearOf(ctx.asOf, tz).label;
  const [schools, visits, healthChecks, selfEvaluations, riskChanges, actionPlans, notes, strategyMeetings, annualFeedback] = await Promise.all([
    store.find('schools', tenantId),
    store.find('visits', tenantId),
    store.find('healthChecks', tenantId),
    store.find('selfEvaluations', tenantId),
    store.find('riskChanges', tenantId),
    store.find('actionPlans', tenantId),
    store.find('notes', tenantId),
    store.find('strategyMeetings', tenantId),
    store.find('annualFeedback', tenantId, { academicYear: year }),
  ]);
  const asOf = ctx.asOf.toISOString();
  const today = localDate(ctx.asOf, tz);
  const changes = sitDigestChanges({
    from: period.from,
    to: period.to,
    asOf,
    fromDate: localDate(period.from, tz),
    toDate: localDate(period.to, tz),
    today,
    visits,
    healthChecks,
    selfEvaluations,
    riskChanges,
    actionPlans,
    notes,
    strategyMeetings,
  });
  const open = schools.filter(isOpen);
  const byUrn = new Map(open.map((s) => [s.urn, s] as const));
  const risk = (s: School) => (s.riskLevel === UNASSESSED ? -1 : rankOf(settings.riskScale, s.riskLevel));
  const listed = [...changes].filter(([urn, c]) => byUrn.has(urn) && hasChanges(c)).map(([urn, c]) => ({ school: byUrn.get(urn)!, c }));
  listed.sort((a, b) => risk(b.school) - risk(a.school) || a.school.name.localeCompare(b.school.name));

  const entitled = entitlement(open, visits, { asOf: ctx.asOf, timeZone: tz, defaultEntitlement: settings.visitEntitlementDefault });
  // Feedback overdue this academic year: the date agreed with a judged self-evaluation, else one agreed on its own.
  const sefs = latestSefs(selfEvaluations.filter((e) => e.academicYear === year));
  const dues = new Map(open.map((s) => [s.urn, feedbackDueOf(sefs.get(s.urn), annualFeedback.find((f) => f.urn === s.urn))] as const));
  const overdue = open.filter((s) => isFeedbackOverdue(dues.get(s.urn), today));
  const counts = countsOf(listed.map((l) => l.c));

  return {
    title: `SIT digest: ${shortDate(period.from, tz, today)} to ${longDate(period.to, tz)}`,
    headline: `${plural(listed.length, 'school')} with something new: ${counts.filter((c) => c.value > 0).map((c) => counted(c.value, c.label)).join(', ') || 'nothing new'}. ${plural(entitled.behind.length, 'school')} behind their visit entitlement; ${plural(overdue.length, 'school')} with feedback overdue.`,
    postedLine: postedLine(ctx.postedAt, ctx.asOf, tz),
    counts,
    schools: listed.map(({ school, c }) => ({
      urn: school.urn,
      name: school.name,
      riskLine: `Risk: ${school.riskLevel}${school.causingConcern ? ', causing concern' : ''}`,
      lines: schoolLines(c, tz, today),
      notes: Object.keys(c.notes).length ? (Object.keys(SOURCE_TITLES) as IntelligenceSource[]).map((s) => ({ source: SOURCE_TITLES[s], texts: (c.notes[s] ?? []).map((n) => n.text) })) : [],
    })),
    behind: entitled.behind.map((s) => `${s.name}: ${s.made} of ${s.expectedSoFar} visits due so far (${s.entitlement} a year)`),
    feedbackOverdue: overdue.map((s) => `${s.name}: feedback due ${shortDate(dues.get(s.urn)!.dueOn, tz, today)}`),
  };
}

/** The SIT digest as a composer: to the SIT channel, since the last one. */
export const sitDigestComposer: DigestComposer = {
  kind: 'sit',
  audiences: async () => [{ channel: 'sit' }],
  period: sitPeriod,
  async compose(ctx) {
    const data = await composeSitDigest(ctx);
    return { card: { name: SIT_DIGEST_CARD, data }, summary: `${data.title}. ${data.headline}` };
  },
};
