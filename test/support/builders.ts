import { createHash, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Person } from '../../src/domain/person.js';
import type { NewRecord } from '../../src/domain/record.js';
import type { School } from '../../src/domain/school.js';
import type { SelfEvaluation } from '../../src/domain/self-evaluation.js';
import { timeZoneNamed } from '../../src/domain/time-zone.js';

/** The Entra tenant the test bot serves (BOT_TENANT_ID): every builder stamps it on what it makes. */
export const TEST_TENANT_ID = '3f1c9a52-7d2e-4b8a-9c41-5e0d2a7b6c10';
/** The organisation's zone in tests (TIMEZONE=Europe/London), held with its formatters as the bot holds it. */
export const LONDON = timeZoneNamed('Europe/London');
/** Some other organisation's tenant, whose activities the bot must refuse. */
export const OTHER_TENANT_ID = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
/** The bot as Teams addresses it. */
export const BOT_ACCOUNT = { id: '28:school-improvement-bot', name: 'School Improvement Bot' };

export type NewSchool = NewRecord<School>;
export type NewPerson = NewRecord<Person>;

/** An activity as JSON on the wire (the SDK's Activity type wants a Date for `timestamp`). */
export type WireActivity = Omit<Partial<Activity>, 'timestamp'> & { timestamp?: string };

/** Someone who can act in Teams: a built person, or any account with an Entra object id. */
export type TestUser = Pick<Person, 'name'> & { aadObjectId?: string };

const SCHOOL_NAMES = [
  'Oakwood Primary School',
  "St Mary's CE Primary School",
  'Hillside Academy',
  'Riverside Infant School',
  'Brookfield Community School',
  "St Joseph's Catholic Primary School",
  'Meadowbank Junior School',
  'Castle View Academy',
  'Uppingham Church of England Primary School',
  'Ketton Nursery and Primary School',
  'Whissendine Church of England Primary School',
  'Edith Weston Academy',
];

/**
 * The n-th test school (0-based): a realistic name, URN 1100xx, maintained unless named an academy, church
 * schools with their diocese, in cluster North or South. Pass overrides for what the test is about.
 */
export function aSchool(n = 0, overrides: Partial<NewSchool> = {}): NewSchool {
  const base = SCHOOL_NAMES[n % SCHOOL_NAMES.length]!;
  const name = n < SCHOOL_NAMES.length ? base : `${base} ${Math.floor(n / SCHOOL_NAMES.length) + 1}`;
  const academy = /academy/i.test(name);
  const church = /St |Church of England|CE /.test(name);
  return {
    id: `school-${110001 + n}`,
    urn: String(110001 + n),
    name,
    phase: /infant|junior|primary|nursery/i.test(name) ? 'Primary' : 'Secondary',
    establishmentType: academy ? 'Academy converter' : church ? 'Voluntary aided school' : 'Community school',
    establishmentGroup: academy ? 'Academies' : 'Local authority maintained schools',
    governance: academy ? 'academy' : 'maintained',
    religiousCharacter: church ? (/Catholic/.test(name) ? 'Roman Catholic' : 'Church of England') : 'Does not apply',
    diocese: church ? (/Catholic/.test(name) ? 'Diocese of Nottingham' : 'Diocese of Peterborough') : undefined,
    hasNursery: /nursery/i.test(name),
    hasSixthForm: false,
    cluster: n % 2 === 0 ? 'North' : 'South',
    partnerships: [],
    riskLevel: 'unassessed',
    causingConcern: false,
    visitEntitlement: 6,
    inspections: [],
    status: 'open',
    ...overrides,
  };
}

/** A school's self-evaluation for the year, submitted by `head` and agreed by `officer` (both person ids), with the annual-visit feedback due on `feedbackDueOn`. */
export function anAgreedSelfEvaluation(
  urn: string,
  academicYear: string,
  who: { head: string; officer: string; submittedAt: string; judgedAt: string; feedbackDueOn: string },
  overrides: Partial<NewRecord<SelfEvaluation>> = {},
): NewRecord<SelfEvaluation> {
  return {
    urn,
    academicYear,
    requirement: 'required',
    grades: [{ area: 'inclusion', grade: 'expected standard', evidence: 'Data' }],
    status: 'agreed',
    submission: { personId: who.head, at: who.submittedAt },
    judgement: { personId: who.officer, at: who.judgedAt, decision: 'agreed', accurateAndRobust: true, furtherChallenge: false, feedbackDueOn: who.feedbackDueOn },
    history: [],
    ...overrides,
  };
}

/** The first n test schools. */
export function someSchools(n: number, overrides: Partial<NewSchool> = {}): NewSchool[] {
  return Array.from({ length: n }, (_, i) => aSchool(i, overrides));
}

/** A stable, GUID-shaped Entra object id for a name, so the same person is the same account in every test. */
export function aadObjectIdFor(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');

/** A person with an Entra object id, an e-mail and the given roles; the builders below fill in the usual cases. */
export function aPerson(name: string, roles: Person['roles'], overrides: Partial<NewPerson> = {}): NewPerson {
  return {
    id: `person-${slug(name)}`,
    aadObjectId: aadObjectIdFor(name),
    email: `${slug(name)}@${roles.includes('headteacher') || roles.includes('governor') ? 'school' : 'council'}.example.org`,
    name,
    roles,
    schools: [],
    trainedFor: [],
    ...overrides,
  };
}

export const anOfficer = (name = 'Olivia Officer', overrides: Partial<NewPerson> = {}) => aPerson(name, ['officer'], overrides);
export const aSitMember = (name = 'Sam Sitwell', overrides: Partial<NewPerson> = {}) => aPerson(name, ['sit'], overrides);
export const anAdmin = (name = 'Ada Admin', overrides: Partial<NewPerson> = {}) => aPerson(name, ['admin'], overrides);
export const aConcernsLead = (name = 'Connie Lead', overrides: Partial<NewPerson> = {}) => aPerson(name, ['concernsLead'], overrides);
export const aPartnershipLead = (name = 'Pat Partner', overrides: Partial<NewPerson> = {}) => aPerson(name, ['partnershipLead'], overrides);
export const aHeadteacherOf = (school: Pick<School, 'urn'>, name = 'Hannah Head', overrides: Partial<NewPerson> = {}) =>
  aPerson(name, ['headteacher'], { schools: [school.urn], ...overrides });
export const aGovernorOf = (school: Pick<School, 'urn'>, name = 'Gordon Governor', overrides: Partial<NewPerson> = {}) =>
  aPerson(name, ['governor'], { schools: [school.urn], ...overrides });

/** Someone the people register does not hold (a real Teams user all the same). */
export const aStranger = (name = 'Stan Stranger'): TestUser => ({ name, aadObjectId: aadObjectIdFor(name) });

/** A team channel the bot is installed in. */
export interface TestChannel {
  /** The channel's conversation id (`19:…@thread.tacv2`). */
  id: string;
  name: string;
  teamId: string;
  teamName: string;
}

export function aChannel(name = 'School Improvement Team', teamName = 'School Improvement'): TestChannel {
  const key = slug(name).replace(/\./g, '');
  return { id: `19:${key}@thread.tacv2`, name, teamId: `19:team-${slug(teamName).replace(/\./g, '')}@thread.tacv2`, teamName };
}

export interface ActivityOptions {
  /** Where the bot must reply: the test connector's URL. */
  serviceUrl: string;
  tenantId?: string;
}

export const teamsUserId = (user: TestUser) => `29:${user.aadObjectId ?? slug(user.name)}`;
export const personalChatId = (user: TestUser) => `a:1:${user.aadObjectId ?? slug(user.name)}`;

function common(user: TestUser, options: ActivityOptions) {
  const tenantId = options.tenantId ?? TEST_TENANT_ID;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: teamsUserId(user), name: user.name, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    recipient: { ...BOT_ACCOUNT },
    locale: 'en-GB',
    tenantId,
  };
}

/** A message typed in the person's 1:1 chat with the bot. */
export function personalMessage(user: TestUser, text: string, options: ActivityOptions): WireActivity {
  const { tenantId, ...base } = common(user, options);
  return {
    ...base,
    type: 'message',
    text,
    textFormat: 'plain',
    conversation: { id: personalChatId(user), conversationType: 'personal', tenantId, isGroup: false, name: '' },
    channelData: { tenant: { id: tenantId } },
  };
}

/**
 * A message in a team channel that @mentions the bot, as Teams sends it: the mention is part of the text and
 * listed in `entities`, and the conversation id names the thread (`;messageid=`).
 */
export function channelMessage(user: TestUser, text: string, channel: TestChannel, options: ActivityOptions & { mention?: boolean }): WireActivity {
  const { tenantId, ...base } = common(user, options);
  const mention = `<at>${BOT_ACCOUNT.name}</at>`;
  const withMention = options.mention === false ? text : `${mention} ${text}`;
  return {
    ...base,
    type: 'message',
    text: withMention,
    textFormat: 'plain',
    conversation: { id: `${channel.id};messageid=${Date.now()}`, conversationType: 'channel', tenantId, isGroup: true, name: '' },
    entities: options.mention === false ? [] : [{ type: 'mention', text: mention, mentioned: { ...BOT_ACCOUNT } }],
    channelData: {
      tenant: { id: tenantId },
      team: { id: channel.teamId, name: channel.teamName },
      channel: { id: channel.id, name: channel.name },
      teamsTeamId: channel.teamId,
      teamsChannelId: channel.id,
    },
  };
}

export interface CardActionOptions extends ActivityOptions {
  /** The message holding the card: Teams sends it as `replyToId`, and a card that replaces itself updates it. */
  cardActivityId?: string;
  /** Where the card is; the person's 1:1 chat by default. */
  channel?: TestChannel;
  /** `automatic` for a card asking for its refreshed view, `manual` for a button press. */
  trigger?: 'manual' | 'automatic';
}

/** An Action.Execute press (or a refresh) as Teams sends it: `data` is the action's data merged with the card's input values. */
export function cardAction(user: TestUser, verb: string, data: Record<string, unknown>, options: CardActionOptions): WireActivity {
  const { tenantId, ...base } = common(user, options);
  const conversation = options.channel
    ? { id: options.channel.id, conversationType: 'channel', tenantId, isGroup: true, name: '' }
    : { id: personalChatId(user), conversationType: 'personal', tenantId, isGroup: false, name: '' };
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.cardActivityId ?? `card-${randomUUID()}`,
    conversation,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
    channelData: options.channel
      ? { tenant: { id: tenantId }, team: { id: options.channel.teamId }, channel: { id: options.channel.id } }
      : { tenant: { id: tenantId } },
  };
}

/** The bot being added to a person's 1:1 chat (or, with `channel`, to a team): Teams' conversationUpdate. */
export function botInstalled(user: TestUser, options: ActivityOptions & { channel?: TestChannel }): WireActivity {
  const { tenantId, ...base } = common(user, options);
  const channel = options.channel;
  return {
    ...base,
    type: 'conversationUpdate',
    membersAdded: [{ ...BOT_ACCOUNT }],
    conversation: channel
      ? { id: channel.id, conversationType: 'channel', tenantId, isGroup: true, name: '' }
      : { id: personalChatId(user), conversationType: 'personal', tenantId, isGroup: false, name: '' },
    channelData: channel
      ? { tenant: { id: tenantId }, eventType: 'teamMemberAdded', team: { id: channel.teamId, name: channel.teamName }, channel: { id: channel.id, name: channel.name } }
      : { tenant: { id: tenantId } },
  };
}
