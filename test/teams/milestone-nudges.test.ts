import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { aHeadteacherOf, anOfficer, aSchool, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import { aLivePlan, aMilestone, oneActionWith, storePlans } from '../support/plan-builders.js';

/** Reminders, escalation and the termly evaluation of milestones, as `jobs run-due` sends them. */
describe('milestone reminders, escalation and the termly evaluation', () => {
  const officer = anOfficer('Olivia Officer');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email, causingConcern: true, riskLevel: 'high' });
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  // m1 is due on Monday 7 December 2026 (due soon from Monday 23 November); m2 on Tuesday 15 December, already met.
  const plan = aLivePlan(
    oakwood,
    oneActionWith(
      aMilestone('m1', { target: 'Target m1: every Year 4 teacher trained in phonics', due: '2026-12-07' }),
      aMilestone('m2', { target: 'Target m2: reading audit', due: '2026-12-15', status: 'met', confirmation: { outcome: 'met', evidence: 'Reading audit done', by: head.id!, at: '2026-11-20T10:00:00Z' } }),
    ),
    '2026-09-14',
  );
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood], people: [officer, head] });
    await storePlans(bot.store, plan);
  });
  afterEach(() => bot.close());

  /** `jobs run-due --at` through the admin CLI, on the bot's store, sending through the test connector. */
  async function runJobs(at: string): Promise<string> {
    let out = '';
    const code = await runCli(['jobs', 'run-due', '--at', at], {
      store: bot.store,
      clock: fixedClock(at),
      env: { BOT_TENANT_ID: bot.tenantId, BOT_SERVICE_URL: bot.connector.url, LOG_LEVEL: 'silent' },
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (out += s) },
    });
    if (code !== 0) throw new Error(`jobs run-due exited ${code}: ${out}`);
    return out;
  }
  const said = (user: TestUser, pattern: RegExp) => texts(sentToPersonalChat(bot, user)).filter((t) => pattern.test(t));

  it('when it becomes due soon, then the headteacher is reminded once, even with two runners racing and runs on later days', async () => {
    const [first, second] = await Promise.all([runJobs('2026-11-23T09:00:00Z'), runJobs('2026-11-23T09:00:00Z')]);
    expect([first, second].join('\n')).toContain('milestones (due Monday 23 November 2026 at 08:00): ran: 1 due, 1 sent');
    expect([first, second].join('\n')).toContain('milestones (due Monday 23 November 2026 at 08:00): already run by another process.');
    await runJobs('2026-11-24T09:00:00Z');
    await runJobs('2026-11-27T09:00:00Z');

    const reminders = said(head, /is due soon/);
    expect(reminders).toEqual(['Reminder: a milestone of the action plan for Oakwood Primary School is due soon, on Monday 7 December 2026. Confirm its outcome on the card once you know it.']);
    const [card] = cardsOf(sentToPersonalChat(bot, head)).map(validateCard);
    expect(cardText(card)).toContain('Target m1');
    expect(said(officer, /./)).toEqual([]);
  });

  it('when the runner runs at the weekend, then nothing is sent until the next working day', async () => {
    const weekend = await runJobs('2026-11-28T10:00:00Z');
    expect(weekend).toContain('milestones (due Friday 27 November 2026 at 08:00): ran: outside working hours: nothing sent.');
    expect(said(head, /due soon/)).toEqual([]);
    await runJobs('2026-11-30T08:05:00Z');
    expect(said(head, /due soon/)).toHaveLength(1);
  });

  it('when the due date comes, then the headteacher is reminded once on the day; once overdue, the link officer is told once', async () => {
    await runJobs('2026-11-23T09:00:00Z');
    await Promise.all([runJobs('2026-12-07T08:30:00Z'), runJobs('2026-12-07T08:30:00Z')]);
    await runJobs('2026-12-07T11:00:00Z');
    expect(said(head, /is due today/)).toEqual(['Reminder: a milestone of the action plan for Oakwood Primary School is due today, Monday 7 December 2026. Confirm its outcome on the card.']);
    expect(said(officer, /./)).toEqual([]);

    await Promise.all([runJobs('2026-12-08T09:00:00Z'), runJobs('2026-12-08T09:00:00Z')]);
    await runJobs('2026-12-09T09:00:00Z');
    expect(said(officer, /Overdue/)).toEqual(['Overdue: a milestone of the action plan for Oakwood Primary School was due on Monday 7 December 2026 and no outcome has been confirmed.']);
    const escalation = cardsOf(sentToPersonalChat(bot, officer)).map(validateCard)[0];
    expect(cardText(escalation)).toContain('Overdue: it was due on Monday 7 December 2026');
    expect(cardText(escalation)).toContain('Red');
    expect(said(head, /./)).toHaveLength(2);
  });

  it('when the term ends, then the link officer gets the evaluation of the plan once: met, partly met, missed and the success criteria', async () => {
    await Promise.all([runJobs('2026-12-31T09:00:00Z'), runJobs('2026-12-31T09:00:00Z')]);
    await runJobs('2027-01-04T09:00:00Z');

    const summaries = said(officer, /Termly evaluation/);
    expect(summaries).toEqual(['Termly evaluation of the action plan for Oakwood Primary School, Autumn term 2026/27: 1 met, 0 partly met, 1 missed. Judge its success criteria for the concern review.']);
    const card = cardsOf(sentToPersonalChat(bot, officer)).map(validateCard).find((c) => cardText(c).includes('Termly evaluation'))!;
    const text = cardText(card);
    expect(text).toContain('Autumn term 2026/27');
    expect(text).toContain('7 Dec\nOverdue: Target m1: every Year 4 teacher trained in phonics');
    expect(text).toContain('15 Dec\nMet: Target m2: reading audit');
    expect(text).toContain('Four in five of the group read at their age by the end of the plan');
  });

  it('when the officer lists the schools causing concern, then each shows its open and overdue milestones', async () => {
    const [list] = cardsOf(await bot.say(officer, 'concerns'));
    expect(cardText(validateCard(list))).toContain('Action plan milestones');
    expect(cardText(list)).toContain('1 open, 0 overdue');
  });

  it("when a strategy meeting has ended, then the progress card lists the plan's milestones with their status", async () => {
    await bot.store.transact(
      (tx) =>
        tx
          .insert('strategyMeetings', bot.tenantId, {
            schoolUrn: oakwood.urn,
            organiserId: officer.id!,
            organiserEmail: officer.email,
            attendees: [{ email: head.email, role: 'headteacher', required: true, why: 'Headteacher' }],
            location: { displayName: oakwood.name },
            seriesStart: { date: '2026-11-24', time: '10:00' },
            durationMinutes: 60,
            timeZone: 'Europe/London',
            intervalWeeks: 6,
            transactionId: 'tx-1',
            status: 'booked',
            moved: [],
            progress: [],
          })
          .then(() => undefined),
      { actor: 'test' },
    );

    await runJobs('2026-11-24T11:15:00Z');

    const card = cardsOf(sentToPersonalChat(bot, officer)).map(validateCard).find((c) => cardText(c).includes('Progress:'))!;
    const text = cardText(card);
    expect(text).toContain("The action plan's milestones");
    expect(text).toContain('7 Dec\nDue soon: Target m1: every Year 4 teacher trained in phonics');
    expect(text).toContain('15 Dec\nMet: Target m2: reading audit');
  });
});
