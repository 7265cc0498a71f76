import { composePartnershipDigest, partnershipAudiences, partnershipDigestComposer } from '../../../src/app/digests/partnership-digest.js';
import { composeSacreDigest, sacreDigestComposer } from '../../../src/app/digests/sacre-digest.js';
import { digestComposers } from '../../../src/app/digests/composers.js';
import { DEFAULT_RISK_SCALE } from '../../../src/domain/risk.js';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { renderCard } from '../../../src/teams/cards/render.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import type { ThemeEntry, Visit } from '../../../src/domain/visit.js';
import { aHeadteacherOf, anOfficer, aPerson, aSchool, type NewPerson, type NewSchool } from '../../support/builders.js';
import { builtInTemplates } from '../../support/built-in-templates.js';
import { aVisit, type NewVisit } from '../../support/visits.js';
import { cardText, validateCard } from '../../support/cards.js';

/**
 * The anonymised digests composed from a store, as the digest engine composes them, and rendered as Teams shows
 * them: the partnership report's four headings with themes and counts of schools, and nothing that could name a
 * school or a person (checked against every name, URN and typed word of the test data).
 */
const TENANT = 'tenant-test';
const TZ = 'Europe/London';
const NOW = '2026-12-10T07:00:00.000Z';
const WATER = 'Rutland Water Partnership';
const VALE = 'Catmose Vale Partnership';

// Five schools in one partnership, two in another, one SACRE-only school.
const schools: NewSchool[] = [
  ...[0, 1, 2, 3, 4].map((n) => aSchool(n, { partnerships: [WATER] })),
  ...[5, 6].map((n) => aSchool(n, { partnerships: [VALE] })),
  aSchool(7),
];
const heads: NewPerson[] = schools.map((s, i) => aHeadteacherOf(s, ['Hannah Hughes', 'Ian Irving', 'Jane Jenkins', 'Kofi Kamara', 'Lena Lewis', 'Mo Malik', 'Nia Norris', 'Oscar Owen'][i]!));
const visitor = anOfficer('Priya Patel');
const sacreVisitor = aPerson('Quentin Quayle', ['sacreVisitor'], { trainedFor: [{ templateId: 'sacre-re-visit' }] });

/** Every free-text answer the test data holds: none may reach a digest. */
const typed: string[] = [];
const say = (words: string) => (typed.push(words), words);

type Finding = [theme: ThemeEntry['theme'], itemId: string, ...tags: string[]];
function withFindings(visit: NewVisit, findings: Finding[]): NewVisit {
  const themes = findings.map(([theme, itemId, ...tags], i) => ({ theme, itemId, text: say(`${itemId} at ${visit.schoolUrn}: Mrs Hughes said the plan ${i} worked`), tags }));
  return { ...visit, answers: { ...visit.answers, ...Object.fromEntries(themes.map((t) => [t.itemId, t.text])) }, themes };
}

const partnershipVisit = (school: NewSchool, date: string, findings: Finding[], more: Partial<NewVisit> = {}) =>
  withFindings(aVisit(school, date, { templateId: 'partnership-development-visit', visitorId: visitor.id!, partnership: school.partnerships[0], attendees: [{ role: 'Chair', name: 'Rita Rowe' }], ...more }), findings);

const waterSchools = schools.slice(0, 5);
const waterVisits: NewVisit[] = [
  partnershipVisit(waterSchools[0]!, '2026-10-01', [['success', 'successes', 'Recruitment', 'Funding'], ['challenge', 'challenges', 'Staff well-being'], ['lesson', 'lessonsLearned', 'Funding'], ['nextStep', 'nextSteps', 'Curriculum']]),
  partnershipVisit(waterSchools[0]!, '2026-11-12', [['success', 'successes', 'Recruitment']]),
  partnershipVisit(waterSchools[1]!, '2026-10-08', [['success', 'successes', 'Recruitment'], ['challenge', 'challenges', 'Staff well-being'], ['nextStep', 'nextSteps', 'Curriculum']]),
  partnershipVisit(waterSchools[2]!, '2026-10-15', [['success', 'successes', 'Recruitment', 'Data sharing'], ['challenge', 'challenges', 'Staff well-being'], ['nextStep', 'nextSteps', 'Curriculum']]),
  partnershipVisit(waterSchools[3]!, '2026-11-19', [['success', 'successes', 'Recruitment'], ['challenge', 'challenges', 'Relationships and trust'], ['nextStep', 'nextSteps', 'Curriculum']]),
  aVisit(waterSchools[4]!, '2026-11-02', { templateId: 'partnership-development-visit', partnership: WATER, status: 'declined', declinedReason: say('Mr Irving is off sick at Oakwood') }),
  // Last term: outside the period.
  partnershipVisit(waterSchools[4]!, '2026-07-01', [['success', 'successes', 'Funding']]),
];
const valeVisits: NewVisit[] = [
  partnershipVisit(schools[5]!, '2026-10-20', [['success', 'successes', 'Recruitment']]),
  partnershipVisit(schools[6]!, '2026-10-21', [['success', 'successes', 'Recruitment']]),
];

function sacreVisit(school: NewSchool, date: string, confidence: string, success: string[], challenge: string[]): NewVisit {
  const visit = aVisit(school, date, { templateId: 'sacre-re-visit', visitorId: sacreVisitor.id!, answers: { teachingConfidence: confidence, curriculumTime: say(`One hour a week at ${school.name}`) } });
  return withFindings(visit, [['success', 'areasOfConfidence', ...success], ['challenge', 'areasLackingConfidence', ...challenge]]);
}
const sacreDeclined = (school: NewSchool, reason: string) => aVisit(school, '2026-10-03', { templateId: 'sacre-re-visit', visitorId: sacreVisitor.id!, status: 'declined', declinedReason: say(reason) });
const sacreVisits: NewVisit[] = [
  sacreVisit(schools[0]!, '2026-09-20', 'green', ['Curriculum'], ['Sharing expertise and CPD']),
  sacreVisit(schools[2]!, '2026-09-22', 'green', ['Curriculum', 'Transition'], ['Sharing expertise and CPD']),
  sacreVisit(schools[5]!, '2026-10-02', 'green', ['Curriculum'], ['Sharing expertise and CPD']),
  sacreVisit(schools[7]!, '2026-11-02', 'red', ['Curriculum'], ['Funding']),
  sacreDeclined(schools[1]!, `Ofsted expected, says ${heads[1]!.name}`),
  sacreDeclined(schools[3]!, 'Inspection window open'),
  sacreDeclined(schools[4]!, 'We have our Ofsted this term'),
  sacreDeclined(schools[6]!, `${schools[6]!.name} governors said no`),
];

async function world(visits: NewVisit[]) {
  const store = new MemoryStore(() => fixedClock(NOW).now());
  await store.transact(async (tx) => {
    for (const s of schools) await tx.insert('schools', TENANT, s);
    for (const p of [...heads, visitor, sacreVisitor]) await tx.insert('people', TENANT, p);
    for (const v of visits) await tx.insert('visits', TENANT, v as Visit);
  }, { actor: 'test' });
  const ctx = { store, tenantId: TENANT, timeZone: TZ, settings: { builtInTemplates, riskScale: DEFAULT_RISK_SCALE, visitEntitlementDefault: 6, coverage: { sacre: {}, annual: {}, support: {}, partnership: {} } } };
  return { ctx, period: partnershipDigestComposer.period(new Date(NOW), TZ), asOf: new Date(NOW) };
}

/** What the digest shows and holds: the rendered card (validated under the SDK), its data as stored, and its line. */
function everything(composed: { card: { name: string; data: unknown }; summary: string }) {
  const card = validateCard(renderCard(composed.card.name, composed.card.data));
  return { card, text: cardText(card), all: JSON.stringify([card, composed.card.data, composed.summary]) };
}

function expectNothingIdentifying(all: string) {
  const forbidden = [...schools.flatMap((s) => [s.name, s.urn]), ...[...heads, visitor, sacreVisitor].map((p) => p.name), 'Rita Rowe', ...typed];
  expect(forbidden.filter((f) => all.toLowerCase().includes(f.toLowerCase()))).toEqual([]);
}

describe('the partnership digest', () => {
  it('when five schools of a partnership were visited this term, then the four headings show each theme with its number of schools, and nothing names a school or a person', async () => {
    const { ctx, period, asOf } = await world([...waterVisits, ...valeVisits, ...sacreVisits]);
    const composed = await composePartnershipDigest({ ...ctx, period, asOf, audience: { channel: 'partnership', partnership: WATER } });
    const { text, all } = everything(composed);
    expect(text).toContain(`Partnership digest: ${WATER}`);
    expect(text).toContain('Autumn term 2026/27: visits from Tuesday 1 September 2026 to Thursday 10 December 2026');
    expect(text).toContain('5 development visits to 4 schools. 1 visit declined.');
    expect(text).toContain('Main successes (4 schools)');
    expect(text).toContain('Recruitment\n4 schools');
    expect(text).toContain('Key challenges (4 schools)');
    expect(text).toContain('Staff well-being\n3 schools');
    expect(text).toContain('1 theme raised by fewer than 3 schools is not shown.');
    expect(text).toContain('Lessons learned\nRaised by fewer than 3 schools: not shown.');
    expect(text).toContain('Next steps (4 schools)');
    expect(text).toContain('Curriculum\n4 schools');
    expect(text).not.toMatch(/Data sharing|Funding|Relationships and trust/);
    expect(composed.summary).toBe(`Partnership digest: ${WATER}, Autumn term 2026/27: visits from Tuesday 1 September 2026 to Thursday 10 December 2026: 5 visits to 4 schools, themed and counted.`);
    expectNothingIdentifying(all);
  });

  it('when fewer than three of a partnership’s schools reported, then its card says there is too little to report without identifying schools, and shows no theme', async () => {
    const { ctx, period, asOf } = await world([...waterVisits, ...valeVisits]);
    const composed = await composePartnershipDigest({ ...ctx, period, asOf, audience: { channel: 'partnership', partnership: VALE } });
    const { text, all } = everything(composed);
    expect(text).toContain('There is too little to report without identifying schools: fewer than 3 schools reported in this period. No visit declined.');
    expect(text).not.toMatch(/Main successes|Recruitment/);
    expect(composed.summary).toContain('too little to report without identifying schools');
    expectNothingIdentifying(all);
  });

  it('when asked for the summary of all partnerships, then each theme counts partnerships, in the report’s own form', async () => {
    const east = aSchool(8, { partnerships: ['Welland Partnership'] });
    schools.push(east);
    const { ctx, period, asOf } = await world([...waterVisits, ...valeVisits, partnershipVisit(east, '2026-10-10', [['success', 'successes', 'Recruitment']])]);
    const composed = await composePartnershipDigest({ ...ctx, period, asOf, audience: { channel: 'sit' } });
    const { text, all } = everything(composed);
    schools.pop();
    expect(text).toContain('All partnerships: summary of development visits');
    expect(text).toContain('8 development visits to 3 of 3 partnerships. 1 visit declined.');
    expect(text).toContain('Main successes (3 partnerships)');
    expect(text).toContain('Recruitment\n3 partnerships');
    expect(text).toContain('Key challenges\nRaised by fewer than 3 partnerships: not shown.');
    expectNothingIdentifying(all);
  });

  it('when the engine asks whom it goes to, then every partnership’s own channel and the summary to the SIT channel; a named partnership alone; an unknown one is refused', async () => {
    const { ctx } = await world([]);
    expect(await partnershipAudiences(ctx, {})).toEqual([{ channel: 'partnership', partnership: VALE }, { channel: 'partnership', partnership: WATER }, { channel: 'sit' }]);
    expect(await partnershipAudiences(ctx, { partnership: 'rutland water partnership' })).toEqual([{ channel: 'partnership', partnership: WATER }]);
    await expect(partnershipAudiences(ctx, { partnership: 'Nowhere' })).rejects.toThrow('The partnership Nowhere was not found.');
  });

  it('when the next digest follows on, then its period starts where the last one ended, so no visit falls between two', () => {
    const last = partnershipDigestComposer.period(new Date(NOW), TZ);
    const next = partnershipDigestComposer.period(new Date('2027-03-10T07:00:00Z'), TZ, last);
    expect(next).toEqual({ from: NOW, to: '2027-03-10T07:00:00.000Z' });
  });
});

describe('the SACRE collation', () => {
  it('when the SACRE’s RE visits are collated, then each agenda item shows its themes and schools, ratings are counted, declines grouped by reason, and nothing names a school, a person or what anyone wrote', async () => {
    const { ctx, asOf } = await world([...waterVisits, ...sacreVisits]);
    const period = sacreDigestComposer.period(new Date(NOW), TZ);
    const composed = await composeSacreDigest({ ...ctx, period, asOf, audience: { channel: 'sit' } });
    const { text, all } = everything(composed);
    expect(text).toContain('SACRE collation of RE visits');
    expect(text).toContain('Academic year 2026/27: visits from Tuesday 1 September 2026 to Thursday 10 December 2026');
    expect(text).toContain('4 visits to 4 schools.');
    expect(text).toContain('Areas of confidence in RE that the school could share with other schools (4 schools)');
    expect(text).toContain('Curriculum\n4 schools');
    expect(text).toContain('Areas of RE where the school lacks confidence (4 schools)');
    expect(text).toContain('Sharing expertise and CPD\n3 schools');
    expect(text).toContain('How confident are staff in teaching RE? (4 schools)');
    expect(text).toContain('Green\n3 schools');
    expect(text).toContain('4 schools declined a visit.');
    expect(text).toContain('An inspection or other priorities\n3 schools');
    expect(text).toContain('A reason given by fewer than 3 schools is not shown (1 school).');
    expect(text).toContain('An answer given by fewer than 3 schools is not shown (1 school).');
    expect(text).not.toMatch(/Transition|Funding|Red\n1/);
    expect(await sacreDigestComposer.audiences(ctx, {})).toEqual([]);
    expect(digestComposers()).toMatchObject({ partnership: partnershipDigestComposer, sacre: sacreDigestComposer });
    expectNothingIdentifying(all);
  });

  it('when fewer than three schools were visited, then there is too little to report, and the declines are still counted', async () => {
    const { ctx, asOf } = await world(sacreVisits.slice(2));
    const period = sacreDigestComposer.period(new Date(NOW), TZ);
    const { text, all } = everything(await composeSacreDigest({ ...ctx, period, asOf, audience: { channel: 'sit' } }));
    expect(text).toContain('There is too little to report without identifying schools: fewer than 3 schools were visited in this period.');
    expect(text).toContain('4 schools declined a visit.');
    expect(text).not.toContain('Areas of confidence');
    expectNothingIdentifying(all);
  });
});
