import type { Store } from '../../src/app/ports/store.port.js';
import type { HealthCheckAreaId } from '../../src/domain/health-check.js';
import type { NewSchool } from './builders.js';
import { aSchool, anAgreedSelfEvaluation } from './builders.js';

/**
 * A fortnight of school-improvement work for the SIT digest tests, before TEST_NOW (Monday 23 November 2026): one
 * school of each kind of change, one with nothing new, and the confidential things a digest must never show.
 */
export const DIGEST_SCHOOLS: NewSchool[] = [
  aSchool(0, { riskLevel: 'high', causingConcern: true, inspections: [{ framework: 'legacy', date: '2023-05-10', overall: 'Requires Improvement' }] }),
  aSchool(1, { riskLevel: 'medium' }),
  aSchool(2, { riskLevel: 'low' }),
  aSchool(3, { riskLevel: 'low' }),
];
export const [HIGH, MEDIUM, LOW, QUIET] = DIGEST_SCHOOLS as [NewSchool, NewSchool, NewSchool, NewSchool];

export const SECRET_CONCERN = 'The head is under investigation (confidential)';
export const PRIVATE_PLAN_TARGET = 'Individual coaching for a named teacher';
export const DRAFT_ANSWER = 'Draft thoughts not yet shared';
export const PROGRESS = { successes: 'Reading programme launched in every class', nextSteps: 'Governors to review the reading data' };
export const NOTES = { visit: 'Phonics leadership is stronger', finance: 'Deficit forecast for 2027/28', operations: 'Roof repair delayed to spring', hr: 'Two teaching vacancies in maths' };

const rating = (area: HealthCheckAreaId, rag: 'green' | 'amber' | 'red') => ({ area, rating: rag, evidence: 'Seen in books', ...(rag === 'green' ? {} : { requiredAction: 'Act on it' }) });
const areas = (rag: 'green' | 'amber' | 'red') =>
  (['qualityOfEducation', 'behaviourAndAttitudes', 'personalDevelopment', 'leadershipAndManagement', 'healthAndSafety', 'internalAudit', 'financialControls', 'safeguarding'] as const).map((a, i) => rating(a, i === 0 ? rag : 'green'));

export const milestone = (id: string, target: string, due: string, status: 'notStarted' | 'met' = 'notStarted', at?: string) => ({
  id,
  target,
  due,
  status,
  ...(status === 'met' ? { confirmation: { outcome: 'met' as const, evidence: 'Seen in the data', by: 'person-head', at: at! } } : {}),
  queries: [],
});

export const plan = (urn: string, kind: 'school' | 'individual', milestones: ReturnType<typeof milestone>[]) => ({
  urn,
  kind,
  title: 'Improvement plan',
  status: 'live' as const,
  createdBy: 'person-officer',
  ...(kind === 'individual' ? { officerId: 'person-officer' } : {}),
  priorities: [],
  actions: [{ id: 'a1', text: 'Improve reading', owner: 'school' as const, ownerName: 'Deputy head', successCriteria: 'Reading at expected', laSupport: [], milestones }],
  reviewDates: [],
  agreement: {},
  delegateIds: [],
  changes: [],
});

/** Puts the fortnight's records in the store. */
export async function seedDigestFortnight(store: Store, tenantId: string, visitorId: string): Promise<void> {
  await store.transact(
    async (tx) => {
      const visit = { templateId: 'la-annual-visit', templateVersion: 1, visitType: 'annual' as const, visitorId, attendees: [], answers: {}, answerTags: {}, themes: [] };
      await tx.insert('visits', tenantId, { ...visit, schoolUrn: HIGH.urn, visitedDate: '2026-11-16', status: 'submitted', submittedAt: '2026-11-16T15:00:00Z' });
      await tx.insert('visits', tenantId, { ...visit, schoolUrn: MEDIUM.urn, plannedDate: '2026-11-12', status: 'declined', declinedReason: 'Staff illness', declinedAt: '2026-11-12T08:00:00Z' });
      await tx.insert('visits', tenantId, { ...visit, schoolUrn: QUIET.urn, status: 'draft', answers: { q1: DRAFT_ANSWER } });
      await tx.insert('riskChanges', tenantId, { schoolUrn: HIGH.urn, fromLevel: 'medium', proposedLevel: 'high', evidence: 'Falling outcomes', proposedBy: visitorId, proposedAt: '2026-11-10T10:00:00Z', status: 'agreed', appliedAt: '2026-11-18T10:00:00Z', source: 'dialogue' });
      const meeting = { organiserId: visitorId, organiserEmail: 'olivia@example.org', attendees: [{ email: 'head@example.org', role: 'headteacher' as const, required: true, why: 'Headteacher' }], location: { displayName: HIGH.name }, durationMinutes: 60, timeZone: 'Europe/London', intervalWeeks: 6, transactionId: 't1', status: 'booked' as const, moved: [], progress: [] };
      const progress = [{ on: '2026-11-06', successes: PROGRESS.successes, barriers: '', nextSteps: PROGRESS.nextSteps, rag: 'amber' as const, recordedBy: visitorId, recordedAt: '2026-11-06T12:00:00Z' }];
      await tx.insert('strategyMeetings', tenantId, { ...meeting, schoolUrn: HIGH.urn, seriesStart: { date: '2026-10-16', time: '10:00' }, progress });
      await tx.insert('strategyMeetings', tenantId, { ...meeting, schoolUrn: MEDIUM.urn, transactionId: 't2', seriesStart: { date: '2026-11-20', time: '10:00' } });
      await tx.insert('healthChecks', tenantId, { urn: MEDIUM.urn, heldOn: '2025-11-19', officerId: visitorId, areas: areas('amber'), status: 'acknowledged', submittedAt: '2025-11-19T16:00:00Z', notice: 'none' });
      await tx.insert('healthChecks', tenantId, { urn: MEDIUM.urn, heldOn: '2026-11-19', officerId: visitorId, areas: areas('red'), status: 'awaitingAcknowledgement', submittedAt: '2026-11-19T16:00:00Z', notice: 'none' });
      for (const [source, text] of Object.entries(NOTES)) await tx.insert('notes', tenantId, { schoolUrn: MEDIUM.urn, source: source as keyof typeof NOTES, text, author: visitorId, at: '2026-11-17T12:00:00Z' });
      await tx.insert(
        'selfEvaluations',
        tenantId,
        anAgreedSelfEvaluation(LOW.urn, '2026/27', { head: 'person-head', officer: visitorId, submittedAt: '2026-11-02T10:00:00Z', judgedAt: '2026-11-17T10:00:00Z', feedbackDueOn: '2026-12-18' }),
      );
      await tx.insert('actionPlans', tenantId, plan(LOW.urn, 'school', [milestone('m1', 'Reading age up six months', '2026-11-13'), milestone('m2', 'Attendance above 95%', '2026-11-30', 'met', '2026-11-20T09:00:00Z')]));
      await tx.insert('actionPlans', tenantId, plan(QUIET.urn, 'individual', [milestone('m9', PRIVATE_PLAN_TARGET, '2026-11-12')]));
      await tx.insert('concerns', tenantId, { schoolUrn: HIGH.urn, raisedBy: visitorId, text: SECRET_CONCERN, raisedAt: '2026-11-16T15:00:00Z' } as never);
    },
    { actor: 'test' },
  );
}
