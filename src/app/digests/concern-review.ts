import { addMonths, localDate } from '../../domain/academic-year.js';
import { postedLine, type DigestPeriod } from '../../domain/digest.js';
import { shortDate } from '../../domain/human-date.js';
import { rankOf } from '../../domain/risk.js';
import { isOpen, UNASSESSED, type School } from '../../domain/school.js';
import { sitDigestChanges } from '../../domain/sit-digest.js';
import type { StrategyMeeting } from '../../domain/strategy-meeting.js';
import type { Zone } from '../../domain/time-zone.js';
import type { DigestComposeContext, DigestComposer } from './digest-composer.port.js';
import { schoolLines } from './sit-digest.js';

/** The report card both the concern review and the committee report use. */
export const DIGEST_REPORT_CARD = 'digest-report';

/** From the end of the last one, or two months (a review cycle) back for the first. */
export function monthsPeriod(months: number) {
  return (dueAt: Date, timeZone: Zone, previous?: DigestPeriod): DigestPeriod => {
    if (previous && Date.parse(previous.to) < dueAt.getTime()) return { from: previous.to, to: dueAt.toISOString() };
    const back = addMonths(localDate(dueAt, timeZone), -months);
    const from = new Date(Date.parse(`${back}T00:00:00Z`) + (dueAt.getTime() - Date.parse(`${localDate(dueAt, timeZone)}T00:00:00Z`)));
    return { from: from.toISOString(), to: dueAt.toISOString() };
  };
}

const within = (at: string, p: DigestPeriod) => Date.parse(at) > Date.parse(p.from) && Date.parse(at) <= Date.parse(p.to);

function progressLines(meetings: readonly StrategyMeeting[], period: DigestPeriod, tz: Zone, today: string): string[] {
  return meetings
    .flatMap((m) => m.progress)
    .filter((p) => within(p.recordedAt, period))
    .sort((a, b) => a.on.localeCompare(b.on))
    .flatMap((p) => [
      `Strategy meeting ${shortDate(p.on, tz, today)}: progress ${p.rag}`,
      ...(p.successes ? [`Successes: ${p.successes}`] : []),
      ...(p.barriers ? [`Barriers: ${p.barriers}`] : []),
      ...(p.nextSteps ? [`Next steps: ${p.nextSteps}`] : []),
    ]);
}

/**
 * The two-monthly review of schools causing concern (Rutland plan): each school on the list, highest risk first, with
 * its progress since the last review: strategy-meeting progress records, milestones confirmed or overdue, risk
 * changes, meetings held and coming. Never a confidential concern: that collection is not read.
 */
export async function composeConcernReview(ctx: DigestComposeContext) {
  const { store, tenantId, timeZone: tz, period, settings } = ctx;
  const [schools, riskChanges, actionPlans, strategyMeetings] = await Promise.all([
    store.find('schools', tenantId),
    store.find('riskChanges', tenantId),
    store.find('actionPlans', tenantId),
    store.find('strategyMeetings', tenantId),
  ]);
  const today = localDate(ctx.asOf, tz);
  const concern = schools.filter((s) => isOpen(s) && s.causingConcern);
  const urns = new Set(concern.map((s) => s.urn));
  const changes = sitDigestChanges({
    from: period.from,
    to: period.to,
    asOf: ctx.asOf.toISOString(),
    fromDate: localDate(period.from, tz),
    toDate: localDate(period.to, tz),
    today,
    visits: [],
    healthChecks: [],
    selfEvaluations: [],
    notes: [],
    riskChanges: riskChanges.filter((r) => urns.has(r.schoolUrn)),
    actionPlans: actionPlans.filter((p) => urns.has(p.urn)),
    strategyMeetings: strategyMeetings.filter((m) => urns.has(m.schoolUrn)),
  });
  const meetingsBySchool = new Map<string, StrategyMeeting[]>();
  for (const m of strategyMeetings) if (urns.has(m.schoolUrn)) (meetingsBySchool.get(m.schoolUrn) ?? meetingsBySchool.set(m.schoolUrn, []).get(m.schoolUrn)!).push(m);
  const risk = (s: School) => (s.riskLevel === UNASSESSED ? -1 : rankOf(settings.riskScale, s.riskLevel));
  const sorted = [...concern].sort((a, b) => risk(b) - risk(a) || a.name.localeCompare(b.name));
  const sections = sorted.map((s) => {
    const c = changes.get(s.urn);
    const lines = [...progressLines(meetingsBySchool.get(s.urn) ?? [], period, tz, today), ...(c ? schoolLines(c, tz, today) : [])];
    return { heading: `${s.name} (${s.urn})`, subheading: `Risk: ${s.riskLevel}`, facts: [], lines: lines.length ? lines : ['No progress recorded since the last review.'] };
  });
  const withProgress = sections.filter((s) => s.lines[0] !== 'No progress recorded since the last review.').length;
  return {
    title: `Concern review: ${shortDate(period.from, tz, today)} to ${shortDate(period.to, tz, today)}`,
    headline: `${sorted.length} ${sorted.length === 1 ? 'school' : 'schools'} causing concern; ${withProgress} with progress recorded since the last review.`,
    postedLine: postedLine(ctx.postedAt, ctx.asOf, tz),
    sections,
    emptyLine: sections.length ? '' : 'No school is causing concern.',
  };
}

/** The concern review as a composer: to the channel registered for it (`register concerns`), every two months. */
export const concernReviewComposer: DigestComposer = {
  kind: 'concerns',
  audiences: async () => [{ channel: 'concerns' }],
  period: monthsPeriod(2),
  async compose(ctx) {
    const data = await composeConcernReview(ctx);
    return { card: { name: DIGEST_REPORT_CARD, data }, summary: `${data.title}. ${data.headline}` };
  },
};
