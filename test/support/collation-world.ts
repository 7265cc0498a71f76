import type { ThemeEntry } from '../../src/domain/visit.js';
import { aHeadteacherOf, anOfficer, aPerson, aSchool, type NewPerson, type NewSchool } from './builders.js';
import { aVisit, type NewVisit } from './visits.js';

/**
 * The anonymised digests' test data (partnership digest, all-partnerships summary, SACRE collation) in the autumn
 * term 2026: development visits to two partnerships, SACRE RE visits and declines, and every name, URN and typed
 * word a digest must never show (`IDENTIFYING`).
 */
export const WATER = 'Rutland Water Partnership';
export const VALE = 'Catmose Vale Partnership';

// Five schools in one partnership, two in another, one SACRE-only school.
export const schools: NewSchool[] = [
  ...[0, 1, 2, 3, 4].map((n) => aSchool(n, { partnerships: [WATER] })),
  ...[5, 6].map((n) => aSchool(n, { partnerships: [VALE] })),
  aSchool(7),
];
export const heads: NewPerson[] = schools.map((s, i) => aHeadteacherOf(s, ['Hannah Hughes', 'Ian Irving', 'Jane Jenkins', 'Kofi Kamara', 'Lena Lewis', 'Mo Malik', 'Nia Norris', 'Oscar Owen'][i]!));
export const visitor = anOfficer('Priya Patel');
export const sacreVisitor = aPerson('Quentin Quayle', ['sacreVisitor'], { trainedFor: [{ templateId: 'sacre-re-visit' }] });

/** Every free-text answer the test data holds: none may reach a digest. */
export const typed: string[] = [];
const say = (words: string) => (typed.push(words), words);

type Finding = [theme: ThemeEntry['theme'], itemId: string, ...tags: string[]];
function withFindings(visit: NewVisit, findings: Finding[]): NewVisit {
  const themes = findings.map(([theme, itemId, ...tags], i) => ({ theme, itemId, text: say(`${itemId} at ${visit.schoolUrn}: Mrs Hughes said the plan ${i} worked`), tags }));
  return { ...visit, answers: { ...visit.answers, ...Object.fromEntries(themes.map((t) => [t.itemId, t.text])) }, themes };
}

export const partnershipVisit = (school: NewSchool, date: string, findings: Finding[], more: Partial<NewVisit> = {}) =>
  withFindings(aVisit(school, date, { templateId: 'partnership-development-visit', visitorId: visitor.id!, partnership: school.partnerships[0], attendees: [{ role: 'Chair', name: 'Rita Rowe' }], ...more }), findings);

export const waterSchools = schools.slice(0, 5);
export const waterVisits: NewVisit[] = [
  partnershipVisit(waterSchools[0]!, '2026-10-01', [['success', 'successes', 'Recruitment', 'Funding'], ['challenge', 'challenges', 'Staff well-being'], ['lesson', 'lessonsLearned', 'Funding'], ['nextStep', 'nextSteps', 'Curriculum']]),
  partnershipVisit(waterSchools[0]!, '2026-11-12', [['success', 'successes', 'Recruitment']]),
  partnershipVisit(waterSchools[1]!, '2026-10-08', [['success', 'successes', 'Recruitment'], ['challenge', 'challenges', 'Staff well-being'], ['nextStep', 'nextSteps', 'Curriculum']]),
  partnershipVisit(waterSchools[2]!, '2026-10-15', [['success', 'successes', 'Recruitment', 'Data sharing'], ['challenge', 'challenges', 'Staff well-being'], ['nextStep', 'nextSteps', 'Curriculum']]),
  partnershipVisit(waterSchools[3]!, '2026-11-19', [['success', 'successes', 'Recruitment'], ['challenge', 'challenges', 'Relationships and trust'], ['nextStep', 'nextSteps', 'Curriculum']]),
  aVisit(waterSchools[4]!, '2026-11-02', { templateId: 'partnership-development-visit', partnership: WATER, status: 'declined', declinedReason: say('Mr Irving is off sick at Oakwood') }),
  // Last term: outside the period.
  partnershipVisit(waterSchools[4]!, '2026-07-01', [['success', 'successes', 'Funding']]),
];
export const valeVisits: NewVisit[] = [
  partnershipVisit(schools[5]!, '2026-10-20', [['success', 'successes', 'Recruitment']]),
  partnershipVisit(schools[6]!, '2026-10-21', [['success', 'successes', 'Recruitment']]),
];

function sacreVisit(school: NewSchool, date: string, confidence: string, success: string[], challenge: string[]): NewVisit {
  const visit = aVisit(school, date, { templateId: 'sacre-re-visit', visitorId: sacreVisitor.id!, answers: { teachingConfidence: confidence, curriculumTime: say(`One hour a week at ${school.name}`) } });
  return withFindings(visit, [['success', 'areasOfConfidence', ...success], ['challenge', 'areasLackingConfidence', ...challenge]]);
}
const sacreDeclined = (school: NewSchool, reason: string) => aVisit(school, '2026-10-03', { templateId: 'sacre-re-visit', visitorId: sacreVisitor.id!, status: 'declined', declinedReason: say(reason) });
export const sacreVisits: NewVisit[] = [
  sacreVisit(schools[0]!, '2026-09-20', 'green', ['Curriculum'], ['Sharing expertise and CPD']),
  sacreVisit(schools[2]!, '2026-09-22', 'green', ['Curriculum', 'Transition'], ['Sharing expertise and CPD']),
  sacreVisit(schools[5]!, '2026-10-02', 'green', ['Curriculum'], ['Sharing expertise and CPD']),
  sacreVisit(schools[7]!, '2026-11-02', 'red', ['Curriculum'], ['Funding']),
  sacreDeclined(schools[1]!, `Ofsted expected, says ${heads[1]!.name}`),
  sacreDeclined(schools[3]!, 'Inspection window open'),
  sacreDeclined(schools[4]!, 'We have our Ofsted this term'),
  sacreDeclined(schools[6]!, `${schools[6]!.name} governors said no`),
];

/** Every name, URN and typed word of the data above (read when called: a test may add a school). */
export const identifying = (): string[] => [...schools.flatMap((s) => [s.name, s.urn]), ...[...heads, visitor, sacreVisitor].map((p) => p.name), 'Rita Rowe', ...typed];
