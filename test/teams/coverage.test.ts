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
    bot = await startTestBot({ schools, people: [officer, head], env: { COVERAGE_TARGET_PERCENT: '75' } });
    await bot.store.transact(
      async (tx) => {
        for (const v of [
          aVisit(schools[0]!, '2026-09-15'),
          aVisit(schools[0]!, '2026-10-15'),
          aVisit(schools[1]!, '2026-10-01'),
          aVisit(schools[2]!, '2026-11-02'),
          aVisit(schools[3]!, '2026-10-20', { status: 'declined' }),
          aVisit(schools[4]!, '2026-12-01', { status: 'planned' }),
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

  it('when an officer types coverage, then the card shows the figures by cluster, declined apart, who to visit next and who is behind', async () => {
    const replies = await bot.say(officer, 'coverage');
    expect(texts(replies)[0]).toBe('3 of 8 schools visited this year; 1 declined; 5 behind their entitlement.');
    const text = cardText(validateCard(cardsOf(replies)[0]));
    expect(text).toContain('Visit coverage 2026/27, as of 2026-11-23');
    expect(text).toContain('3 of 8 schools visited (38%); 1 declined; 1 arranged.');
    expect(text).toContain('Target 75% (6 schools) by 2027-06-30: on track, 1 expected by now.');
    // By cluster: North 0, 2 visited and 4 arranged; South 1 visited and 3 declined.
    expect(text).toMatch(/North\n2\/4 \(50%\)\n0\n1/);
    expect(text).toMatch(/South\n1\/4 \(25%\)\n1\n0/);
    expect(text).toContain(`Declined (counted apart)\n${schools[3]!.name} (${schools[3]!.urn}), South`);
    // The cluster furthest behind (South) first, then South again as it is still behind North.
    expect(text).toContain(`Schools to visit next\n${schools[7]!.name} (${schools[7]!.urn}), South\n${schools[5]!.name} (${schools[5]!.urn}), South`);
    expect(text).toContain('Behind their visit entitlement: 5 schools (23% of the year gone)');
    expect(text).toContain(`${schools[3]!.name} (${schools[3]!.urn}): 0 of 1 due so far, 6 a year`);
    expect(text).not.toContain(`${schools[0]!.name} (${schools[0]!.urn}): `);
  });

  it('when only SACRE visits are asked for, then coverage counts none of the support visits', async () => {
    const text = cardText(cardsOf(await bot.say(officer, 'coverage sacre'))[0]);
    expect(text).toContain('(sacre visits)');
    expect(text).toContain('0 of 8 schools visited (0%); 0 declined; 0 arranged.');
  });

  it('when the kind of visit is not one the bot knows, then the reply lists the kinds', async () => {
    expect(texts(await bot.say(officer, 'coverage termly'))[0]).toBe('"termly" is not a kind of visit: use one of sacre, annual, support, partnership, or nothing for every visit.');
  });

  it('when a headteacher types coverage, then they are refused', async () => {
    expect(texts(await bot.say(head, 'coverage'))[0]).toMatch(/^Only .* can use "coverage"/);
  });
});
