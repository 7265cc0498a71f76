import { localDate } from '../../domain/academic-year.js';
import { shortCalendarDate } from '../../domain/human-date.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { CRITERION_WORDING } from '../../domain/risk.js';
import { isOpen } from '../../domain/school.js';
import { linkOfficerOf } from '../../domain/school-roles.js';
import { nextOccurrence } from '../../domain/strategy-meeting.js';
import type { RiskDeps } from './risk-deps.js';
import { milestoneCounts } from '../milestones/milestone-view.js';

/** One school on the list of schools causing concern. */
export interface ConcernRow {
  urn: string;
  schoolName: string;
  level: string;
  /** When its present level was applied, and the criterion it was applied on. */
  since: string;
  why: string;
  linkOfficer: string;
  nextMeeting: string;
  lastProgress: string;
  /** The open and overdue milestones of its live action plan, or that it has none. */
  milestones: string;
}

/**
 * The list of schools causing concern, for officers and the SIT: each open school marked as causing concern, with
 * its level, since when and why (the last applied change), its link officer, its next strategy meeting (or none
 * booked) and the last progress recorded at one. Highest level first, then by name.
 */
export async function schoolsCausingConcern(deps: RiskDeps, tenantId: string, actor: Person): Promise<ConcernRow[]> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only officers and SIT members can see the list of schools causing concern.');
  const [schools, changes, meetings, people, plans] = await Promise.all([
    deps.store.find('schools', tenantId, { causingConcern: true }),
    deps.store.find('riskChanges', tenantId),
    deps.store.find('strategyMeetings', tenantId),
    deps.store.find('people', tenantId),
    deps.store.find('actionPlans', tenantId, { status: 'live' }),
  ]);
  const today = localDate(deps.clock.now(), deps.timeZone);
  const rank = (level: string) => deps.scale.levels.indexOf(level);
  return schools
    .filter(isOpen)
    .sort((a, b) => rank(b.riskLevel) - rank(a.riskLevel) || a.name.localeCompare(b.name))
    .map((school) => {
      const applied = changes
        .filter((c) => c.schoolUrn === school.urn && c.appliedAt)
        .sort((a, b) => b.appliedAt!.localeCompare(a.appliedAt!))[0];
      const own = meetings.filter((m) => m.schoolUrn === school.urn);
      const next = own
        .map((m) => nextOccurrence(m, today))
        .filter((o) => !!o)
        .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time))[0];
      const progress = own.flatMap((m) => m.progress).sort((a, b) => b.on.localeCompare(a.on) || b.recordedAt.localeCompare(a.recordedAt))[0];
      const officer = linkOfficerOf(school, people);
      const counts = milestoneCounts(plans, school.urn, today);
      const hasPlan = plans.some((p) => p.urn === school.urn && p.kind === 'school');
      return {
        urn: school.urn,
        schoolName: school.name,
        level: school.riskLevel,
        since: applied ? localDate(applied.appliedAt!, deps.timeZone) : 'not recorded',
        why: applied?.criterion ? CRITERION_WORDING[applied.criterion] : 'not recorded',
        linkOfficer: officer?.name ?? school.linkOfficerEmail ?? 'none assigned',
        nextMeeting: next ? `${shortCalendarDate(next.date)}, ${next.time}` : 'none booked',
        milestones: hasPlan ? `${counts.open} open, ${counts.overdue} overdue` : 'no live action plan',
        lastProgress: progress ? `${progress.on} (${progress.rag})${progress.nextSteps ? `: next steps ${progress.nextSteps}` : ''}` : 'none recorded',
      };
    });
}
