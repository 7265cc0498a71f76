import { DEFAULT_PROGRAMMES } from '../src/domain/coverage-programme.js';
import type { Person } from '../src/domain/person.js';
import { SchoolSchema } from '../src/domain/school.js';
import { exampleSchoolAmong } from '../src/app/schools/example-school.js';
import { aSchool } from '../test/support/builders.js';
import { areaKey, selfEvaluationAreasFor, type SelfEvaluation } from '../src/domain/self-evaluation.js';
import { healthCheckView } from '../src/app/health-checks/health-check-view.js';
import { selfEvaluationView } from '../src/app/self-evaluation/self-evaluation-view.js';
import { visitSummaryView } from '../src/app/visits/visit-view.js';
import type { HelpCard } from '../src/teams/cards/help.card.js';
import type { CardName } from '../src/teams/cards/render.js';
import { pictureFile, type CardSample } from './card-sample.js';
import { coverageCardData } from '../src/teams/cards/visit-coverage.card.js';
import { cliTasks } from '../src/cli/cli-tasks.js';
import { helpLines } from '../src/teams/handlers/help.handlers.js';
import { roleTitles } from '../src/teams/roles.js';
import { commands } from '../src/teams/routes.js';
import {
  agreedSelfEvaluation,
  priya,
  healthAreas,
  healthCheck,
  healthFindings,
  jo,
  names,
  NOW,
  oakwood,
  sam,
  sefGrades,
  selfEvaluationContext,
  submittedSelfEvaluation,
  submittedVisit,
  supportVisitTo,
  TIME_ZONE,
  visitAnswers,
} from './card-sample-records.js';
import { riskCardSamples } from './risk-card-samples.js';
import { milestoneCardSamples } from './milestone-card-samples.js';
import { planCardSamples } from './plan-card-samples.js';
import { digestCardSamples } from './digest-card-samples.js';
import { agendaSampleData, stateCardSamples } from './state-card-samples.js';

const strategyAttendees = [
  { email: jo.email, name: jo.name, why: 'Headteacher' },
  { email: 'chris.evans@oakwood.example.org', name: 'Chris Evans', why: 'Chair of governors' },
  { email: sam.email, name: sam.name, why: 'Link officer' },
];

function strategyMeetingSample() {
  return {
    meetingId: 'meeting-1',
    urn: oakwood.urn,
    schoolName: oakwood.name,
    status: 'booked' as const,
    firstMeeting: 'Tuesday 24 November 2026 at 09:00',
    nextMeeting: 'Tuesday 24 November 2026 at 09:00',
    intervalWeeks: 6,
    place: `${oakwood.name}, 12 Oak Lane, Oakham, LE15 6AB`,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/sample',
    attendees: [...strategyAttendees.map((a) => ({ name: `${a.name} (${a.email})`, why: a.why, required: true })), { name: 'ey.adviser@oakshire.example.org', why: 'Invited by Sam Patel', required: false }],
    note: 'Booked in your calendar; the invitations have gone to every attendee.',
  };
}

/**
 * Realistic sample data for every card, from a fictional local authority: Oakwood Primary School, its headteacher
 * Jo Baker, the link officer Sam Patel. `npm run docs:cards` renders each sample through the bot's own templates
 * into `docs/cards/<file>.png` for the user docs, and test/docs checks every card has a sample that fits its
 * schema, so the pictures cannot drift from the cards. Where a card shows each viewer their own view, there is
 * one sample per view.
 */
const sample = <N extends CardName>(s: CardSample<N>): CardSample<N> => s;

export { pictureFile, type CardSample };

/** The register the help pictures' examples pick from: Oakwood and a few test schools around it. */
const helpRegister = [oakwood, ...[1, 2, 3].map((n) => SchoolSchema.parse({ ...aSchool(n), tenantId: oakwood.tenantId, version: 1, createdAt: oakwood.createdAt, updatedAt: oakwood.updatedAt }))];

/**
 * The help card as `help` builds it for this person: the real command list, its examples naming the school the bot
 * would pick for them from `helpRegister`, so the picture matches the build.
 */
function helpFor(person: Pick<Person, 'name' | 'roles' | 'schools' | 'email'>): HelpCard {
  const { name, roles } = person;
  return {
    name,
    roles: roles.map((r) => roleTitles[r]).join(', '),
    commands: helpLines({ roles }, commands, exampleSchoolAmong(helpRegister, person)),
    cliTasks: roles.includes('admin') ? cliTasks() : [],
  };
}

/** A concern as the lead opens it (`ConcernView`): fictional words, as a visitor might write them. */
function concernSample() {
  return {
    concernId: 'c2',
    urn: oakwood.urn,
    schoolName: oakwood.name,
    raisedByName: sam.name,
    raisedOn: '2026-11-20',
    visitDate: '2026-11-20',
    visitType: 'SACRE RE visit',
    text: 'The RE lead seemed uneasy answering while a senior leader was in the room, and asked to talk afterwards.',
  };
}

const healthCheckFor = (viewer: Person) => healthCheckView(healthCheck, oakwood, names, viewer, TIME_ZONE);
const selfEvaluationFor = (sef: SelfEvaluation, viewer: Person) => selfEvaluationView(sef, selfEvaluationContext, viewer, NOW, TIME_ZONE);

/** Every card in its usual state, with one sample per view where viewers see different things. */
const usualSamples: CardSample[] = [
  sample({ card: 'help', view: 'officer', caption: 'help, as a school improvement officer sees it', data: helpFor(sam) }),
  sample({ card: 'help', view: 'headteacher', caption: 'help, as a headteacher sees it', data: helpFor(jo) }),
  sample({ card: 'help', view: 'administrator', caption: 'help, as an administrator sees it, with the server tasks', data: helpFor({ name: 'Alex Morgan', roles: ['admin'], schools: [], email: 'alex.morgan@oakshire.example.org' }) }),
  sample({
    card: 'whoami',
    caption: 'whoami: your roles, schools and training',
    data: {
      name: 'Sam Patel',
      email: sam.email,
      roles: 'School improvement officer',
      schools: [],
      training: [{ template: 'sacre-re-visit', since: 'since 2025-09-15' }],
    },
  }),
  sample({
    card: 'school-choice',
    caption: 'When a name fits several schools, pick one',
    data: {
      prompt: 'Several schools match "oak".',
      verb: 'visit.chooseSchool',
      choices: [
        { urn: '141001', name: 'Oakwood Primary School' },
        { urn: '141007', name: 'Oakfield Church of England Junior School' },
        { urn: '141012', name: 'Oak Tree Academy' },
      ],
    },
  }),
  sample({
    card: 'visit-start',
    caption: 'Starting a visit: choose the agenda and the planned date',
    data: {
      place: `${oakwood.name} (${oakwood.urn})`,
      urn: oakwood.urn,
      templates: [
        { id: 'la-annual-visit', name: 'LA annual visit' },
        { id: 'sit-support-visit', name: 'SIT support visit' },
        { id: 'partnership-development-visit', name: 'Partnership development visit' },
      ],
      unavailable: [{ name: 'SACRE RE visit', reason: '"SACRE RE visit" visits need training first: ask an administrator to record your training for sacre-re-visit.' }],
      today: '2026-11-23',
    },
  }),
  sample({
    card: 'visit-agenda',
    caption: 'The agenda card of a SIT support visit, saved as a draft',
    data: agendaSampleData(supportVisitTo('draft'), { 'visit.plannedDate': '2026-11-20', visitKind: 'Support and challenge', focus: visitAnswers.focus }, [], ['Draft saved: type visits to resume it later.']),
  }),
  sample({
    card: 'visit-summary',
    view: 'officer',
    caption: 'The submitted visit note, as the officer opens it later from visits, once the school has its copy',
    data: visitSummaryView(submittedVisit, names, sam, [], TIME_ZONE),
  }),
  sample({
    card: 'visit-summary',
    view: 'headteacher',
    caption: 'The school’s copy of the visit note, as the headteacher sees it, with Accurate and Dispute',
    data: visitSummaryView(submittedVisit, names, jo, [], TIME_ZONE),
  }),
  sample({
    card: 'visit-list',
    caption: 'visits: drafts to resume and recent visits to open',
    data: {
      open: [{ visitId: 'v3', schoolName: 'Hillside Academy', templateName: 'LA annual visit', status: 'draft', date: '2026-11-26' }],
      recent: [
        { visitId: 'v2', schoolName: oakwood.name, templateName: 'SIT support visit', status: 'submitted', date: '2026-11-20' },
        { visitId: 'v1', schoolName: 'Riverside Infant School', templateName: 'LA annual visit', status: 'declined', date: '2026-11-12' },
      ],
    },
  }),
  sample({
    card: 'visit-list',
    view: 'headteacher',
    caption: "visits, as a headteacher sees it: the school's notes awaiting an answer first, each with Open",
    data: {
      awaiting: [{ visitId: 'v2', schoolName: oakwood.name, templateName: 'SIT support visit', date: '2026-11-20', answer: 'awaiting' }],
      answered: [{ visitId: 'v0', schoolName: oakwood.name, templateName: 'LA annual visit', date: '2026-10-07', answer: 'accurate' }],
    },
  }),
  sample({
    card: 'visit-coverage',
    caption: 'coverage: SACRE RE visits against their target, every cluster an equal share, those below it named',
    data: coverageCardData({
      programme: DEFAULT_PROGRAMMES.sacre,
      coverage: {
        academicYear: '2026/27',
        asOf: '2026-11-23',
        totalSchools: 24,
        visited: 4,
        declined: 1,
        arranged: 2,
        contacted: 5,
        visitedFraction: 4 / 24,
        target: { fraction: 0.25, by: '2027-07-31', schools: 6 },
        expectedByNow: 1,
        status: 'on track',
        clusters: [
          { cluster: 'North', schools: 8, visited: 2, declined: 0, arranged: 1, visitedFraction: 2 / 8, share: 2, belowShare: false },
          { cluster: 'South', schools: 8, visited: 1, declined: 1, arranged: 1, visitedFraction: 1 / 8, share: 2, belowShare: true },
          { cluster: 'Town', schools: 8, visited: 1, declined: 0, arranged: 0, visitedFraction: 1 / 8, share: 2, belowShare: true },
        ],
        clustersBelowShare: ['South', 'Town'],
        declinedSchools: [{ urn: '141004', name: 'Riverside Infant School', cluster: 'South' }],
        nextToVisit: [{ urn: '141015', name: 'Meadow View Primary School', cluster: 'Town' }],
      },
      entitlement: {
        academicYear: '2026/27',
        asOf: '2026-11-23',
        fractionElapsed: 0.23,
        schools: [],
        behind: [{ urn: '141005', name: 'Brookfield Junior School', cluster: 'Town', entitlement: 6, made: 0, expectedSoFar: 1, shortfall: 1, status: 'behind' }],
      },
    }),
  }),
  sample({
    card: 'health-check',
    caption: 'The health check form: the nine areas rated red, amber or green (the early years or sixth form says which, or not applicable), with last year’s actions shown, reopened from the officer’s saved draft',
    data: {
      formId: 'form-hc-1',
      form: {
        urn: oakwood.urn,
        schoolName: oakwood.name,
        heldOn: '2026-11-18',
        previous: { id: 'hc-141001-2025-11-20', heldOn: '2025-11-20', nextDue: '2026-11-20' },
        stageChoice: 'earlyYears' as const,
        areas: healthAreas.map(({ id, title }) => ({ id, title, ...(id === 'earlyYearsOrSixthForm' ? { choosesStage: true } : {}) })).map((a) => (a.id === 'leadershipAndManagement' ? { ...a, previousRating: 'amber' as const, previousAction: 'Give subject leaders release time to monitor their subjects.' } : a)),
      },
      values: { 'qualityOfEducation.rating': 'green', 'qualityOfEducation.evidence': healthFindings.qualityOfEducation!.evidence },
      draftVersion: 1,
      draftNote: 'Your draft, saved Wednesday 18 November 2026 at 16:05: only you can see it until you submit.',
    },
  }),
  sample({ card: 'health-check-summary', view: 'headteacher', caption: 'A submitted health check, as the headteacher sees it, with Acknowledge', data: healthCheckFor(jo) }),
  sample({ card: 'health-check-summary', view: 'officer', caption: 'The same health check, as the officer sees it once submitted', data: { ...healthCheckFor(sam), note: 'Sent to Jo Baker in Teams.' } }),
  sample({
    card: 'health-check-list',
    caption: 'healthchecks: your schools’ latest checks',
    data: {
      rows: [
        { urn: oakwood.urn, schoolName: oakwood.name, last: { checkId: 'hc1', heldOn: '2026-11-18', overall: 'amber', status: 'awaitingAcknowledgement' }, nextDue: '2027-11-18', due: false },
        { urn: '141003', schoolName: 'Hillside Academy', last: { checkId: 'hc2', heldOn: '2025-10-02', overall: 'green', status: 'acknowledged' }, nextDue: '2026-10-02', due: true },
        { urn: '141005', schoolName: 'Brookfield Junior School', due: true },
      ],
    },
  }),
  sample({
    card: 'self-evaluation-form',
    caption: 'The self-evaluation form the headteacher fills in',
    data: {
      formId: 'form-sef-1',
      form: {
        urn: oakwood.urn,
        schoolName: oakwood.name,
        academicYear: '2026/27',
        requirement: 'required',
        expectedVersion: 0,
        areas: selfEvaluationAreasFor(oakwood).map((area) => ({ key: areaKey(area), area })),
      },
      values: { 'inclusion.grade': sefGrades[0]!.grade, 'inclusion.evidence': sefGrades[0]!.evidence },
    },
  }),
  sample({ card: 'self-evaluation', view: 'officer', caption: 'A submitted self-evaluation, as the link officer sees it: Agree or Challenge', data: selfEvaluationFor(submittedSelfEvaluation, sam) }),
  sample({ card: 'self-evaluation', view: 'headteacher', caption: 'The agreed self-evaluation, as the headteacher sees it: Sign', data: selfEvaluationFor(agreedSelfEvaluation, jo) }),
  sample({ card: 'self-evaluation', view: 'other', caption: 'The same card, as another officer or SIT member sees it: the self-evaluation, without buttons', data: selfEvaluationFor(agreedSelfEvaluation, priya) }),
  sample({
    card: 'self-evaluation-status',
    caption: 'sef: this year’s self-evaluations of your schools',
    data: {
      academicYear: '2026/27',
      rows: [
        { urn: oakwood.urn, schoolName: oakwood.name, requirement: 'required', progress: 'submitted', signedOff: false, feedbackGiven: false, feedbackOverdue: false },
        { urn: '141003', schoolName: 'Hillside Academy', requirement: 'invited', progress: 'not started', signedOff: false, feedbackGiven: false, feedbackOverdue: false },
        { urn: '141005', schoolName: 'Brookfield Junior School', requirement: 'required', progress: 'agreed', signedOff: true, feedbackDueOn: '2026-11-13', feedbackGiven: false, feedbackOverdue: true },
        { urn: '141004', schoolName: 'Riverside Infant School', requirement: 'required', progress: 'challenged', signedOff: false, feedbackDueOn: '2026-12-11', feedbackGiven: false, feedbackOverdue: false },
      ],
    },
  }),
  sample({
    card: 'annual-feedback',
    caption: 'sef <school> for a school with no self-evaluation: the link officer agrees the date the annual-visit feedback is due',
    data: {
      urn: '141003',
      schoolName: 'Hillside Academy',
      academicYear: '2026/27',
      requirement: 'invited',
      version: 1,
      dueOn: '2026-12-11',
      overdue: false,
      defaultDueOn: '2026-12-21',
      mayEdit: true,
      timeZone: 'Europe/London',
    },
  }),
  sample({
    card: 'concern-list',
    caption: 'confidential: the confidential concerns, as only the concerns lead sees them, newest first, with Send all in full',
    data: {
      sendId: 'send-1',
      rows: [
        { concernId: 'c2', urn: oakwood.urn, schoolName: oakwood.name, raisedByName: sam.name, raisedOn: '2026-11-20', visitDate: '2026-11-20', visitType: 'SACRE RE visit' },
        { concernId: 'c1', urn: '141003', schoolName: 'Hillside Academy', raisedByName: 'Priya Shah', raisedOn: '2026-10-08', visitDate: '2026-10-07', visitType: 'LA annual visit', handledOn: '2026-10-12' },
      ],
    },
  }),
  sample({
    card: 'concern-form',
    caption: 'concern <school>: a confidential concern raised with no visit, for the concerns lead only',
    data: { urn: oakwood.urn, schoolName: oakwood.name, formId: 'form-1', typed: 'A parent told me the school has stopped recording safeguarding incidents since the new head arrived.' },
  }),
  sample({ card: 'concern', view: 'waiting', caption: 'One confidential concern opened by the concerns lead, with Mark as handled', data: concernSample() }),
  sample({
    card: 'concern',
    view: 'handled',
    caption: 'The same concern once the lead has marked it handled, with their own note',
    data: { ...concernSample(), handled: { on: '2026-11-24', byName: 'Dana Okafor', note: 'Spoke to the headteacher in confidence; follow-up visit booked.' }, note: 'Marked as handled.' },
  }),
  ...riskCardSamples,
  ...milestoneCardSamples,
  ...planCardSamples,
  ...digestCardSamples,
  sample({
    card: 'strategy-slots',
    caption: 'strategy <school>: the first free times of every required attendee over the next two weeks, to book the six-weekly series',
    data: {
      urn: oakwood.urn,
      schoolName: oakwood.name,
      formId: 'form-1',
      timeZone: TIME_ZONE,
      attendees: strategyAttendees,
      missing: ['the head of service'],
      unknown: [],
      slots: [
        { date: '2026-11-24', time: '09:00', label: 'Tuesday 24 November 2026 at 09:00' },
        { date: '2026-11-24', time: '13:30', label: 'Tuesday 24 November 2026 at 13:30' },
        { date: '2026-11-26', time: '10:00', label: 'Thursday 26 November 2026 at 10:00' },
      ],
    },
  }),
  sample({ card: 'strategy-meeting', view: 'booked', caption: 'The series booked: first and next meeting, place, the Teams link and who is invited', data: strategyMeetingSample() }),
  sample({
    card: 'strategy-meeting',
    view: 'move',
    caption: 'Moving one meeting of the series: the next meetings listed, with a new date and time',
    data: {
      ...strategyMeetingSample(),
      upcoming: [
        { id: 'occ-1', label: 'Tuesday 24 November 2026 at 09:00' },
        { id: 'occ-2', label: 'Tuesday 5 January 2027 at 09:00' },
      ],
    },
  }),
  sample({
    card: 'meeting-progress',
    caption: "After a strategy meeting: progress against the action plan, with the plan's milestones (successes, barriers, next steps, RAG)",
    data: {
      meetingKind: 'strategy',
      meetingId: 'meeting-1',
      urn: oakwood.urn,
      schoolName: oakwood.name,
      on: '2026-11-24',
      meetingLabel: 'Strategy meeting of Tuesday 24 November 2026 at 09:00',
      milestones: [
        { title: '20 Nov', value: 'Met: Reading leader appointed' },
        { title: '27 Nov', value: 'Due soon: Every Reception and Year 1 teacher trained in the phonics programme' },
        { title: '15 Jan 2027', value: 'Not started: Four in five of the Year 1 target group at the expected standard in a practice phonics check' },
      ],
    },
  }),
  sample({
    card: 'allocation',
    caption: 'allocation: officer days shared in inverse proportion to success, to adjust and keep, beside the allocation kept last',
    data: {
      formId: 'form-1',
      form: {
        officerDays: 60,
        rows: [
          { urn: oakwood.urn, name: oakwood.name, why: 'risk high; Ofsted 2024-03-12: Requires Improvement; 1 visit behind', suggested: 22, kept: 20 },
          { urn: '141003', name: 'Hillside Academy', why: 'risk medium; report card 2026-02-04: 1 area needs attention', suggested: 13.5, kept: 15 },
          { urn: '141004', name: 'Riverside Infant School', why: 'risk low; Ofsted 2023-06-21: Good', suggested: 8, kept: 8 },
          { urn: '141005', name: 'Brookfield Junior School', why: 'risk low; no inspection on record', suggested: 16.5, kept: 17 },
        ],
        kept: { officerDays: 60, by: sam.name, on: '2026-10-05', total: 60 },
      },
    },
  }),
  sample({
    card: 'rab-setup',
    caption: 'rab <school>: an Education and Standards Committee member sets up a Raising Achievement Board',
    data: { formId: 'form-1', form: { urn: oakwood.urn, schoolName: oakwood.name, invitees: [jo.name, 'Chris Evans'], today: '2026-11-23' } },
  }),
  sample({
    card: 'rab',
    caption: 'A Raising Achievement Board: its meeting booked in Outlook, the progress recorded after it, and the form to record more',
    data: {
      formId: 'form-2',
      board: {
        boardId: 'b1',
        urn: oakwood.urn,
        schoolName: oakwood.name,
        members: ['Dr Helen Ward (helen.ward@trust.example.org)', 'Priya Shah (priya.shah@trust.example.org)'],
        invitees: [`Headteacher: ${jo.name}`, 'Chair of governors: Chris Evans'],
        meeting: '2026-12-07 at 16:00 (90 minutes, Europe/London)',
        place: oakwood.name,
        booked: true,
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/example',
        progress: [{ on: '2026-12-07', rag: 'amber', successes: 'Phonics programme in place in every class.', barriers: 'Two teaching vacancies in Key Stage 2.', nextSteps: 'Governors to review reading data in January.', by: 'Dr Helen Ward' }],
      },
    },
  }),
  sample({
    card: 'sit-digest',
    caption: 'The SIT digest in the SIT channel: the fortnight in counts, then each school with something new, highest risk first, intelligence notes by source side by side',
    data: {
      title: 'SIT digest: 9 Nov to Monday 23 November 2026',
      headline: '3 schools with something new: 2 visits, 1 declined, 1 health check, 1 risk change, 1 milestone overdue, 3 notes. 2 schools behind their visit entitlement; 1 school with feedback overdue.',
      counts: [
        { label: 'Visits', value: 2 },
        { label: 'Declined', value: 1 },
        { label: 'Health checks', value: 1 },
        { label: 'Risk changes', value: 1 },
        { label: 'Milestones overdue', value: 1 },
        { label: 'Notes', value: 3 },
      ],
      schools: [
        {
          urn: oakwood.urn,
          name: oakwood.name,
          riskLine: 'Risk: high, causing concern',
          lines: ['LA annual visit submitted 16 Nov', 'Risk medium → high (18 Nov, agreed with the school)', 'Milestone overdue since 13 Nov: Reading age up six months', 'Strategy meeting coming 27 Nov'],
          notes: [
            { source: 'Visit', texts: ['Phonics leadership is stronger'] },
            { source: 'Finance', texts: ['Deficit forecast for 2027/28'] },
            { source: 'Operations', texts: [] },
            { source: 'HR', texts: ['Two teaching vacancies in maths'] },
          ],
        },
        { urn: '110002', name: 'Riverside Infant School', riskLine: 'Risk: medium', lines: ['LA annual visit declined 12 Nov', 'Health check 19 Nov: amber (was green)'], notes: [] },
      ],
      behind: ['Riverside Infant School: 0 of 1 visits due so far (6 a year)', 'Hillside Academy: 0 of 1 visits due so far (6 a year)'],
      feedbackOverdue: ['Hillside Academy: feedback due 20 Nov'],
      digestId: 'd1',
    },
  }),
  sample({
    card: 'digest-report',
    caption: 'The two-monthly concern review: each school causing concern with its progress since the last review',
    data: {
      title: 'Concern review: 23 Sep to 23 Nov',
      headline: '1 school causing concern; 1 with progress recorded since the last review.',
      sections: [
        {
          heading: `${oakwood.name} (${oakwood.urn})`,
          subheading: 'Risk: high',
          lines: ['Strategy meeting 6 Nov: progress amber', 'Successes: Reading programme launched in every class', 'Next steps: Governors to review the reading data', 'Risk medium → high (18 Nov, agreed with the school)', 'Milestone overdue since 13 Nov: Reading age up six months'],
        },
      ],
      digestId: 'd2',
    },
  }),
];

/** Every card, and the states people also meet: empty lists, forms sent back, refusals, a copy on its way. */
export const cardSamples: CardSample[] = [...usualSamples, ...stateCardSamples(usualSamples)];
