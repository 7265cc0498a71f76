import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aGovernorOf, aHeadteacherOf, aPerson, anOfficer, aSchool, teamsUserId, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { sentToPersonalChat } from '../support/personal-chat.js';

describe('self-evaluation from chat: submit, judge, sign', () => {
  const officer = anOfficer('Olivia Officer');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email }); // maintained: required
  const hillside = aSchool(2, { linkOfficerEmail: officer.email }); // academy: invited
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const otherHead = aHeadteacherOf(hillside, 'Henry Hill');
  const governor = aGovernorOf(oakwood, 'Gordon Governor');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, hillside], people: [officer, head, otherHead, governor] });
  });
  afterEach(() => bot.close());

  const stored = async () => (await bot.store.find('selfEvaluations', bot.tenantId))[0]!;
  const buttons = (card: unknown) => actions(card).map((a) => a.title).filter((t) => t !== 'Refresh');

  /** The headteacher types sef, grades every area and submits; returns the card they get back and what the officer was sent. */
  async function submitAsHead(): Promise<{ headCard: AdaptiveCard; officerCard: AdaptiveCard }> {
    const [form] = cardsOf(await bot.say(head, 'sef'));
    const typed: Record<string, string> = {};
    for (const id of inputs(validateCard(form)).keys()) typed[id] = id.endsWith('.grade') ? 'strong standard' : `Evidence for ${id}`;
    const submitted = await pressOn(bot, head, form!, 'Submit self-evaluation', typed);
    const [officerCard] = cardsOf(submitted.activities.filter((a) => a.kind === 'send'));
    return { headCard: validateCard(submitted.card), officerCard: validateCard(officerCard) };
  }

  const refreshFor = async (user: TestUser) => {
    const res = await bot.invoke(user, 'selfEvaluation.refresh', { selfEvaluationId: (await stored()).id }, { trigger: 'automatic' });
    return validateCard(res.card);
  };

  it("when the headteacher opens it, then the report-card areas show (early years for a primary, no sixth form) and it says it is required", async () => {
    const [form] = cardsOf(await bot.say(head, 'sef'));
    const card = validateCard(form);
    expect([...inputs(card).keys()].filter((id) => id.endsWith('.grade'))).toEqual([
      'inclusion.grade',
      'curriculum-and-teaching.grade',
      'achievement.grade',
      'attendance-and-behaviour.grade',
      'personal-development-and-well-being.grade',
      'leadership-and-governance.grade',
      'early-years.grade',
    ]);
    expect(cardText(card)).toContain('Required: maintained schools');
  });

  it('when the areas are configured, then the form grades those (stage areas still only where the school has them)', async () => {
    await bot.close();
    bot = await startTestBot({ schools: [oakwood, hillside], people: [officer, head], env: { SELF_EVALUATION_AREAS: 'Reading; writing ;sixth form;early years' } });
    const [form] = cardsOf(await bot.say(head, 'sef'));
    expect([...inputs(validateCard(form)).keys()].filter((id) => id.endsWith('.grade'))).toEqual(['reading.grade', 'writing.grade', 'early-years.grade']);
  });

  it('when submitted, judged by the link officer and signed by the headteacher, then each sees their own buttons and the record keeps who did what', async () => {
    await bot.say(officer, 'sef'); // the officer has a 1:1 chat with the bot, so the card can name them for its refresh
    const { headCard, officerCard } = await submitAsHead();
    expect(cardText(headCard)).toContain('Awaiting the link officer.');
    expect(cardText(headCard)).toContain("On its way to Olivia Officer. I'll tell you if it cannot be delivered.");
    expect(buttons(headCard)).toEqual([]);
    expect(headCard.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'selfEvaluation.refresh', data: { selfEvaluationId: (await stored()).id } },
      userIds: [teamsUserId(head), teamsUserId(officer)],
    });
    expect(buttons(officerCard)).toEqual(['Agree', 'Challenge']);

    const agreed = await pressOn(bot, officer, officerCard, 'Agree', { feedbackDueOn: '2026-12-18' });
    expect(cardText(validateCard(agreed.card))).toContain('Olivia Officer agreed it is accurate and robust on Monday 23 November 2026.');
    expect(buttons(agreed.card)).toEqual(['Feedback given']);
    const [signCard] = cardsOf(agreed.activities.filter((a) => a.kind === 'send'));
    expect(buttons(validateCard(signCard))).toEqual(['Sign']);

    // The same card, refreshed per viewer.
    expect(buttons(await refreshFor(head))).toEqual(['Sign']);
    expect(buttons(await refreshFor(officer))).toEqual(['Feedback given']);
    // Anyone else, shown the card, is refused and sees nothing of it, not even where it stands (review #16).
    for (const outsider of [otherHead, governor]) {
      const refused = await bot.invoke(outsider, 'selfEvaluation.refresh', { selfEvaluationId: (await stored()).id }, { trigger: 'automatic' });
      expect(refused.card).toBeUndefined();
      expect(refused.message).toBe("Only officers and the school's headteacher can see its self-evaluation.");
    }

    const signed = await pressOn(bot, head, signCard!, 'Sign');
    expect(cardText(validateCard(signed.card))).toContain('Signed by Hannah Head on Monday 23 November 2026.');
    expect(buttons(signed.card)).toEqual([]);
    expect((await stored()).history.map((h) => [h.event, h.personId])).toEqual([
      ['submitted', head.id],
      ['agreed', officer.id],
      ['signed', head.id],
    ]);
  });

  it('when anyone else presses a sign-off button, then they are refused with a clear message and nothing changes', async () => {
    const { officerCard } = await submitAsHead();
    const before = (await stored()).version;
    for (const [who, title] of [
      [head, 'Agree'],
      [otherHead, 'Challenge'],
      [governor, 'Agree'],
    ] as const) {
      const refused = await pressOn(bot, who, officerCard, title, { feedbackDueOn: '2026-12-18', comments: 'x' });
      expect(refused.message).toMatch(/^Only the link officer can (agree|challenge) this self-evaluation\.$/);
    }
    await pressOn(bot, officer, officerCard, 'Agree', { feedbackDueOn: '2026-12-18' });
    const [signCard] = cardsOf(bot.connector.activities.filter((a) => a.kind === 'send' && buttons(cardsOf([a])[0] ?? {}).includes('Sign')));
    const agreedVersion = (await stored()).version;
    for (const who of [officer, otherHead]) expect((await pressOn(bot, who, signCard!, 'Sign')).message).toBe("Only the school's headteacher can sign this self-evaluation.");
    expect((await stored()).version).toBe(agreedVersion);
    expect(agreedVersion).toBe(before + 1);
  });

  it('when the officer challenges without comments, then the card comes back naming it and keeping what was typed; a challenge is then revised by the school', async () => {
    const { officerCard } = await submitAsHead();
    const version = (await stored()).version;
    const back = await pressOn(bot, officer, officerCard, 'Challenge', { feedbackDueOn: '2026-12-20', furtherChallenge: 'true' });
    const card = validateCard(back.card);
    expect(cardText(card)).toContain('Say what is challenged');
    expect(inputs(card).get('feedbackDueOn')?.value).toBe('2026-12-20');
    expect(inputs(card).get('furtherChallenge')?.value).toBe('true');
    expect((await stored()).version).toBe(version);

    const challenged = await pressOn(bot, officer, card, 'Challenge', { comments: 'Attendance judgement not borne out by the data' });
    expect(cardText(validateCard(challenged.card))).toContain('challenged it on Monday 23 November 2026');
    const [revise] = cardsOf(await bot.say(head, 'sef'));
    expect(cardText(validateCard(revise))).toContain('Your link officer challenged the last version: Attendance judgement not borne out by the data');
    expect(inputs(revise).get('inclusion.grade')?.value).toBe('strong standard');
  });

  it('when the officer challenges, then the headteacher is asked to revise and resubmit, is offered no Sign, and a replayed Sign is refused', async () => {
    const { officerCard } = await submitAsHead();
    const challenged = await pressOn(bot, officer, officerCard, 'Challenge', { feedbackDueOn: '2026-12-20', comments: 'Attendance judgement not borne out by the data' });
    const toHead = challenged.activities.filter((a) => a.kind === 'send');
    expect(texts(toHead).join(' ')).toContain("Please revise it in the light of the officer's comments and resubmit it: type sef to open the form.");
    expect(texts(toHead).join(' ')).not.toMatch(/sign it/i);
    const headCard = validateCard(cardsOf(toHead)[0]);
    expect(cardText(headCard)).toContain("Challenged, awaiting the school's revision.");
    expect(buttons(headCard)).toEqual([]);
    expect(buttons(await refreshFor(head))).toEqual([]);

    const version = (await stored()).version;
    const replayed = await bot.invoke(head, 'selfEvaluation.sign', { selfEvaluationId: (await stored()).id, version });
    expect(replayed.message).toBe("This self-evaluation is challenged, awaiting the school's revision: you cannot sign this self-evaluation now.");
    expect((await stored()).headteacherSignature).toBeUndefined();
    const [status] = cardsOf(await bot.say(officer, 'sef'));
    expect(cardText(validateCard(status))).not.toContain('Challenged, signed');
  });

  it('when a challenged self-evaluation is revised and resubmitted, then the officer judges it afresh, agrees it, and the headteacher signs: both have signed and the record keeps every step', async () => {
    await bot.say(officer, 'sef');
    const { officerCard } = await submitAsHead();
    await pressOn(bot, officer, officerCard, 'Challenge', { feedbackDueOn: '2026-12-20', comments: 'Attendance judgement not borne out by the data' });

    // The school revises the challenged grade and resubmits, from the form sef brings up.
    const [revise] = cardsOf(await bot.say(head, 'sef'));
    const resubmitted = await pressOn(bot, head, validateCard(revise), 'Submit self-evaluation', {
      'attendance-and-behaviour.grade': 'expected standard',
      'attendance-and-behaviour.evidence': 'Persistent absence above the national figure; revised in the light of the challenge',
    });
    expect(cardText(validateCard(resubmitted.card))).toContain('Awaiting the link officer.');
    const [judgeAgain] = cardsOf(resubmitted.activities.filter((a) => a.kind === 'send'));
    expect(buttons(validateCard(judgeAgain))).toEqual(['Agree', 'Challenge']);
    expect((await stored())).toMatchObject({ status: 'submitted', judgement: undefined });

    // A forged Agree from the headteacher is still refused; the officer's agreement is then their signature.
    expect((await pressOn(bot, head, judgeAgain!, 'Agree', { feedbackDueOn: '2027-01-15' })).message).toBe('Only the link officer can agree this self-evaluation.');
    const agreed = await pressOn(bot, officer, judgeAgain!, 'Agree', { feedbackDueOn: '2027-01-15' });
    expect(cardText(validateCard(agreed.card))).toContain('Olivia Officer agreed it is accurate and robust on Monday 23 November 2026.');
    const [signCard] = cardsOf(agreed.activities.filter((a) => a.kind === 'send'));
    expect(buttons(validateCard(signCard))).toEqual(['Sign']);

    const signed = await pressOn(bot, head, signCard!, 'Sign');
    expect(cardText(validateCard(signed.card))).toContain('Signed by Hannah Head on Monday 23 November 2026.');
    const sef = await stored();
    expect(sef).toMatchObject({ status: 'agreed', judgement: { decision: 'agreed', personId: officer.id, feedbackDueOn: '2027-01-15' }, headteacherSignature: { personId: head.id } });
    expect(sef.grades.find((g) => g.area === 'attendance and behaviour')?.grade).toBe('expected standard');
    expect(sef.history.map((h) => [h.event, h.personId])).toEqual([
      ['submitted', head.id],
      ['challenged', officer.id],
      ['resubmitted', head.id],
      ['agreed', officer.id],
      ['signed', head.id],
    ]);
  });

  it('when the officer types sef, then the status list shows this year, required or invited, and progress', async () => {
    await submitAsHead();
    const [status] = cardsOf(await bot.say(officer, 'sef'));
    const text = cardText(validateCard(status));
    expect(text).toContain('Self-evaluations 2026/27');
    expect(text).toContain('1 required, 1 invited; 1 not started; 0 with feedback overdue.');
    expect(text).toMatch(/Oakwood Primary School \(110001\)[\s\S]*Required \(maintained\)[\s\S]*Submitted/);
    expect(text).toMatch(/Hillside Academy \(110003\)[\s\S]*Invited \(academy\)[\s\S]*Not started/);
  });

  it('when the headteacher is known only by the school register\'s e-mail, then help lists sef and they can open, submit and sign it; a governor is neither listed it nor let in', async () => {
    await bot.close();
    const byEmail = aPerson('Erin Email', [], { email: 'erin.email@school.example.org' });
    const registered = { ...oakwood, headteacherEmail: byEmail.email };
    bot = await startTestBot({ schools: [registered, hillside], people: [officer, byEmail, governor] });
    expect(texts(await bot.say(byEmail, 'help')).join(' ')).toMatch(/You can use: .*\bsef\b/);
    expect(texts(await bot.say(governor, 'help')).join(' ')).not.toMatch(/\bsef\b/);
    expect(texts(await bot.say(governor, 'sef')).join(' ')).toBe("Only a school's headteacher or its officer can open its self-evaluation.");

    const [form] = cardsOf(await bot.say(byEmail, `sef ${oakwood.urn}`));
    const typed: Record<string, string> = {};
    for (const id of inputs(validateCard(form)).keys()) typed[id] = id.endsWith('.grade') ? 'expected standard' : 'Seen';
    const submitted = await pressOn(bot, byEmail, form!, 'Submit self-evaluation', typed);
    expect(cardText(validateCard(submitted.card))).toContain('Awaiting the link officer.');
    const [officerCard] = cardsOf(submitted.activities.filter((a) => a.kind === 'send'));
    const agreed = await pressOn(bot, officer, validateCard(officerCard), 'Agree', { feedbackDueOn: '2026-12-18' });
    const [signCard] = cardsOf(agreed.activities.filter((a) => a.kind === 'send'));
    const signed = await pressOn(bot, byEmail, validateCard(signCard), 'Sign');
    expect(cardText(validateCard(signed.card))).toContain('Signed by Erin Email on Monday 23 November 2026.');

    // As the school choice card sends it.
    const picked = await bot.invoke(byEmail, 'selfEvaluation.open', { school: oakwood.urn });
    expect(cardText(validateCard(picked.card))).toContain('Signed by Erin Email');
  });

  it('when sef is typed, or a self-evaluation card pressed, in a channel, then the answer goes to the 1:1 chat, a press is refused, and no grade is shown there', async () => {
    await submitAsHead();
    const channel = aChannel('School Improvement Team');
    for (const [who, command] of [
      [officer, 'sef'],
      [head, 'sef'],
      [officer, 'sef Oakwood'],
    ] as const) {
      const before = sentToPersonalChat(bot, who).length;
      expect(texts(await bot.say(who, command, { channel }))).toEqual(['I\'ve answered "sef" in our 1:1 chat: what it shows is not for this conversation.']);
      expect(cardsOf(sentToPersonalChat(bot, who).slice(before))).toHaveLength(1);
    }
    const id = (await stored()).id;
    for (const [who, verb] of [
      [officer, 'selfEvaluation.refresh'],
      [officer, 'selfEvaluation.agree'],
      [head, 'selfEvaluation.open'],
    ] as const) {
      const pressed = await bot.invoke(who, verb, { selfEvaluationId: id, school: oakwood.urn, version: 1, feedbackDueOn: '2026-12-18' }, { channel });
      expect(pressed.message).toBe('Self-evaluations open only in your 1:1 chat with me.');
      expect(JSON.stringify(pressed.body)).not.toMatch(/strong standard/i);
    }
    expect(bot.connector.activitiesIn(channel.id).flatMap((a) => cardsOf([a]))).toEqual([]);
    expect((await stored()).status).toBe('submitted');
  });

  it('when it is submitted, judged and signed at 00:30 BST, then the card gives each day in the configured time zone, not UTC', async () => {
    await bot.close();
    bot = await startTestBot({ schools: [oakwood], people: [officer, head], clock: fixedClock('2026-06-15T23:30:00Z') });
    const { officerCard } = await submitAsHead();
    const agreed = await pressOn(bot, officer, officerCard, 'Agree', { feedbackDueOn: '2026-07-10' });
    const text = cardText(validateCard(agreed.card));
    expect(text).toContain('Submitted by Hannah Head on Tuesday 16 June 2026.');
    expect(text).toContain('Olivia Officer agreed it is accurate and robust on Tuesday 16 June 2026.');
    const [signCard] = cardsOf(agreed.activities.filter((a) => a.kind === 'send'));
    const signed = cardText(validateCard((await pressOn(bot, head, validateCard(signCard), 'Sign')).card));
    expect(signed).toContain('Signed by Hannah Head on Tuesday 16 June 2026.');
    expect(signed).not.toContain('2026-06-15');
  });

  it('when the same submit arrives twice, then one self-evaluation is stored and the officer is told once', async () => {
    const [form] = cardsOf(await bot.say(head, 'sef'));
    const typed: Record<string, string> = {};
    for (const id of inputs(validateCard(form)).keys()) typed[id] = id.endsWith('.grade') ? 'expected standard' : 'Seen';
    await pressOn(bot, head, form!, 'Submit self-evaluation', typed);
    const again = await pressOn(bot, head, form!, 'Submit self-evaluation', typed);
    expect(validateCard(again.card)).toBeDefined();
    expect(await bot.store.find('selfEvaluations', bot.tenantId)).toHaveLength(1);
    expect(texts(bot.connector.activities.filter((a) => a.kind === 'send'))).toHaveLength(1);
  });
});
