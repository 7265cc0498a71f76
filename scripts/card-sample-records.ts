import { readFileSync } from 'node:fs';
import { AgendaTemplateSchema } from '../src/domain/agenda-template.js';
import { HEALTH_CHECK_AREAS, HealthCheckSchema, type HealthCheck } from '../src/domain/health-check.js';
import { PersonSchema, type Person } from '../src/domain/person.js';
import { SchoolSchema } from '../src/domain/school.js';
import { SelfEvaluationSchema, type SelfEvaluation } from '../src/domain/self-evaluation.js';
import { VisitSchema } from '../src/domain/visit.js';
import type { VisitContext } from '../src/app/visits/visit-view.js';

/**
 * The fictional records the card samples are built from: Oakshire Council, Oakwood Primary School, its headteacher
 * Jo Baker and link officer Sam Patel. Each is parsed with the store's own schema, so a sample built from them is a
 * record the bot could really hold; the views are then built by the bot's own view functions.
 */

/** The moment the pictures show: the docs are dated by it. */
export const NOW = new Date('2026-11-23T12:00:00.000Z');
export const TIME_ZONE = 'Europe/London';

const meta = { tenantId: 'oakshire', version: 4, createdAt: '2026-09-01T08:00:00.000Z', updatedAt: '2026-11-20T15:30:00.000Z' };

export const oakwood = SchoolSchema.parse({
  ...meta,
  id: 'school-oakwood',
  urn: '141001',
  name: 'Oakwood Primary School',
  phase: 'Primary',
  establishmentType: 'Community school',
  establishmentGroup: 'Local authority maintained schools',
  governance: 'maintained',
  hasNursery: true,
  cluster: 'North',
  headteacherName: 'Jo Baker',
  headteacherEmail: 'jo.baker@oakwood.example.org',
  linkOfficerEmail: 'sam.patel@oakshire.example.org',
  chairOfGovernorsEmail: 'chris.evans@oakwood.example.org',
});

const person = (id: string, name: string, email: string, roles: string[], more: object = {}): Person =>
  PersonSchema.parse({ ...meta, id, name, email, roles, aadObjectId: `aad-${id}`, ...more });

export const sam = person('person-sam', 'Sam Patel', 'sam.patel@oakshire.example.org', ['officer'], { trainedFor: [{ templateId: 'sacre-re-visit', date: '2025-09-15' }] });
export const jo = person('person-jo', 'Jo Baker', 'jo.baker@oakwood.example.org', ['headteacher'], { schools: [oakwood.urn] });
export const chris = person('person-chris', 'Chris Evans', 'chris.evans@oakwood.example.org', ['governor'], { schools: [oakwood.urn] });
/** A SIT member who is not Oakwood's link officer: reads its self-evaluation, with no buttons of their own. */
export const priya = person('person-priya', 'Priya Shah', 'priya.shah@oakshire.example.org', ['sit']);
export const people = [sam, jo, chris, priya];
export const names = new Map(people.map((p) => [p.id, p.name]));

export const supportVisit = AgendaTemplateSchema.parse(JSON.parse(readFileSync(new URL('../templates/sit-support-visit.json', import.meta.url), 'utf8')));

export const visitAnswers = {
  visitKind: 'Support and challenge',
  focus: 'Reading in Key Stage 1: phonics catch-up for the lowest 20%',
  priority1: 'Raise attainment in early reading',
  priority1Rating: 'amber',
  priority2: 'Improve attendance of disadvantaged pupils',
  priority2Rating: 'green',
  evidenceSeen: 'Phonics tracker for Years 1 and 2; three phonics lessons; reading records of six pupils.',
  strengths: 'Consistent phonics teaching in every class; well-trained teaching assistants.',
  areasForDevelopment: 'Catch-up sessions are often cancelled when staff are absent.',
  actionsAgreed: 'Jo Baker to timetable protected catch-up sessions by 5 December; Sam Patel to share the phonics audit tool.',
  nextVisitFocus: 'Impact of catch-up on the spring phonics check.',
  additionalVisitsNeeded: 'no',
};

/** Sam Patel's SIT support visit to Oakwood, at the given status. */
export function supportVisitTo(status: 'draft' | 'submitted', extra: object = {}): VisitContext {
  return {
    school: oakwood,
    template: supportVisit,
    visitorName: sam.name,
    visit: VisitSchema.parse({
      ...meta,
      id: 'visit-oakwood-2026-11-20',
      schoolUrn: oakwood.urn,
      templateId: supportVisit.id,
      templateVersion: supportVisit.version,
      visitType: supportVisit.visitType,
      visitorId: sam.id,
      plannedDate: '2026-11-20',
      status,
      ...extra,
    }),
  };
}

export const submittedVisit = supportVisitTo('submitted', {
  visitedDate: '2026-11-20',
  submittedAt: '2026-11-20T15:30:00.000Z',
  copySentAt: '2026-11-20T15:30:05.000Z',
  attendees: [
    { role: 'Headteacher', name: 'Jo Baker' },
    { role: 'Subject or phase leader', name: 'Amir Khan (English lead)' },
  ],
  answers: visitAnswers,
});

/** What Sam Patel found at Oakwood's health check, area by area. */
export const healthFindings: Record<string, Omit<HealthCheck['areas'][number], 'area'>> = {
  qualityOfEducation: { rating: 'green', evidence: 'Curriculum maps complete for every subject; deep dives in reading and maths.' },
  behaviourAndAttitudes: { rating: 'green', evidence: 'Calm corridors and lessons; suspensions down on last year.' },
  personalDevelopment: { rating: 'green', evidence: 'Broad clubs offer, taken up by 70% of disadvantaged pupils.' },
  earlyYearsOrSixthForm: { rating: 'amber', evidence: 'Good provision indoors; the outdoor area is under-used.', requiredAction: 'Plan outdoor learning for every area of learning by February.' },
  leadershipAndManagement: { rating: 'green', evidence: 'Middle leaders can explain their subject plans.', impactOfLastActions: 'Subject leaders now have release time and have each monitored twice.' },
  healthAndSafety: { rating: 'green', evidence: 'Fire drills and risk assessments up to date.' },
  internalAudit: { rating: 'amber', evidence: 'Two audit recommendations still open.', requiredAction: 'Close the purchasing-card recommendations before the spring audit.' },
  financialControls: { rating: 'green', evidence: 'Balanced budget; three-year forecast approved by governors.' },
  safeguarding: { rating: 'green', evidence: 'Single central record checked; staff training current.' },
};

export const healthAreas = HEALTH_CHECK_AREAS;

export const healthCheck = HealthCheckSchema.parse({
  ...meta,
  id: 'hc-141001-2026-11-18',
  urn: oakwood.urn,
  heldOn: '2026-11-18',
  officerId: sam.id,
  areas: healthAreas.map((a) => ({ area: a.id, ...healthFindings[a.id] })),
  earlyYearsOrSixthForm: 'earlyYears',
  previousCheckId: 'hc-141001-2025-11-20',
  headteacherId: jo.id,
  status: 'awaitingAcknowledgement',
  submittedAt: '2026-11-18T16:00:00.000Z',
  notice: 'teams',
});

export const sefGrades = [
  { area: 'inclusion', grade: 'strong standard', evidence: 'SEND audit in October; every pupil with a plan has a key adult.' },
  { area: 'curriculum and teaching', grade: 'expected standard', evidence: 'Reading and maths deep dives; foundation subjects still being sequenced.' },
  { area: 'achievement', grade: 'expected standard', evidence: 'KS2 reading 74% at the expected standard, in line with national.' },
  { area: 'attendance and behaviour', grade: 'strong standard', evidence: 'Attendance 95.8%; persistent absence down 3 points.' },
  { area: 'personal development and well-being', grade: 'strong standard', evidence: 'Pupil voice survey; clubs taken up by most disadvantaged pupils.' },
  { area: 'leadership and governance', grade: 'expected standard', evidence: 'Governors visit termly; the action plan is monitored each half term.' },
  { area: 'early years', grade: 'expected standard', evidence: 'GLD 68%; outdoor provision is a priority.' },
] as const;

export const submittedSelfEvaluation: SelfEvaluation = SelfEvaluationSchema.parse({
  ...meta,
  version: 2,
  id: 'sef-141001-2026',
  urn: oakwood.urn,
  academicYear: '2026/27',
  requirement: 'required',
  grades: sefGrades,
  status: 'submitted',
  submission: { personId: jo.id, at: '2026-11-16T09:12:00.000Z' },
  history: [{ at: '2026-11-16T09:12:00.000Z', personId: jo.id, event: 'submitted' }],
});

export const agreedSelfEvaluation: SelfEvaluation = SelfEvaluationSchema.parse({
  ...submittedSelfEvaluation,
  version: 3,
  status: 'agreed',
  judgement: {
    personId: sam.id,
    at: '2026-11-23T10:05:00.000Z',
    decision: 'agreed',
    accurateAndRobust: true,
    furtherChallenge: false,
    comments: 'Well evidenced. We will look at the early years outdoor provision at the annual visit.',
    feedbackDueOn: '2026-12-18',
  },
  history: [...submittedSelfEvaluation.history, { at: '2026-11-23T10:05:00.000Z', personId: sam.id, event: 'agreed' }],
});

/** The self-evaluation's context: Oakwood, its people, and the Teams ids the bot has heard from. */
export const selfEvaluationContext = { school: oakwood, people, teamsUserIds: new Map([[`aad-${jo.id}`, '29:jo-baker'], [`aad-${sam.id}`, '29:sam-patel']]) };
