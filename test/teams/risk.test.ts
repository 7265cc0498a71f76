import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aGovernorOf, aHeadteacherOf, aPerson, anOfficer, aSchool, aSitMember, teamsUserId, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

describe('risk levels agreed with the school, and the list of schools causing concern', () => {
  const officer = anOfficer('Olivia Officer');
  const sit = aSitMember('Sam Sitwell');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email, inspections: [{ framework: 'legacy', date: '2023-03-14', overall: 'Requires Improvement' }] });
  const hillside = aSchool(2, { linkOfficerEmail: officer.email });
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const otherHead = aHeadteacherOf(hillside, 'Henry Hill');
  const governor = aGovernorOf(oakwood, 'Gordon Governor');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, hillside], people: [officer, sit, head, otherHead, governor] });
  });
  afterEach(() => bot.close());

  const school = async (urn = oakwood.urn) => (await bot.store.find('schools', bot.tenantId, { urn }))[0]!;
  const changes = () => bot.store.find('riskChanges', bot.tenantId);
  const buttons = (card: unknown) => actions(card).map((a) => a.title).filter((t) => t !== 'Refresh');
  const sentCards = (user: TestUser) => cardsOf(sentToPersonalChat(bot, user)).map(validateCard);

  /** The officer proposes a level on the form; returns their card and the card the headteacher was sent. */
  async function propose(values: Record<string, string> = {}): Promise<{ officerCard: AdaptiveCard; headCard: AdaptiveCard }> {
    const [form] = cardsOf(await bot.say(officer, `risk ${oakwood.urn}`));
    const typed = { level: 'high', criterion: 'notResponding', evidence: 'Two terms without acting on the attendance plan.', nextMonitoringMeetingOn: '2026-12-04', ...values };
    const proposed = await pressOn(bot, officer, validateCard(form), 'Propose to the headteacher', typed);
    const headCard = sentCards(head).at(-1)!;
    return { officerCard: validateCard(proposed.card), headCard };
  }

  describe('inspection', () => {
    it('when an officer records a report card, then it is kept beside the earlier single-word judgement, each in its own terms', async () => {
      const [form] = cardsOf(await bot.say(officer, `inspection ${oakwood.urn}`));
      const card = validateCard(form);
      expect(cardText(card)).toContain('Tuesday 14 March 2023: Single-word judgement');
      const grades = Object.fromEntries([...inputs(card).keys()].filter((id) => id.startsWith('grade.')).map((id) => [id, 'expected standard']));
      expect(Object.keys(grades)).toContain('grade.leadership-and-governance');
      const recorded = await pressOn(bot, officer, card, 'Record inspection', { ...grades, date: '2026-01-20', safeguarding: 'met', 'grade.achievement': 'needs attention' });
      const after = validateCard(recorded.card);
      expect(cardText(after)).toContain('Tuesday 20 January 2026: Report card');
      expect(cardText(after)).toContain('achievement: needs attention');
      expect(cardText(after)).toContain('Requires Improvement');
      const stored = await school();
      expect(stored.inspections.map((i) => i.framework)).toEqual(['legacy', 'reportCard']);
      // Not a category of concern: nothing is put on the list without dialogue.
      expect(stored.causingConcern).toBe(false);
      expect(await changes()).toEqual([]);
    });

    it('when the date is before report cards began, then the card comes back saying so and nothing is stored', async () => {
      const [form] = cardsOf(await bot.say(officer, `inspection ${oakwood.urn}`));
      const grades = Object.fromEntries([...inputs(form).keys()].filter((id) => id.startsWith('grade.')).map((id) => [id, 'strong standard']));
      const back = await pressOn(bot, officer, form!, 'Record inspection', { ...grades, date: '2025-06-01', safeguarding: 'met' });
      expect(cardText(validateCard(back.card))).toContain('Report cards began on 10 November 2025');
      expect(inputs(back.card).get('date')?.value).toBe('2025-06-01');
      expect((await school()).inspections).toHaveLength(1);
    });

    it('when a category of concern is recorded, then the school is on the list at once and its link officer is told (rapid response)', async () => {
      const [form] = cardsOf(await bot.say(sit, `inspection ${oakwood.urn}`));
      const grades = Object.fromEntries([...inputs(form).keys()].filter((id) => id.startsWith('grade.')).map((id) => [id, 'urgent improvement']));
      const recorded = await pressOn(bot, sit, form!, 'Record inspection', { ...grades, date: '2026-11-18', safeguarding: 'notMet', category: 'special measures' });
      expect(cardText(validateCard(recorded.card))).toContain('now on the list of schools causing concern at high');
      expect(await school()).toMatchObject({ riskLevel: 'high', causingConcern: true });
      expect((await changes()).map((c) => [c.source, c.status, c.criterion, c.proposedBy])).toEqual([['inspection', 'agreed', 'ofstedCategory', sit.id]]);
      expect(texts(sentToPersonalChat(bot, officer)).join('\n')).toContain('Rapid response: Oakwood');

      const [list] = cardsOf(await bot.say(officer, 'concerns'));
      const text = cardText(validateCard(list));
      expect(text).toContain(`${oakwood.name} (${oakwood.urn})`);
      expect(text).toContain('high, since 23 Nov: In an Ofsted category');
      expect(text).toContain('none booked');
    });

    it('when a headteacher types inspection, then they are refused', async () => {
      expect(texts(await bot.say(head, `inspection ${oakwood.urn}`))[0]).toMatch(/^Only a school improvement officer or a school improvement team \(SIT\) member can use/);
    });
  });

  describe('the dialogue', () => {
    it("when the officer proposes, then it waits for the headteacher, and only the headteacher's agreement applies it", async () => {
      await bot.say(head, 'help'); // the head has a 1:1 chat, so the card names them for its refresh
      const { officerCard, headCard } = await propose();
      expect(cardText(officerCard)).toContain("Waiting for the headteacher's answer.");
      expect(cardText(officerCard)).toContain('On its way to Hannah Head.');
      expect(buttons(officerCard)).toEqual(['Withdraw']);
      expect(buttons(headCard)).toEqual(['Agree', 'Dispute']);
      expect(cardText(headCard)).toContain('Two terms without acting on the attendance plan.');
      expect(await school()).toMatchObject({ riskLevel: 'unassessed', causingConcern: false });

      // Another school's headteacher, the officer and a governor pressing Agree change nothing.
      const version = (await changes())[0]!.version;
      expect((await pressOn(bot, otherHead, headCard, 'Agree')).message).toBe("Only the school's headteacher can agree this risk level.");
      expect((await pressOn(bot, officer, headCard, 'Agree')).message).toBe("Only the school's headteacher can agree this risk level.");
      expect((await pressOn(bot, governor, headCard, 'Agree')).message).toBe("Only the school's headteacher can agree this risk level.");
      expect((await changes())[0]!.version).toBe(version);
      expect((await school()).riskLevel).toBe('unassessed');
      // The one card, refreshed, shows each viewer their own buttons; anyone else may not see it.
      const refresh = async (user: TestUser) => (await bot.invoke(user, 'risk.refresh', { riskChangeId: (await changes())[0]!.id }, { trigger: 'automatic' })).card;
      expect(buttons(validateCard(await refresh(head)))).toEqual(['Agree', 'Dispute']);
      expect(buttons(validateCard(await refresh(officer)))).toEqual(['Withdraw']);
      expect(headCard.refresh).toMatchObject({ userIds: [teamsUserId(head), teamsUserId(officer)] });
      const refused = await bot.invoke(otherHead, 'risk.refresh', { riskChangeId: (await changes())[0]!.id }, { trigger: 'automatic' });
      expect(refused.card).toBeUndefined();
      expect(refused.message).toBe("Only officers and the school's headteacher can see its risk level.");

      // The headteacher can open it again with risk (their own school found for them); a governor cannot.
      const [reopened] = cardsOf(await bot.say(head, 'risk'));
      expect(buttons(validateCard(reopened))).toEqual(['Agree', 'Dispute']);
      expect(texts(await bot.say(governor, `risk ${oakwood.urn}`))).toEqual(["Only officers and the school's headteacher can open its risk level."]);
      expect(texts(await bot.say(otherHead, `risk ${oakwood.urn}`))).toEqual(["Only officers and the school's headteacher can open its risk level."]);
      expect(texts(await bot.say(otherHead, 'risk'))).toEqual(['There is no risk-level proposal for Hillside Academy waiting for your answer.']);

      const agreed = await pressOn(bot, head, headCard, 'Agree');
      expect(cardText(validateCard(agreed.card))).toContain('Agreed: the level is applied.');
      expect(buttons(agreed.card)).toEqual([]);
      expect(await school()).toMatchObject({ riskLevel: 'high', causingConcern: true });
      expect((await changes())[0]).toMatchObject({ status: 'agreed', answer: { personId: head.id, decision: 'agreed' }, appliedAt: expect.any(String) });
      // The officer is told; a second press (a double click, a Teams retry) is applied once.
      expect(cardText(sentCards(officer).at(-1))).toContain('Hannah Head agreed on Monday 23 November 2026.');
      const agreedVersion = (await changes())[0]!.version;
      expect(cardText(validateCard((await pressOn(bot, head, headCard, 'Agree')).card))).toContain('Agreed: the level is applied.');
      expect((await changes()).map((c) => c.version)).toEqual([agreedVersion]);

      const [list] = cardsOf(await bot.say(sit, 'concerns'));
      const text = cardText(validateCard(list));
      expect(text).toContain('high, since 23 Nov: Not responding to support with appropriate urgency');
      expect(text).toContain('Olivia Officer');
    });

    it('when the headteacher disputes, then a comment is required, the officer is told and may revise; the revision goes back to the school', async () => {
      const { headCard } = await propose();
      const noComment = await pressOn(bot, head, headCard, 'Dispute');
      expect(cardText(validateCard(noComment.card))).toContain('Say why you dispute it');
      const tooLong = await pressOn(bot, head, headCard, 'Dispute', { comment: 'x'.repeat(1001) });
      expect(cardText(validateCard(tooLong.card))).toContain('The comment is longer than the 1,000 characters it may hold.');
      expect(inputs(tooLong.card).get('comment')?.value).toHaveLength(1001);
      expect((await changes())[0]!.status).toBe('proposed');

      const disputed = await pressOn(bot, head, headCard, 'Dispute', { comment: 'The attendance plan started in September.' });
      expect(cardText(validateCard(disputed.card))).toContain('Disputed by the school');
      expect((await school()).riskLevel).toBe('unassessed');
      const officerNotice = sentCards(officer).at(-1)!;
      expect(cardText(officerNotice)).toContain('Hannah Head disputed on Monday 23 November 2026: The attendance plan started in September.');
      expect(buttons(officerNotice)).toEqual(['Revise', 'Withdraw']);

      const revised = await pressOn(bot, officer, officerNotice, 'Revise', { level: 'medium', criterion: 'notResponding', evidence: 'Attendance has not improved since September.' });
      expect(cardText(validateCard(revised.card))).toContain("Waiting for the headteacher's answer.");
      const all = await changes();
      expect(all.map((c) => [c.proposedLevel, c.status])).toEqual([
        ['high', 'revised'],
        ['medium', 'proposed'],
      ]);
      expect(all[1]!.revises).toBe(all[0]!.id);
      const newHeadCard = sentCards(head).find((c) => cardText(c).includes('Attendance has not improved since September.'))!;
      expect(buttons(newHeadCard)).toEqual(['Agree', 'Dispute']);
      await pressOn(bot, head, newHeadCard, 'Agree');
      expect(await school()).toMatchObject({ riskLevel: 'medium', causingConcern: false });
    });

    it('when the officer withdraws, then it is kept as withdrawn and the level is unchanged', async () => {
      const { officerCard, headCard } = await propose();
      const withdrawn = await pressOn(bot, officer, officerCard, 'Withdraw');
      expect(cardText(validateCard(withdrawn.card))).toContain('Withdrawn: the level is unchanged.');
      expect((await changes())[0]).toMatchObject({ status: 'withdrawn', closedBy: { personId: officer.id } });
      expect((await pressOn(bot, head, headCard, 'Agree')).message).toBe('This proposal is withdrawn: you cannot agree this risk level now.');
      expect((await school()).riskLevel).toBe('unassessed');
    });

    it('when the headteacher is known only by the register e-mail, then their agreement counts', async () => {
      const helen = aPerson('Helen Register', [], { email: 'helen.register@school.example.org' });
      const riverside = aSchool(1, { linkOfficerEmail: officer.email, headteacherEmail: helen.email });
      await bot.seed({ schools: [riverside], people: [helen] });
      const [form] = cardsOf(await bot.say(officer, `risk ${riverside.urn}`));
      await pressOn(bot, officer, form!, 'Propose to the headteacher', { level: 'intensive', criterion: 'challengingCircumstances', evidence: 'Loss of the head and deputy.', nextMonitoringMeetingOn: '2026-12-04' });
      const helenCards = sentCards(helen);
      expect(helenCards.map(buttons)).toEqual([['Agree', 'Dispute']]);
      await pressOn(bot, helen, helenCards[0]!, 'Agree');
      expect(await school(riverside.urn)).toMatchObject({ riskLevel: 'intensive', causingConcern: true });
    });

    it('when a proposal needs a start criterion and none is given, then the form comes back naming it and nothing is sent', async () => {
      const [form] = cardsOf(await bot.say(officer, `risk ${oakwood.urn}`));
      const back = await pressOn(bot, officer, form!, 'Propose to the headteacher', { level: 'high', evidence: 'x', nextMonitoringMeetingOn: '2026-12-04' });
      expect(cardText(validateCard(back.card))).toContain('Say which start criterion applies.');
      expect(inputs(back.card).get('evidence')?.value).toBe('x');
      expect(await changes()).toEqual([]);
    });
  });

  it('when concerns lists a school with a strategy meeting booked, then it shows the next occurrence and the last progress', async () => {
    await bot.store.transact(
      async (tx) => {
        const s = (await tx.find('schools', bot.tenantId, { urn: oakwood.urn }))[0]!;
        await tx.update('schools', bot.tenantId, s.id, s.version, { riskLevel: 'intensive', causingConcern: true });
        await tx.insert('strategyMeetings', bot.tenantId, {
          schoolUrn: oakwood.urn,
          organiserId: officer.id!,
          organiserEmail: officer.email!,
          attendees: [{ email: head.email!, role: 'headteacher', required: true, why: 'Headteacher' }],
          location: { displayName: oakwood.name },
          seriesStart: { date: '2026-10-01', time: '10:00' },
          durationMinutes: 60,
          timeZone: 'Europe/London',
          intervalWeeks: 6,
          transactionId: 'tx-1',
          status: 'booked',
          moved: [],
          progress: [{ on: '2026-11-12', successes: 'Attendance up', barriers: '', nextSteps: 'Governor visit', rag: 'amber', recordedBy: officer.id!, recordedAt: '2026-11-12T15:00:00Z' }],
        });
      },
      { actor: 'test' },
    );
    const [list] = cardsOf(await bot.say(officer, 'concerns'));
    const text = cardText(validateCard(list));
    expect(text).toContain('24 Dec, 10:00');
    expect(text).toContain('2026-11-12 (amber): next steps Governor visit');
    expect(text).not.toContain(hillside.name);
    // It names schools: asked in a channel not registered for the SIT, it is answered in the 1:1 chat.
    const inChannel = texts(await bot.say(officer, 'concerns', { channel: aChannel('Cluster North') }));
    expect(inChannel).toEqual(['I\'ve answered "concerns" in our 1:1 chat: what it shows is not for this conversation.']);
    expect(texts(await bot.say(head, 'concerns'))[0]).toMatch(/^Only a school improvement officer or a school improvement team \(SIT\) member can use/);
  });
});
