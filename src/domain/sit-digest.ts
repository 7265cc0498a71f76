import { addDays, type IsoDate } from './academic-year.js';
import { milestoneChanges, type ActionPlan } from './action-plan.js';
import { overallRag, type HealthCheck } from './health-check.js';
import type { IntelligenceNote, IntelligenceSource } from './intelligence-note.js';
import type { Rag } from './rag.js';
import type { RiskChange } from './risk.js';
import type { SelfEvaluation } from './self-evaluation.js';
import { occurrencesBetween, type StrategyMeeting } from './strategy-meeting.js';
import type { Visit } from './visit.js';

/**
 * What changed for each school between two instants, for the SIT's fortnightly digest (DDAT policy: the SIT meets
 * fortnightly on the latest intelligence, triangulated with finance, operations and HR). Pure: the caller loads the
 * records once; every collection is grouped by school in one pass, so the cost grows with the records, not with
 * schools × records. Nothing confidential is read: concerns are not an input, draft visits and individual staff
 * plans are left out here.
 *
 * Items are chosen by the period; each item's state is read at `asOf` (a milestone overdue when the digest was
 * posted may be confirmed by the time someone opens it).
 */

export interface SitDigestInput {
  /** Instants: changes after `from`, up to and including `to`. */
  from: string;
  to: string;
  asOf: string;
  /** Local dates of `from`, `to` and `asOf` in the organisation's time zone. */
  fromDate: IsoDate;
  toDate: IsoDate;
  today: IsoDate;
  visits: readonly Visit[];
  healthChecks: readonly HealthCheck[];
  selfEvaluations: readonly SelfEvaluation[];
  riskChanges: readonly RiskChange[];
  actionPlans: readonly ActionPlan[];
  notes: readonly IntelligenceNote[];
  strategyMeetings: readonly StrategyMeeting[];
}

export interface SchoolChanges {
  visits: { visitType: Visit['visitType']; status: 'submitted' | 'declined'; at: string }[];
  healthChecks: { heldOn: IsoDate; rag: Rag; previousRag?: Rag }[];
  judgements: { academicYear: string; decision: 'agreed' | 'challenged'; accurateAndRobust: boolean; at: string }[];
  riskChanges: { from: string; to: string; at: string; source: RiskChange['source'] }[];
  /** Confirmed in the period, or overdue at its end; `state` as at `asOf`. */
  milestones: { target: string; due: IsoDate; state: 'overdue' | 'met' | 'partlyMet' | 'notMet'; confirmedAt?: string }[];
  notes: Partial<Record<IntelligenceSource, { text: string; at: string }[]>>;
  meetingsHeld: IsoDate[];
  meetingsComing: IsoDate[];
}

const within = (at: string | undefined, from: string, to: string) => !!at && Date.parse(at) > Date.parse(from) && Date.parse(at) <= Date.parse(to);
/** Strategy meetings coming: those in the fortnight after the digest. */
export const MEETINGS_AHEAD_DAYS = 14;

function emptyChanges(): SchoolChanges {
  return { visits: [], healthChecks: [], judgements: [], riskChanges: [], milestones: [], notes: {}, meetingsHeld: [], meetingsComing: [] };
}

/** Whether anything new was found for the school. */
export function hasChanges(c: SchoolChanges): boolean {
  return (
    c.visits.length + c.healthChecks.length + c.judgements.length + c.riskChanges.length + c.milestones.length + Object.keys(c.notes).length + c.meetingsHeld.length + c.meetingsComing.length > 0
  );
}

/** Each school's changes in the period, by URN; schools with nothing new are absent. */
export function sitDigestChanges(input: SitDigestInput): Map<string, SchoolChanges> {
  const out = new Map<string, SchoolChanges>();
  const of = (urn: string) => {
    let c = out.get(urn);
    if (!c) out.set(urn, (c = emptyChanges()));
    return c;
  };
  const { from, to, asOf } = input;

  for (const v of input.visits) {
    if (!v.schoolUrn) continue;
    if (v.status === 'submitted' && within(v.submittedAt, from, to)) of(v.schoolUrn).visits.push({ visitType: v.visitType, status: 'submitted', at: v.submittedAt! });
    else if (v.status === 'declined' && within(v.declinedAt, from, to)) of(v.schoolUrn).visits.push({ visitType: v.visitType, status: 'declined', at: v.declinedAt! });
  }

  const checksBySchool = new Map<string, HealthCheck[]>();
  for (const h of input.healthChecks) (checksBySchool.get(h.urn) ?? checksBySchool.set(h.urn, []).get(h.urn)!).push(h);
  for (const [urn, checks] of checksBySchool) {
    const sorted = [...checks].sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.submittedAt.localeCompare(b.submittedAt));
    sorted.forEach((h, i) => {
      if (!within(h.submittedAt, from, to)) return;
      const previous = sorted[i - 1];
      of(urn).healthChecks.push({ heldOn: h.heldOn, rag: overallRag(h.areas), previousRag: previous ? overallRag(previous.areas) : undefined });
    });
  }

  for (const s of input.selfEvaluations) {
    if (s.judgement && within(s.judgement.at, from, to)) of(s.urn).judgements.push({ academicYear: s.academicYear, decision: s.judgement.decision, accurateAndRobust: s.judgement.accurateAndRobust, at: s.judgement.at });
  }

  for (const r of input.riskChanges) {
    if (within(r.appliedAt, from, to)) of(r.schoolUrn).riskChanges.push({ from: r.fromLevel, to: r.proposedLevel, at: r.appliedAt!, source: r.source });
  }

  // Individual staff support plans are private to the headteacher and its officer: milestoneChanges leaves them out.
  for (const m of milestoneChanges(input.actionPlans, { from, to, toDate: input.toDate }, asOf)) {
    of(m.urn).milestones.push({ target: m.target, due: m.due, state: m.state, confirmedAt: m.confirmedAt });
  }

  for (const n of input.notes) {
    if (!within(n.at, from, to)) continue;
    const notes = of(n.schoolUrn).notes;
    (notes[n.source] ??= []).push({ text: n.text, at: n.at });
  }

  const ahead = addDays(input.toDate, MEETINGS_AHEAD_DAYS);
  for (const m of input.strategyMeetings) {
    if (m.status === 'pending') continue;
    const held = occurrencesBetween(m, addDays(input.fromDate, 1), input.toDate).map((o) => o.date);
    const coming = occurrencesBetween(m, addDays(input.toDate, 1), ahead).map((o) => o.date);
    if (held.length) of(m.schoolUrn).meetingsHeld.push(...held);
    if (coming.length) of(m.schoolUrn).meetingsComing.push(...coming);
  }
  return out;
}
