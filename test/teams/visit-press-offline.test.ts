import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { outboxJob } from '../../src/jobs/outbox.job.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { deliveryDepsOf } from '../../src/teams/notice-note.js';
import { aHeadteacherOf, anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, TEST_NOW, type TestBot } from '../support/bot.js';
import { cardText, press, validateCard } from '../support/cards.js';
import { openAgenda, requiredAnswers } from '../support/visit-cards.js';

/**
 * A press never waits on Teams: the note is stored and the press answered while the Bot Connector accepts
 * connections and never answers (production retry settings, the real messenger); what the press sends goes
 * after the answer, and once the connector answers again, or from the outbox after a shutdown.
 */
describe('a Submit press while the Bot Connector hangs', () => {
  const school = aSchool(1);
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(school, 'Hannah Head');
  let store: MemoryStore;
  let bot: TestBot;

  beforeEach(async () => {
    store = new MemoryStore(() => new Date(TEST_NOW));
    // A short grace so that `close` gives up on the hung send in this test; production waits SHUTDOWN_GRACE_MS.
    bot = await startTestBot({ store, schools: [school], people: [officer, head], shutdownGraceMs: 20 });
  });
  afterEach(() => bot.close());

  /** Submits the agenda and returns as soon as the press is answered. */
  async function submitWhileHung() {
    const agenda = await openAgenda(bot, officer, school.urn, 'sit-support-visit');
    const hung = bot.connector.hang();
    const { verb, data } = press(agenda, 'Submit', requiredAnswers(agenda));
    const answered = await bot.invoke(officer, verb, data, { answerOnly: true, cardActivityId: 'agenda-message' });
    // The bot's first send after the answer is in the connector, unanswered.
    await hung.waitForHeld(1);
    return { answered, hung };
  }

  const copiesToHead = () => bot.connector.activities.filter((a) => a.kind === 'send' && /Your copy of the/.test((a.activity.text ?? a.activity.summary) ?? ''));

  it('when the connector hangs, then Submit is answered with the stored note, and the copy and the note for everyone go once it answers again', async () => {
    const { answered, hung } = await submitWhileHung();
    expect(answered.status).toBe(200);
    expect(cardText(validateCard(answered.card))).toContain("The school's copy is on its way to Hannah Head.");
    expect(hung.held()).toBeGreaterThan(0);
    const [visit] = await bot.store.find('visits', bot.tenantId);
    expect(visit).toMatchObject({ status: 'submitted' });
    expect(copiesToHead()).toHaveLength(0);

    hung.release();
    await bot.sent();
    expect(copiesToHead()).toHaveLength(1);
    const updates = bot.connector.activities.filter((a) => a.kind === 'update');
    expect(updates.map((u) => u.activityId)).toEqual(['agenda-message']);
    expect((await bot.store.get('visits', bot.tenantId, visit!.id))!.copySentAt).toBeDefined();
    expect((await bot.store.find('outbox', bot.tenantId)).map((i) => i.status)).toEqual(['sent', 'sent']);
  });

  it('when the bot is stopped while the connector hangs, then it stops within its grace, the copy waits in the outbox, and a later run of the jobs sends it once', async () => {
    const { hung } = await submitWhileHung();
    await bot.server.close();
    // Stopped although the send never got an answer: nothing went, all of it is still in the outbox.
    expect(copiesToHead()).toHaveLength(0);
    expect((await store.find('outbox', bot.tenantId)).map((i) => i.status)).toEqual(['pending', 'pending']);

    // The abandoned send then fails (Teams throttling) and the process would be gone; the items stay pending.
    bot.connector.failNext(1000, { status: 429 });
    hung.release();
    await bot.sent();
    expect((await store.find('outbox', bot.tenantId)).map((i) => i.status)).toEqual(['pending', 'pending']);

    bot.connector.stopFailing();
    const later = new Date(Date.parse(TEST_NOW) + 2 * 60 * 60_000);
    // Another process (the next start, or the CLI's run-due-jobs), on a clock past the items' back-off.
    await runDueJobs({ ...deliveryDepsOf(bot.server.deps), clock: fixedClock(later), tenantId: bot.tenantId, jobs: [outboxJob] }, later);
    expect(copiesToHead()).toHaveLength(1);
    expect((await store.find('outbox', bot.tenantId)).map((i) => i.status)).toEqual(['sent', 'sent']);
  });
});
