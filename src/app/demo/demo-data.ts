import type { Person } from '../../domain/person.js';
import type { NewRecord } from '../../domain/record.js';
import type { School } from '../../domain/school.js';

/**
 * Demo data for trying the bot in the Microsoft 365 Agents Playground: made-up schools, every one
 * named "(demo)" and numbered in the 990xxx range, which no real establishment uses, so they can
 * never be mistaken for (or collide with) a GIAS import.
 *
 * The people are the Playground's own mock users, so that the Playground's default user can act at
 * once. Read from @microsoft/m365agentsplayground 0.2.28, `dist/index.js`, its built-in config:
 *   tenantId 00000000-0000-0000-0000-0000000000001
 *   currentUser: id user-id-0, name Alex Wilber, email alexw@example.com, aadObjectId 00000000-0000-0000-0000-0000000000020
 *   users: user-id-1 Megan Bowen (…021, meganb@example.com), user-id-2 Adele Vance (…022, adelev@example.com),
 *          user-id-3 Isaiah Langer (…023, isaiahl@example.com), user-id-4 Patti Fernandez (…024, pattif@example.com),
 *          user-id-5 Lynne Robbins (…025, lynner@example.com)
 */

/** The Playground's default user: what its activities carry in `from.aadObjectId`. */
export const PLAYGROUND_DEFAULT_USER = {
  id: 'user-id-0',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
} as const;

/** The tenant the Playground puts in `conversation.tenantId` and `channelData.tenant.id`. */
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-0000000000001';

const playgroundObjectId = (n: number) => `00000000-0000-0000-0000-00000000000${20 + n}`;

export const DEMO_CLUSTERS = ['Riverside cluster', 'Hilltop cluster', 'Market Town cluster'] as const;
export const DEMO_PARTNERSHIPS = ['Learning Together Partnership', 'Rural Schools Partnership'] as const;
const [RIVERSIDE, HILLTOP, MARKET_TOWN] = DEMO_CLUSTERS;
const [LEARNING_TOGETHER, RURAL] = DEMO_PARTNERSHIPS;

const LINK_OFFICER = PLAYGROUND_DEFAULT_USER.email;
const SIT_MEMBER = 'pattif@example.com';
const DERBY = { religiousCharacter: 'Church of England', diocese: 'Diocese of Derby', dioceseContactEmail: 'education@derby-diocese.example.org' };
const NOTTINGHAM = { religiousCharacter: 'Roman Catholic', diocese: 'Diocese of Nottingham', dioceseContactEmail: 'schools@nottingham-diocese.example.org' };

type DemoSchool = NewRecord<School> & { id: string };

/**
 * Whether a record is one of the demo's: their ids start `demo-`, which an import never gives (the store picks
 * imported records' ids). Local mode lets anyone act as a demo person; real records need an administrator's say.
 */
export const isDemoRecord = (record: { id: string }): boolean => record.id.startsWith('demo-');

function school(urn: string, name: string, fields: Partial<DemoSchool> & Pick<School, 'phase' | 'establishmentType' | 'establishmentGroup' | 'governance' | 'cluster'>): DemoSchool {
  return {
    id: `demo-school-${urn}`,
    urn,
    name: `${name} (demo)`,
    hasNursery: false,
    hasSixthForm: false,
    partnerships: [],
    linkOfficerEmail: LINK_OFFICER,
    riskLevel: 'low',
    causingConcern: false,
    visitEntitlement: 6,
    inspections: [],
    status: 'open',
    ...fields,
  };
}

const MAINTAINED = 'Local authority maintained schools';

/** Twelve schools across three clusters and two partnerships (four schools each, so partnership digests are not suppressed). */
export const demoSchools: readonly DemoSchool[] = [
  school('990001', 'Oakfield Primary School', {
    phase: 'Primary', establishmentType: 'Community school', establishmentGroup: MAINTAINED, governance: 'maintained',
    cluster: RIVERSIDE, partnerships: [LEARNING_TOGETHER], hasNursery: true,
    headteacherName: 'Adele Vance', headteacherEmail: 'adelev@example.com', chairOfGovernorsEmail: 'lynner@example.com',
    inspections: [{ framework: 'legacy', date: '2022-03-09', overall: 'Good' }],
  }),
  school('990002', "St Mary's Church of England Primary School", {
    phase: 'Primary', establishmentType: 'Voluntary aided school', establishmentGroup: MAINTAINED, governance: 'maintained', ...DERBY,
    cluster: RIVERSIDE, partnerships: [LEARNING_TOGETHER], reLeadEmail: 're.lead@st-marys.example.org',
    inspections: [{ framework: 'legacy', date: '2019-11-20', overall: 'Outstanding' }],
  }),
  school('990003', 'Riverside Academy', {
    phase: 'Secondary', establishmentType: 'Academy converter', establishmentGroup: 'Academies', governance: 'academy',
    cluster: RIVERSIDE, hasSixthForm: true, headteacherName: 'Sam Okafor', headteacherEmail: 'sam.okafor@riverside.example.org',
    inspections: [{ framework: 'legacy', date: '2023-05-17', overall: 'Good' }],
  }),
  school('990004', "St Joseph's Catholic Primary School", {
    phase: 'Primary', establishmentType: 'Voluntary aided school', establishmentGroup: MAINTAINED, governance: 'maintained', ...NOTTINGHAM,
    cluster: HILLTOP, partnerships: [RURAL],
    inspections: [{ framework: 'legacy', date: '2021-10-06', overall: 'Good' }],
  }),
  school('990005', 'Hilltop Community Primary School', {
    phase: 'Primary', establishmentType: 'Community school', establishmentGroup: MAINTAINED, governance: 'maintained',
    cluster: HILLTOP, hasNursery: true, riskLevel: 'high', causingConcern: true, visitEntitlement: 9,
    headteacherName: 'Isaiah Langer', headteacherEmail: 'isaiahl@example.com', chairOfGovernorsEmail: 'lynner@example.com',
    inspections: [
      { framework: 'legacy', date: '2023-01-25', overall: 'Requires Improvement' },
      {
        framework: 'reportCard',
        date: '2026-03-11',
        grades: {
          inclusion: 'needs attention',
          'curriculum and teaching': 'needs attention',
          achievement: 'urgent improvement',
          'attendance and behaviour': 'expected standard',
          'personal development and well-being': 'expected standard',
          'leadership and governance': 'needs attention',
          'early years': 'expected standard',
        },
        safeguardingMet: true,
      },
    ],
  }),
  school('990006', 'Hilltop High School', {
    phase: 'Secondary', establishmentType: 'Foundation school', establishmentGroup: MAINTAINED, governance: 'maintained',
    cluster: HILLTOP, hasSixthForm: true, riskLevel: 'medium', linkOfficerEmail: SIT_MEMBER,
    inspections: [{ framework: 'legacy', date: '2022-09-28', overall: 'Requires Improvement' }],
  }),
  school('990007', 'Meadowbank Free School', {
    phase: 'Primary', establishmentType: 'Free schools', establishmentGroup: 'Free Schools', governance: 'academy',
    cluster: HILLTOP, partnerships: [RURAL],
  }),
  school('990008', 'Market Street Infant School', {
    phase: 'Primary', establishmentType: 'Community school', establishmentGroup: MAINTAINED, governance: 'maintained',
    cluster: MARKET_TOWN, partnerships: [LEARNING_TOGETHER], hasNursery: true,
    inspections: [{ framework: 'legacy', date: '2020-02-12', overall: 'Good' }],
  }),
  school('990009', 'All Saints Church of England Academy', {
    phase: 'Secondary', establishmentType: 'Academy sponsor led', establishmentGroup: 'Academies', governance: 'academy', ...DERBY,
    cluster: MARKET_TOWN, hasSixthForm: true, linkOfficerEmail: SIT_MEMBER,
    inspections: [{ framework: 'legacy', date: '2024-02-07', overall: 'Good' }],
  }),
  school('990010', 'Brookside Junior School', {
    phase: 'Primary', establishmentType: 'Community school', establishmentGroup: MAINTAINED, governance: 'maintained',
    cluster: MARKET_TOWN, partnerships: [RURAL], riskLevel: 'medium',
    inspections: [{ framework: 'legacy', date: '2023-06-21', overall: 'Requires Improvement' }],
  }),
  school('990011', 'Wellfield Church of England Primary School', {
    phase: 'Primary', establishmentType: 'Voluntary controlled school', establishmentGroup: MAINTAINED, governance: 'maintained', ...DERBY,
    cluster: RIVERSIDE, partnerships: [RURAL],
    inspections: [{ framework: 'legacy', date: '2018-12-05', overall: 'Good' }],
  }),
  school('990012', 'Castle View Primary Academy', {
    phase: 'Primary', establishmentType: 'Academy converter', establishmentGroup: 'Academies', governance: 'academy',
    cluster: MARKET_TOWN, partnerships: [LEARNING_TOGETHER],
    inspections: [{ framework: 'legacy', date: '2019-03-13', overall: 'Outstanding' }],
  }),
];

type DemoPerson = NewRecord<Person> & { id: string };

/** The demo people; `trainedOn` (YYYY-MM-DD) dates their SACRE visit training. */
export function demoPeople(trainedOn: string): DemoPerson[] {
  const sacre = [{ templateId: 'sacre-re-visit', date: trainedOn }];
  return [
    {
      id: 'demo-person-alex-wilber',
      aadObjectId: PLAYGROUND_DEFAULT_USER.aadObjectId,
      email: PLAYGROUND_DEFAULT_USER.email,
      name: PLAYGROUND_DEFAULT_USER.name,
      roles: ['officer', 'admin'],
      schools: [],
      trainedFor: sacre,
    },
    { id: 'demo-person-megan-bowen', aadObjectId: playgroundObjectId(1), email: 'meganb@example.com', name: 'Megan Bowen', roles: ['concernsLead'], schools: [], trainedFor: [] },
    { id: 'demo-person-adele-vance', aadObjectId: playgroundObjectId(2), email: 'adelev@example.com', name: 'Adele Vance', roles: ['headteacher'], schools: ['990001'], trainedFor: [] },
    { id: 'demo-person-isaiah-langer', aadObjectId: playgroundObjectId(3), email: 'isaiahl@example.com', name: 'Isaiah Langer', roles: ['headteacher'], schools: ['990005'], trainedFor: [] },
    { id: 'demo-person-patti-fernandez', aadObjectId: playgroundObjectId(4), email: 'pattif@example.com', name: 'Patti Fernandez', roles: ['sit', 'partnershipLead'], schools: [], trainedFor: sacre },
    { id: 'demo-person-lynne-robbins', aadObjectId: playgroundObjectId(5), email: 'lynner@example.com', name: 'Lynne Robbins', roles: ['governor'], schools: ['990001', '990005'], trainedFor: [] },
    { id: 'demo-person-sam-okafor', email: 'sam.okafor@riverside.example.org', name: 'Sam Okafor', roles: ['headteacher'], schools: ['990003'], trainedFor: [] },
  ];
}
