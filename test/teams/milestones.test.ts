import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aGovernorOf, aHeadteacherOf, anAdmin, anOfficer, aSchool, type TestUser } from '../support/builders.js';
import { cardsOf, recordCounts, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import { aLivePlan, aMilestone, oneActionWith, storePlans } from '../support/plan-builders.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

describe('action-plan milestones confirmed by the headteacher in Teams', () => {
  const officer = anOfficer('Olivia Officer');
  const otherOfficer = anOfficer('Oscar Other');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email });
  const hillside = aSchool(2, { linkOfficerEmail: otherOfficer.email });
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const otherHead = aHeadteacherOf(hillside, 'Henry Hill');
  const deputy = aGovernorOf(oakwood, 'Dee Deputy');
  // Today is Monday 23 November 2026: the first is due soon (1 December), the second later.
  const plan = aLivePlan(oakwood, {
    ...oneActionWith(aMilestone('m1', { target: 'Target m1: every Year 4 teacher trained in phonics', due: '2026-12-01' }), aMilestone('m2', { target: 'Target m2: reading ages up', due: '2027-01-10' })),
    delegateIds: [deputy.id!],
  });
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, hillside], people: [officer, otherOfficer, head, otherHead, deputy] });
    await storePlans(bot.store, plan);
  });
  afterEach(() => bot.close());

  const stored = async () => (await bot.store.get('actionPlans', bot.tenantId, plan.id!))!;
  const m1 = async () => (await stored()).actions[0]!.milestones[0]!;
  const buttons = (card: unknown) => actions(card).map((a) => a.title).filter((t) => t !== 'Refresh');
  const sentCards = (user: TestUser) => cardsOf(sentToPersonalChat(bot, user)).map(validateCard);

  /** The head's `milestones` list, and the first milestone's card opened from it. */
  async function openFirst(user: TestUser = head): Promise<AdaptiveCard> {
    const [list] = cardsOf(await bot.say(user, 'milestones'));
    const open = actions(validateCard(list)).find((a) => a.title === 'Open')!;
    return validateCard((await bot.invoke(user, open.verb!, open.data as Record<string, unknown>)).card);
  }

  it('when the headteacher lists their milestones, then they come soonest first with their standing, and one opens with its buttons and the plan RAG', async () => {
    const [list] = cardsOf(await bot.say(head, 'milestones'));
    const text = cardText(validateCard(list));
    expect(text).toContain('Your action-plan milestones to confirm');
    expect(text.indexOf('Target m1')).toBeLessThan(text.indexOf('Target m2'));
    expect(text).toContain('Due soon, due 1 Dec');
    expect(text).toContain('Upcoming, due 10 Jan 2027');

    const card = await openFirst();
    expect(buttons(card)).toEqual(['In progress', 'Met', 'Partly met', 'Not met']);
    expect(cardText(card)).toContain('Due soon: Tuesday 1 December 2026');
    expect(cardText(card)).toContain('Amber');
    expect(inputs(card).has('evidence')).toBe(true);
    expect(inputs(card).has('link')).toBe(true);

    const progressed = await pressOn(bot, head, card, 'In progress');
    expect(buttons(validateCard(progressed.card))).toEqual(['Met', 'Partly met', 'Not met']);
    expect((await m1()).status).toBe('inProgress');
  });

  it('when the headteacher confirms Met with evidence, then it is kept, the RAG turns green, and the link officer is sent the card once, with Query', async () => {
    const card = await openFirst();
    const evidence = 'Training log signed by all six teachers.\nObserved lessons on 20 November.';

    const confirmed = await pressOn(bot, head, card, 'Met', { evidence, link: 'https://oakwood.example.org/evidence' });
    const after = validateCard(confirmed.card);
    expect(cardText(after)).toContain('Met, by Hannah Head on 23 Nov');
    expect(cardText(after)).toContain('Green');
    expect(cardText(after)).toContain('On its way to Olivia Officer.');
    expect(buttons(after)).toEqual([]);
    expect(await m1()).toMatchObject({ status: 'met', revision: 1, confirmation: { outcome: 'met', evidence, link: 'https://oakwood.example.org/evidence', by: head.id } });

    // A double click: stored once, the officer told once.
    await pressOn(bot, head, card, 'Met', { evidence, link: 'https://oakwood.example.org/evidence' });
    expect((await m1()).revision).toBe(1);
    const officerCards = sentCards(officer);
    expect(officerCards).toHaveLength(1);
    expect(texts(sentToPersonalChat(bot, officer))[0]).toContain('A milestone of the action plan for Oakwood Primary School is confirmed: Met, by Hannah Head. The plan is now Green.');
    expect(buttons(officerCards[0])).toEqual(['Query']);
    expect(cardText(officerCards[0])).toContain('Training log signed by all six teachers.');
  });

  it('when Met is pressed without evidence, then the card comes back naming the evidence, keeping the link, and nothing changes', async () => {
    const card = await openFirst();
    const before = await stored();

    const back = await pressOn(bot, head, card, 'Met', { link: 'https://oakwood.example.org/evidence' });

    expect(cardText(validateCard(back.card))).toContain('Give the evidence: it is required for met and partly met.');
    expect(inputs(back.card).get('link')?.value).toBe('https://oakwood.example.org/evidence');
    expect((await stored()).version).toBe(before.version);
    expect(sentToPersonalChat(bot, officer)).toEqual([]);
  });

  it("when another school's headteacher or an officer presses Met, then they are refused and nothing changes; a named delegate may confirm", async () => {
    const card = await openFirst();
    const counts = async () => {
      const { actionPlans, outbox } = await recordCounts(bot);
      return { actionPlans, outbox };
    };
    const before = await counts();
    const version = (await stored()).version;

    expect((await pressOn(bot, otherHead, card, 'Met', { evidence: 'x' })).message).toBe("Only the school's headteacher, or a delegate they named on the plan, can confirm its milestones.");
    expect((await pressOn(bot, officer, card, 'Met', { evidence: 'x' })).message).toBe("Only the school's headteacher, or a delegate they named on the plan, can confirm its milestones.");
    expect((await stored()).version).toBe(version);
    expect(await counts()).toEqual(before);

    // Each sees their own view when the card refreshes; another school's head sees nothing of it.
    const refresh = (user: TestUser) => bot.invoke(user, 'milestone.refresh', { planId: plan.id, milestoneId: 'm1' }, { trigger: 'automatic' });
    expect(buttons(validateCard((await refresh(officer)).card))).toEqual([]);
    expect((await refresh(otherHead)).message).toBe("Only officers, the school's headteacher and the delegates they named can see its action plan.");

    const byDelegate = await pressOn(bot, deputy, card, 'Not met');
    expect(cardText(validateCard(byDelegate.card))).toContain('Not met, by Dee Deputy');
    expect(cardText(byDelegate.card)).toContain('Red');
    expect(await m1()).toMatchObject({ status: 'notMet', confirmation: { by: deputy.id } });
  });

  it('when the link officer queries a confirmation, then the headteacher sees it on the same card and answers there, and the officer is told', async () => {
    await pressOn(bot, head, await openFirst(), 'Partly met', { evidence: 'Four of six teachers trained.' });
    const officerCard = sentCards(officer).at(-1)!;

    const refused = await pressOn(bot, otherOfficer, officerCard, 'Query', { query: 'Which two are not?' });
    expect(refused.message).toBe("Only the school's link officer can query a milestone's confirmation.");
    const empty = await pressOn(bot, officer, officerCard, 'Query', { query: '  ' });
    expect(cardText(validateCard(empty.card))).toContain('Write the query.');

    const queried = await pressOn(bot, officer, officerCard, 'Query', { query: 'Which two teachers are still to be trained, and when?' });
    expect(cardText(validateCard(queried.card))).toContain('Query from Olivia Officer on 23 Nov: Which two teachers are still to be trained, and when?');
    expect(cardText(queried.card)).toContain('Waiting for the school’s answer.');
    expect(texts(sentToPersonalChat(bot, head)).join('\n')).toContain('Your link officer has queried a milestone confirmation');
    const headCard = sentCards(head).at(-1)!;
    expect(buttons(headCard)).toEqual(['Answer']);

    const answered = await pressOn(bot, head, headCard, 'Answer', { answer: 'Mr Jones and Ms Patel, on 4 December.' });
    expect(cardText(validateCard(answered.card))).toContain('Answer from Hannah Head on 23 Nov: Mr Jones and Ms Patel, on 4 December.');
    expect(buttons(answered.card)).toEqual([]);
    expect(texts(sentToPersonalChat(bot, officer)).join('\n')).toContain('The school has answered your query on a milestone of the action plan for Oakwood Primary School.');
    expect((await m1()).queries).toMatchObject([{ text: 'Which two teachers are still to be trained, and when?', by: officer.id, answer: { text: 'Mr Jones and Ms Patel, on 4 December.', by: head.id } }]);

    // The officer's list of their link schools shows it as partly met.
    const [list] = cardsOf(await bot.say(officer, 'milestones'));
    expect(cardText(validateCard(list))).toContain('Partly met, due 1 Dec');
  });

  it("when a milestone is confirmed, queried and answered, then the live plan's history has a version for each, saying who did what", async () => {
    const version = (await stored()).version;
    await pressOn(bot, head, await openFirst(), 'Partly met', { evidence: 'Four of six teachers trained.' });
    await pressOn(bot, officer, sentCards(officer).at(-1)!, 'Query', { query: 'Which two are not?' });
    await pressOn(bot, head, sentCards(head).at(-1)!, 'Answer', { answer: 'Mr Jones and Ms Patel.' });

    const target = "Milestone 'Target m1: every Year 4 teacher trained in phonics'";
    expect((await stored()).changes).toEqual([
      { version: version + 1, by: head.id, at: expect.any(String), what: [`${target} confirmed partly met`] },
      { version: version + 2, by: officer.id, at: expect.any(String), what: [`${target}: its confirmation queried`] },
      { version: version + 3, by: head.id, at: expect.any(String), what: [`${target}: the query on it answered`] },
    ]);
    const [planCard] = cardsOf(await bot.say(officer, `plan ${oakwood.urn}`));
    const history = cardText(validateCard(planCard));
    expect(history).toContain('Changes since it was agreed');
    expect(history).toContain(`Version ${version + 1}: Hannah Head, 23 Nov\n• ${target} confirmed partly met`);
    expect(history).toContain(`Version ${version + 2}: Olivia Officer, 23 Nov\n• ${target}: its confirmation queried`);
    expect(history).toContain(`Version ${version + 3}: Hannah Head, 23 Nov\n• ${target}: the query on it answered`);
  });

  it('when someone with no milestones of theirs types milestones, then they are told who has them; an officer with no link school gets an empty list', async () => {
    const governor = aGovernorOf(hillside, 'Gail Governor');
    await bot.seed({ people: [governor] });
    expect(texts(await bot.say(governor, 'milestones'))).toEqual(['Only headteachers, the delegates they name on a plan, and officers have action-plan milestones to list.']);
    const [none] = cardsOf(await bot.say(otherHead, 'milestones'));
    expect(cardText(validateCard(none))).toContain('No milestone is waiting for you.');
    const [officerList] = cardsOf(await bot.say(otherOfficer, 'milestones'));
    expect(cardText(validateCard(officerList))).toContain('None of your link schools has a live action plan with milestones.');
  });

  it('when a card is out of date (the milestone changed since), then the press is refused and nothing changes', async () => {
    const card = await openFirst();
    await pressOn(bot, head, card, 'In progress');
    const version = (await stored()).version;
    const stale = await pressOn(bot, deputy, card, 'Not met');
    expect(stale.message).toContain('Someone else changed this record since you opened it.');
    expect((await stored()).version).toBe(version);
  });
});

describe("an individual staff support plan's milestones, kept to the headteacher and its officer", () => {
  const admin = anAdmin('Ada Admin');
  const officer = anOfficer('Olivia Officer');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email });
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const deputy = aGovernorOf(oakwood, 'Dee Deputy');
  const sitChannel = aChannel('School Improvement Team');
  const schoolPlan = aLivePlan(oakwood, oneActionWith(aMilestone('m1', { target: 'Target m1: every Year 4 teacher trained in phonics', due: '2026-12-01' })));
  // Stored with a delegate, as one could be named before individual plans refused them.
  const individual = aLivePlan(oakwood, {
    id: 'plan-individual',
    kind: 'individual',
    title: 'Support for J. Teacher',
    officerId: officer.id!,
    createdBy: officer.id!,
    delegateIds: [deputy.id!],
    ...oneActionWith(aMilestone('i1', { target: 'Target i1: coaching sessions for J. Teacher', due: '2026-12-02' })),
  });
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood], people: [admin, officer, head, deputy] });
    await storePlans(bot.store, schoolPlan, individual);
    await bot.say(admin, 'register sit', { channel: sitChannel });
  });
  afterEach(() => bot.close());

  it('when the link officer types milestones in the SIT channel, then the answer there lists the school plan only; in the 1:1 chat both', async () => {
    const [inChannel] = cardsOf(await bot.say(officer, 'milestones', { channel: sitChannel }));
    expect(cardText(validateCard(inChannel))).toContain('Target m1');
    expect(cardText(inChannel)).not.toContain('Target i1');
    expect(JSON.stringify(bot.connector.activitiesIn(sitChannel.id))).not.toContain('coaching sessions');

    const [privately] = cardsOf(await bot.say(officer, 'milestones'));
    expect(cardText(validateCard(privately))).toContain('Target i1');
  });

  it('when a delegate named on an individual plan lists milestones or presses a step on its card, then they see none of it and nothing is stored', async () => {
    const listed = await bot.say(deputy, 'milestones');
    expect(texts(listed)).toEqual(['Only headteachers, the delegates they name on a plan, and officers have action-plan milestones to list.']);
    expect(JSON.stringify(listed)).not.toContain('Target i1');

    const [headList] = cardsOf(await bot.say(head, 'milestones'));
    const open = actions(validateCard(headList)).find((a) => a.title === 'Open' && (a.data as { planId?: string }).planId === individual.id)!;
    const card = validateCard((await bot.invoke(head, open.verb!, open.data as Record<string, unknown>)).card);
    const before = (await bot.store.get('actionPlans', bot.tenantId, individual.id!))!.version;

    const refused = await pressOn(bot, deputy, card, 'Not met');
    expect(refused.message).toBe("Only officers, the school's headteacher and the delegates they named can see its action plan.");
    expect(refused.card).toBeUndefined();
    expect((await bot.store.get('actionPlans', bot.tenantId, individual.id!))!.version).toBe(before);
  });
});
