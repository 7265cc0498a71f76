import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, someSchools } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';
import { aVisit } from '../support/visits.js';

describe('coverage: visits against the target and entitlement, on a known data set', () => {
  // Eight schools: even ones in North, odd ones in South (see aSchool).
  const schools = someSchools(8);
  const officer = anOfficer();
  const head = aHeadteacherOf(schools[0]!);
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools, people: [officer, head], env: { COVERAGE_SUPPORT_TARGET_PERCENT: '75' } });
    await bot.store.transact(
      async (tx) => {
        for (const v of [
          aVisit(schools[0]!, '2026-09-15'),
          aVisit(schools[0]!, '2026-10-15'),
          aVisit(schools[1]!, '2026-10-01'),
          aVisit(schools[2]!, '2026-11-02'),
          aVisit(schools[3]!, '2026-10-20', { status: 'declined' }),
          aVisit(schools[4]!, '2026-12-01', { status: 'planned' }),
          // A SACRE RE visit: it counts toward the SACRE's target only, and toward no entitlement.
          aVisit(schools[6]!, '2026-10-05', { templateId: 'sacre-re-visit' }),
          // Last academic year: counts for nothing now.
          aVisit(schools[5]!, '2026-06-10'),
        ]) {
          await tx.insert('visits', bot.tenantId, v);
        }
      },
      { actor: 'test' },
    );
  });
  afterEach(() => bot.close());

  it('when an officer types coverage support, then the card shows the SIT programme by cluster, each short of its equal share, declined apart, who to visit next and who is behind', async () => {
    const replies = await bot.say(officer, 'coverage support');
    expect(texts(replies)[0]).toBe('3 of 8 schools visited this year; 1 declined; 5 behind their entitlement.');
    const text = cardText(validateCard(cardsOf(replies)[0]));
    expect(text).toContain('SIT support visits: coverage 2026/27, as of Monday 23 November 2026');
    expect(text).toContain('3 of 8 schools visited (38%); 1 declined; 1 arranged.');
    expect(text).toContain('Target 75% (6 schools) by Saturday 31 July 2027: on track, 1 expected by now.');
    // By cluster, each an equal share of 3: North 0, 2 visited, 4 arranged; South 1 visited, 3 declined.
    expect(text).toMatch(/North\n2\/4 \(50%\)\n3 \(1 short\)\n0\n1/);
    expect(text).toMatch(/South\n1\/4 \(25%\)\n3 \(2 short\)\n1\n0/);
    expect(text).toContain('Not met while clusters are below an equal share of the target: North, South.');
    expect(text).toContain(`Declined (counted apart)\n${schools[3]!.name} (${schools[3]!.urn}), South`);
    // The cluster furthest behind its share (South) first, then South again as it is still further behind than North.
    expect(text).toContain(`Schools to visit next\n${schools[7]!.name} (${schools[7]!.urn}), South\n${schools[5]!.name} (${schools[5]!.urn}), South`);
    expect(text).toContain('Behind their visit entitlement: 5 schools (23% of the year gone)');
    expect(text).toContain(`${schools[3]!.name} (${schools[3]!.urn}): 0 of 1 due so far, 6 a year`);
    expect(text).not.toContain(`${schools[0]!.name} (${schools[0]!.urn}): `);
  });

  it.each(['coverage', 'coverage sacre'])('when an officer types %s, then it is the SACRE programme: its one RE visit counts, none of the support visits, and its 25%% is unmet while South is at zero', async (typed) => {
    const text = cardText(validateCard(cardsOf(await bot.say(officer, typed))[0]));
    expect(text).toContain('SACRE RE visits: coverage 2026/27, as of Monday 23 November 2026');
    expect(text).toContain('1 of 8 schools visited (13%); 0 declined; 0 arranged.');
    expect(text).toContain('Target 25% (2 schools) by Wednesday 30 June 2027');
    expect(text).toContain('Not met while a cluster is below an equal share of the target: South.');
    expect(text).toMatch(/Schools to visit next\n[^\n]+, South\n/);
  });

  it('when the programme is not one the bot knows, then the reply lists the programmes', async () => {
    expect(texts(await bot.say(officer, 'coverage termly'))[0]).toBe('"termly" is not a visit programme: use one of sacre, annual, support, partnership, or nothing for SACRE visits.');
  });

  it('when a headteacher types coverage, then they are refused', async () => {
    expect(texts(await bot.say(head, 'coverage'))[0]).toMatch(/^Only .* can use "coverage"/);
  });
});
