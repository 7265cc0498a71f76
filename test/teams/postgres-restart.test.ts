import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { describeWithPostgres } from '../support/postgres.js';
import { startOwnCluster, type OwnCluster } from '../support/pg-cluster.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const schools = Array.from({ length: 8 }, (_, i) => aSchool(i));
const officer = anOfficer('Olivia Officer');
const TRY_AGAIN = /could not reach my records just now, so nothing was saved\. Please try again/;

describeWithPostgres('the bot while its PostgreSQL server is stopped and started again', () => {
  let cluster: OwnCluster | undefined;
  let bot: TestBot | undefined;
  // A server of its own: stopping the shared one would fail the test files running beside this one.
  beforeAll(async () => {
    cluster = await startOwnCluster();
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await cluster?.remove();
  });

  it('when the server stops mid-burst, then submissions during the outage are told to try again and store nothing, /healthz says store-unreachable, and once it is back every submission lands once without restarting the bot', async () => {
    const db = cluster!;
    bot = await startTestBot({ env: { DATABASE_URL: db.url, DATABASE_POOL_SIZE: '4' }, schools, people: [officer] });
    const agendas: AdaptiveCard[] = [];
    for (const school of schools) agendas.push(await openAgenda(bot, officer, school.urn, 'la-annual-visit'));
    const submit = (card: AdaptiveCard) => pressOn(bot!, officer, card, 'Submit', requiredAnswers(card));
    const acked = new Set<string>();
    const note = (urn: string, answer: Awaited<ReturnType<typeof submit>>) => {
      expect(answer.status).toBe(200);
      if (answer.card) acked.add(urn);
      else expect(answer.message).toMatch(/could not reach my records|lost touch with my records/);
    };

    // A burst under way when the server stops: each press is either stored (its summary card) or refused in words.
    const burst = Promise.all(schools.slice(0, 4).map((s, i) => submit(agendas[i]!).then((a) => note(s.urn, a))));
    await db.stop();
    await burst;

    const during = await submit(agendas[4]!);
    expect(during.status).toBe(200);
    expect(during.card).toBeUndefined();
    expect(during.message).toMatch(TRY_AGAIN);
    const health = await fetch(`${bot.url}/healthz`);
    const said = await health.text();
    expect(health.status).toBe(503);
    expect(JSON.parse(said)).toMatchObject({ status: 'error', problem: 'store-unreachable', storeReachable: false, store: 'postgres' });
    expect(said).not.toContain(new URL(db.url).port);

    await db.start();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    for (const [i, school] of schools.entries()) {
      if (acked.has(school.urn)) continue;
      const again = await submit(agendas[i]!);
      expect(again.card).toBeDefined();
      acked.add(school.urn);
    }

    const visits = await bot.store.find('visits', bot.tenantId);
    expect(visits.filter((v) => v.status === 'submitted').map((v) => v.schoolUrn).sort()).toEqual(schools.map((s) => s.urn).sort());
    expect(visits).toHaveLength(schools.length);
  }, 90_000);
});
