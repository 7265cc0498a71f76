import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aSchool, aGovernorOf } from '../support/builders.js';
import { cardsOf, startTestBot, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import { runCli } from '../../src/cli/run-cli.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';

/**
 * The annual-visit feedback is due for every school by an agreed date, academies that never self-evaluate included:
 * the link officer agrees the date on the school's feedback card, is reminded like for a judged self-evaluation, and
 * records it given.
 */
describe('annual-visit feedback for a school with no self-evaluation', () => {
  const officer = anOfficer('Olivia Officer');
  const otherOfficer = anOfficer('Oscar Other');
  const hillside = aSchool(2, { linkOfficerEmail: officer.email }); // an academy: invited, and it has not
  const head = aHeadteacherOf(hillside, 'Henry Hill');
  const governor = aGovernorOf(hillside, 'Gina Governor');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [hillside], people: [officer, otherOfficer, head, governor] });
  });
  afterEach(() => bot.close());

  const stored = async () => bot.store.find('annualFeedback', bot.tenantId);
  const buttons = (card: unknown) => actions(card).map((a) => a.title);

  async function runJobs(at: string): Promise<void> {
    const code = await runCli(['jobs', 'run-due', '--at', at], {
      store: bot.store,
      clock: fixedClock(at),
      env: { BOT_TENANT_ID: bot.tenantId, BOT_SERVICE_URL: bot.connector.url, LOG_LEVEL: 'silent' },
      stdout: { write: () => true },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
  }

  it('when the link officer agrees a date, then the status list shows it, the officer is reminded before and after it, and recording it given ends the reminders', async () => {
    const [card] = cardsOf(await bot.say(officer, `sef ${hillside.urn}`));
    expect(cardText(validateCard(card))).toContain('No date agreed for the feedback yet.');
    expect(buttons(card)).toEqual(['Agree the date']);

    const agreed = await pressOn(bot, officer, card!, 'Agree the date', { dueOn: '2026-12-04' });
    expect(cardText(validateCard(agreed.card))).toContain('Feedback due by Friday 4 December 2026.');
    expect(buttons(agreed.card)).toEqual(['Move the date', 'Feedback given']);
    expect(await stored()).toMatchObject([{ urn: hillside.urn, dueOn: '2026-12-04', agreedBy: officer.id }]);

    const [status] = cardsOf(await bot.say(officer, 'sef'));
    expect(cardText(validateCard(status))).toMatch(/Hillside Academy[\s\S]*Feedback due by/);

    // Due within a week: one reminder, however often the runner runs.
    const before = bot.connector.activities.length;
    await runJobs('2026-11-30T09:00:00Z');
    await runJobs('2026-11-30T11:00:00Z');
    const reminders = () => bot.connector.activities.slice(before).filter((a) => a.kind === 'send' && /annual-visit feedback for Hillside/.test(a.activity.text ?? a.activity.summary ?? ''));
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.activity.text ?? reminders()[0]!.activity.summary).toBe('Reminder: the annual-visit feedback for Hillside Academy is due on Friday 4 December 2026. Record it on the feedback card (type sef 110003) once given.');
    // Overdue after its date.
    await runJobs('2026-12-07T09:00:00Z'); // the Monday after (reminders go on working days)
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.activity.text ?? reminders()[1]!.activity.summary).toContain('was due on Friday 4 December 2026');

    const given = await pressOn(bot, officer, agreed.card!, 'Feedback given');
    expect(cardText(validateCard(given.card))).toMatch(/Feedback given on Monday 23 November 2026\./);
    expect(buttons(given.card)).toEqual([]);
    await runJobs('2026-12-14T09:00:00Z'); // a week on: the next overdue reminder would be due
    expect(reminders()).toHaveLength(2);
  });

  it('when the date typed is before today or missing, then the card says so and keeps what was typed; nothing is stored', async () => {
    const [card] = cardsOf(await bot.say(officer, `sef ${hillside.urn}`));
    const past = await pressOn(bot, officer, card!, 'Agree the date', { dueOn: '2026-11-01' });
    expect(cardText(validateCard(past.card))).toContain('The annual-visit feedback cannot be due before today.');
    expect(inputs(past.card).get('dueOn')?.value).toBe('2026-11-01');
    const empty = await bot.invoke(officer, 'annualFeedback.agreeDate', { school: hillside.urn, version: 0, dueOn: '' });
    expect(cardText(validateCard(empty.card))).toContain('Give the date the annual-visit feedback is due.');
    expect(await stored()).toEqual([]);
  });

  it('when anyone but the link officer presses, then they are refused and nothing changes', async () => {
    const [card] = cardsOf(await bot.say(officer, `sef ${hillside.urn}`));
    for (const who of [otherOfficer, head]) {
      const refused = await pressOn(bot, who, card!, 'Agree the date', { dueOn: '2026-12-04' });
      expect(refused.message).toBe('Only the link officer of Hillside Academy can agree its annual-visit feedback.');
    }
    expect(await stored()).toEqual([]);
    const refused = await bot.invoke(governor, 'annualFeedback.agreeDate', { school: hillside.urn, version: 0, dueOn: '2026-12-04' });
    expect(refused.card).toBeUndefined();
    expect(await stored()).toEqual([]);

  });

  it('when the same press comes twice or from an out-of-date card, then the date is stored once and the stale press is refused', async () => {
    const [card] = cardsOf(await bot.say(officer, `sef ${hillside.urn}`));
    await pressOn(bot, officer, card!, 'Agree the date', { dueOn: '2026-12-04' });
    await pressOn(bot, officer, card!, 'Agree the date', { dueOn: '2026-12-04' });
    expect(await stored()).toHaveLength(1);
    const stale = await pressOn(bot, officer, card!, 'Agree the date', { dueOn: '2026-12-11' });
    expect(stale.message).toMatch(/changed|out of date/i);
    expect((await stored())[0]!.dueOn).toBe('2026-12-04');
  });
});
