import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { retryOutbox } from '../../src/app/delivery/retry-outbox.js';
import { createGraphClient } from '../../src/graph/graph-client.js';
import { GraphMailer } from '../../src/graph/mailer.js';
import { deliveryDepsOf } from '../../src/teams/notice-note.js';
import { aHeadteacherOf, anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

/**
 * The school's copy when Microsoft 365 is failing: the headteacher has no Teams account the bot can reach, and
 * Graph answers 500. The note is kept, the officer is told it will be retried, and the outbox sends it once
 * Graph is back, through the real Graph client and the real outbox job.
 */
describe("the school's copy when Teams cannot reach the headteacher and Graph is failing", () => {
  const school = aSchool(1);
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(school, 'Hannah Head', { aadObjectId: undefined, email: 'hannah.head@school.example.org' });
  let graph: FakeGraph;
  let bot: TestBot;

  beforeEach(async () => {
    graph = await startFakeGraph();
    const quickRetry = { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 };
    bot = await startTestBot({
      schools: [school],
      people: [officer, head],
      mailer: () => new GraphMailer(createGraphClient({ ...graph.connection, retry: quickRetry }), 'school-improvement@la.example.org'),
    });
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  it('when the visit is submitted, then it is stored, the officer is told the copy will be retried, and the outbox sends it once Graph is back', async () => {
    // Both of the mailer's attempts at sending the copy fail; Graph answers again afterwards.
    graph.failNext(2, { status: 500, code: 'generalException' }, /\/messages\/[^/]+\/send$/);
    const agenda = await openAgenda(bot, officer, school.urn, 'sit-support-visit');
    const submitted = await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));

    const [visit] = await bot.store.find('visits', bot.tenantId);
    expect(visit).toMatchObject({ status: 'submitted' });
    expect(visit!.copySentAt).toBeUndefined();
    expect(cardText(validateCard(submitted.card))).toContain("The school's copy is on its way to Hannah Head. I'll tell you if it cannot be delivered.");
    expect(graph.sentMail).toHaveLength(0);
    const [waiting] = await bot.store.find('outbox', bot.tenantId, { status: 'pending' });
    expect(waiting).toBeDefined();

    const later = new Date(Date.parse(waiting!.nextAttemptAt) + 1000);
    const run = await retryOutbox(deliveryDepsOf(bot.server.deps), bot.tenantId, later);
    expect(run.sent).toBe(1);
    expect(graph.sentMail.map((m) => m.to)).toEqual([['hannah.head@school.example.org']]);
    expect((await bot.store.get('visits', bot.tenantId, visit!.id))!.copySentAt).toBeDefined();

    const again = await retryOutbox(deliveryDepsOf(bot.server.deps), bot.tenantId, new Date(later.getTime() + 3_600_000));
    expect(again.sent).toBe(0);
    expect(graph.sentMail).toHaveLength(1);
  });
});
