import { composePartnershipDigest, partnershipAudiences, partnershipDigestComposer } from '../../../src/app/digests/partnership-digest.js';
import { composeSacreDigest, sacreDigestComposer } from '../../../src/app/digests/sacre-digest.js';
import { digestComposers } from '../../../src/app/digests/composers.js';
import { DEFAULT_RISK_SCALE } from '../../../src/domain/risk.js';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { renderCard } from '../../../src/teams/cards/render.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import type { Visit } from '../../../src/domain/visit.js';
import { aSchool, LONDON } from '../../support/builders.js';
import { builtInTemplates } from '../../support/built-in-templates.js';
import type { NewVisit } from '../../support/visits.js';
import { heads, identifying, partnershipVisit, sacreVisitor, sacreVisits, schools, VALE, valeVisits, visitor, WATER, waterVisits } from '../../support/collation-world.js';
import { cardText, validateCard } from '../../support/cards.js';

/**
 * The anonymised digests composed from a store, as the digest engine composes them, and rendered as Teams shows
 * them: the partnership report's four headings with themes and counts of schools, and nothing that could name a
 * school or a person (checked against every name, URN and typed word of the test data).
 */
const TENANT = 'tenant-test';
const TZ = LONDON;
const NOW = '2026-12-10T07:00:00.000Z';

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
  const forbidden = identifying();
  expect(forbidden.filter((f) => all.toLowerCase().includes(f.toLowerCase()))).toEqual([]);
}

describe('the partnership digest', () => {
  it('when five schools of a partnership were visited this term, then the four headings show each theme with its number of schools, and nothing names a school or a person', async () => {
    const { ctx, period, asOf } = await world([...waterVisits, ...valeVisits, ...sacreVisits]);
    const composed = await composePartnershipDigest({ ...ctx, period, asOf, audience: { channel: 'partnership', partnership: WATER } });
    const { text, all } = everything(composed);
    expect(text).toContain(`Partnership digest: ${WATER}`);
    expect(text).toContain('Autumn term 2026/27: visits from 1 Sept to Thursday 10 December 2026');
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
    expect(composed.summary).toBe(`Partnership digest: ${WATER}, Autumn term 2026/27: visits from 1 Sept to Thursday 10 December 2026: 5 visits to 4 schools, themed and counted.`);
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
    expect(text).toContain('Academic year 2026/27: visits from 1 Sept to Thursday 10 December 2026');
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
