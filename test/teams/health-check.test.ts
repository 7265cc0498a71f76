import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aGovernorOf, aHeadteacherOf, anOfficer, aPerson, aSchool, aSitMember, personalChatId, personalMessage } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import type { TestUser } from '../support/builders.js';
import { sentToPersonalChat } from '../support/personal-chat.js';

describe('health checks from chat', () => {
  const oakwood = aSchool(0); // a maintained primary: early years, no sixth form
  const stMarys = aSchool(1);
  const hillside = aSchool(2, { hasSixthForm: true }); // an academy secondary with a sixth form
  const ridge = aSchool(5, { name: 'Ridge Secondary School', phase: 'Secondary', hasNursery: false, hasSixthForm: false }); // neither
  const officer = anOfficer('Olivia Officer');
  const sit = aSitMember('Sam Sitwell');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const otherHead = aHeadteacherOf(hillside, 'Henry Hill');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys, hillside, ridge], people: [officer, sit, head, otherHead] });
  });
  afterEach(() => bot.close());

  const checks = () => bot.store.find('healthChecks', bot.tenantId);
  const buttons = (card: unknown) => actions(card).map((a) => a.title).filter((t) => t !== 'Refresh');

  async function openForm(user: TestUser, school: string): Promise<AdaptiveCard> {
    const [card] = cardsOf(await bot.say(user, `healthcheck ${school}`));
    return validateCard(card);
  }

  /** Green with evidence for every area on the form, plus any overrides by input id. */
  function answers(form: AdaptiveCard, overrides: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const id of inputs(form).keys()) {
      if (id.endsWith('.rating')) out[id] = 'green';
      if (id.endsWith('.evidence')) out[id] = `Evidence: ${id}`;
      if (id.endsWith('.impactOfLastActions')) out[id] = 'Done and checked';
    }
    return { ...out, ...overrides };
  }

  const areaTitles = (form: AdaptiveCard) => [...inputs(form).keys()].filter((id) => id.endsWith('.rating')).map((id) => id.split('.')[0]);

  it('when an officer opens a check, then the card has the nine areas, the early years or sixth form one area whose choice follows the school', async () => {
    const primary = await openForm(officer, 'Oakwood');
    expect(areaTitles(primary)).toEqual([
      'qualityOfEducation',
      'behaviourAndAttitudes',
      'personalDevelopment',
      'earlyYearsOrSixthForm',
      'leadershipAndManagement',
      'healthAndSafety',
      'internalAudit',
      'financialControls',
      'safeguarding',
    ]);
    expect(cardText(primary)).toContain('Financial and non-financial controls');
    expect(cardText(primary)).toContain('Early years or sixth form');
    expect(inputs(primary).get('safeguarding.rating')?.choices).toEqual(['green', 'amber', 'red']);
    expect(inputs(primary).get('earlyYearsOrSixthForm.applies')).toMatchObject({ value: 'earlyYears', choices: ['earlyYears', 'sixthForm', 'notApplicable'] });
    const secondary = await openForm(sit, hillside.urn);
    expect(areaTitles(secondary)).toHaveLength(9);
    expect(inputs(secondary).get('earlyYearsOrSixthForm.applies')?.value).toBe('sixthForm');
    expect(inputs(await openForm(officer, ridge.urn)).get('earlyYearsOrSixthForm.applies')?.value).toBe('notApplicable');
  });

  it('when the officer marks the early years or sixth form not applicable, then eight areas are rated and the headteacher is told it was not applicable', async () => {
    const form = await openForm(officer, ridge.urn);
    const typed = answers(form, { 'earlyYearsOrSixthForm.applies': 'notApplicable', 'earlyYearsOrSixthForm.rating': '', 'earlyYearsOrSixthForm.evidence': '' });
    const submitted = await pressOn(bot, officer, form, 'Submit health check', typed);
    expect(cardText(validateCard(submitted.card))).toContain('Early years or sixth form: not applicable');
    const [check] = await checks();
    expect(check).toMatchObject({ earlyYearsOrSixthForm: 'notApplicable' });
    expect(check!.areas).toHaveLength(8);
  });

  it('when the officer picks the sixth form, then it is rated as the fourth of nine areas and named so on the summary; leaving the choice blank is refused with the card kept', async () => {
    const form = await openForm(sit, hillside.urn);
    const blank = await pressOn(bot, sit, form, 'Submit health check', answers(form, { 'earlyYearsOrSixthForm.applies': '' }), { clientValidation: false });
    expect(cardText(validateCard(blank.card))).toContain('Say whether the early years or the sixth form is looked at, or mark it not applicable');
    expect(await checks()).toEqual([]);
    const submitted = await pressOn(bot, sit, form, 'Submit health check', answers(form, { 'earlyYearsOrSixthForm.applies': 'sixthForm', 'earlyYearsOrSixthForm.rating': 'amber', 'earlyYearsOrSixthForm.requiredAction': 'Widen the post-16 offer' }));
    const summary = cardText(validateCard(submitted.card));
    expect(summary).toContain('Early years or sixth form: sixth form');
    expect(summary).toContain('Action required: Widen the post-16 offer');
    const [check] = await checks();
    expect(check).toMatchObject({ earlyYearsOrSixthForm: 'sixthForm' });
    expect(check!.areas.map((a) => a.area)).toHaveLength(9);
  });

  it("when a headteacher types healthcheck, then they see their own school's checks (never a form), and a governor is refused", async () => {
    const list = await bot.say(head, 'healthcheck Oakwood');
    expect(texts(list)).toEqual(['Health checks: 0 awaiting your acknowledgement.']);
    const card = cardText(validateCard(cardsOf(list)[0]));
    expect(card).toContain('Oakwood Primary School (110001)');
    expect(card).not.toContain(hillside.name);
    expect(inputs(cardsOf(list)[0]!).size).toBe(0);
    const governor = aGovernorOf(oakwood, 'Gordon Governor');
    await bot.seed({ people: [governor] });
    expect(texts(await bot.say(governor, 'healthcheck')).join(' ')).toBe("Only officers, SIT members and a school's headteacher can see health checks.");
  });

  it('when the headteacher known only by the school register\'s e-mail types healthcheck, then the check awaiting them comes with Acknowledge, which they can press', async () => {
    await bot.close();
    const byEmail = aPerson('Erin Email', [], { email: 'erin.email@school.example.org' });
    bot = await startTestBot({ schools: [{ ...oakwood, headteacherEmail: byEmail.email }, stMarys], people: [officer, byEmail] });
    expect(texts(await bot.say(byEmail, 'help')).join(' ')).toMatch(/\bhealthcheck\b/);
    const form = await openForm(officer, 'Oakwood');
    await pressOn(bot, officer, form, 'Submit health check', answers(form));

    for (const command of ['healthcheck', 'healthchecks']) {
      const replies = await bot.say(byEmail, command);
      expect(texts(replies)).toEqual(['Health checks: 1 awaiting your acknowledgement.', 'Health check for Oakwood Primary School held on Monday 23 November 2026: please acknowledge it.']);
      expect(cardText(validateCard(cardsOf(replies)[0]))).toMatch(/Oakwood Primary School \(110001\)[\s\S]*Awaiting acknowledgement/);
      expect(buttons(validateCard(cardsOf(replies)[1]))).toEqual(['Acknowledge']);
    }
    const [, summary] = cardsOf(await bot.say(byEmail, 'healthcheck'));
    const acknowledged = await pressOn(bot, byEmail, summary!, 'Acknowledge');
    expect(cardText(validateCard(acknowledged.card))).toContain('Acknowledged by Erin Email on Monday 23 November 2026.');
    expect(texts(await bot.say(byEmail, 'healthcheck'))).toEqual(['Health checks: 0 awaiting your acknowledgement.']);
  });

  it('when an area is Amber without an action, then the same card comes back naming it, keeping everything typed, and nothing is stored', async () => {
    const form = await openForm(officer, 'Oakwood');
    const typed = answers(form, { 'internalAudit.rating': 'amber', 'internalAudit.evidence': 'Two open findings', heldOn: '2026-11-20' });
    const back = await pressOn(bot, officer, form, 'Submit health check', typed);
    const card = validateCard(back.card);
    expect(cardText(card)).toContain('Internal audit is amber: say what action is required');
    expect(inputs(card).get('internalAudit.rating')?.value).toBe('amber');
    expect(inputs(card).get('internalAudit.evidence')?.value).toBe('Two open findings');
    expect(inputs(card).get('safeguarding.evidence')?.value).toBe('Evidence: safeguarding.evidence');
    expect(inputs(card).get('heldOn')?.value).toBe('2026-11-20');
    expect(await checks()).toEqual([]);
  });

  it('when submitted, then the headteacher gets the summary in Teams with Acknowledge, the officer sees it awaiting, and only that headteacher can acknowledge', async () => {
    const form = await openForm(officer, 'Oakwood');
    const typed = answers(form, { 'internalAudit.rating': 'red', 'internalAudit.requiredAction': 'Commission an external audit' });
    const submitted = await pressOn(bot, officer, form, 'Submit health check', typed);
    const summary = validateCard(submitted.card);
    expect(cardText(summary)).toContain('Awaiting the headteacher');
    // Answered before the headteacher's notice goes; it goes right after, and the check records how.
    expect(cardText(summary)).toContain("On its way to Hannah Head. I'll tell you if it cannot be delivered.");
    expect((await checks()).map((c) => c.notice)).toEqual(['teams']);
    expect(buttons(summary)).toEqual([]);

    const toHead = submitted.activities.filter((a) => a.kind === 'send' && cardsOf([a]).length);
    expect(toHead).toHaveLength(1);
    const headCard = validateCard(cardsOf(toHead)[0]);
    expect(cardText(headCard)).toContain('Action required: Commission an external audit');
    expect(buttons(headCard)).toEqual(['Acknowledge']);
    expect(bot.connector.conversations.map((c) => (c.parameters.members as Array<{ id: string }>)[0]!.id)).toEqual([head.aadObjectId]);

    const listed = cardText(validateCard(cardsOf(await bot.say(officer, 'healthchecks'))[0]));
    expect(listed).toMatch(/Oakwood Primary School \(110001\)[\s\S]*Awaiting acknowledgement/);

    const [check] = await checks();
    for (const wrong of [otherHead, officer]) {
      const refused = await pressOn(bot, wrong, headCard, 'Acknowledge');
      expect(refused.message).toBe("Only the school's headteacher can acknowledge its health check.");
    }
    expect((await checks())[0]).toMatchObject({ status: 'awaitingAcknowledgement', version: check!.version });

    const acknowledged = await pressOn(bot, head, headCard, 'Acknowledge');
    expect(cardText(validateCard(acknowledged.card))).toContain('Acknowledged by Hannah Head on Monday 23 November 2026.');
    expect(buttons(acknowledged.card)).toEqual([]);
    expect(texts(await bot.say(officer, 'healthchecks')).join(' ')).toContain('0 awaiting acknowledgement');

    // The officer's copy, shown again, refreshes to the acknowledgement; nobody outside the school and the team may read it.
    const refreshed = await bot.invoke(officer, 'healthCheck.view', { checkId: check!.id }, { trigger: 'automatic' });
    expect(cardText(validateCard(refreshed.card))).toContain('Acknowledged by Hannah Head');
    const outsider = await bot.invoke(otherHead, 'healthCheck.view', { checkId: check!.id }, { trigger: 'automatic' });
    expect(outsider.message).toBe("Only officers and the school's headteacher can see its health check.");
  });

  it('when the headteacher cannot be reached in Teams and mail is not set up, then the check is kept and the officer is told why', async () => {
    await bot.store.transact((tx) => tx.update('people', bot.tenantId, head.id!, 'any', { aadObjectId: undefined }), { actor: 'test' });
    const form = await openForm(officer, 'Oakwood');
    const submitted = await pressOn(bot, officer, form, 'Submit health check', answers(form));
    expect(cardText(validateCard(submitted.card))).toContain('On its way to Hannah Head.');
    expect((await checks()).map((c) => c.status)).toEqual(['awaitingAcknowledgement']);
    // Tried right after the answer: it cannot go, and the officer is told why in their chat.
    const told = submitted.activities.filter((a) => a.kind === 'send' && /Hannah Head/.test((a.activity.text ?? a.activity.summary) ?? ''));
    expect(told.map((a) => (a.activity.text ?? a.activity.summary))).toEqual([expect.stringMatching(/couldn't deliver .* to Hannah Head/)]);
  });

  it("when the next check is opened, then the last one's actions show beside their areas and their impact is asked for", async () => {
    const first = await openForm(officer, 'Oakwood');
    const typed = answers(first, { heldOn: '2025-11-20', 'healthAndSafety.rating': 'amber', 'healthAndSafety.requiredAction': 'Fix the fire doors' });
    await pressOn(bot, officer, first, 'Submit health check', typed);

    const next = await openForm(officer, 'Oakwood');
    expect(cardText(next)).toContain('The last health check was held on Thursday 20 November 2025');
    expect(cardText(next)).toContain('Last time Amber, action required: Fix the fire doors');
    expect([...inputs(next).keys()].filter((id) => id.endsWith('.impactOfLastActions'))).toEqual(['healthAndSafety.impactOfLastActions']);
    const second = await pressOn(bot, officer, next, 'Submit health check', answers(next, { 'healthAndSafety.impactOfLastActions': 'Doors replaced in June' }));
    expect(cardText(validateCard(second.card))).toContain('Impact of the last action: Doors replaced in June');
    expect((await checks()).map((c) => c.heldOn).sort()).toEqual(['2025-11-20', '2026-11-23']);
  });

  it("when healthcheck <school> is typed again after this year's check was filed, then that check is shown, not a blank form", async () => {
    const form = await openForm(officer, 'Oakwood');
    await pressOn(bot, officer, form, 'Submit health check', answers(form));
    const replies = await bot.say(officer, 'healthcheck Oakwood');
    expect(replies).toHaveLength(1);
    const shown = validateCard(cardsOf(replies)[0]);
    expect(cardText(shown)).toContain("This year's health check is already filed: here it is.");
    expect(cardText(shown)).toContain('Held on Monday 23 November 2026 by');
    expect([...inputs(shown).keys()]).not.toContain('heldOn');
    expect(await checks()).toHaveLength(1);
  });

  it('when the same form is submitted twice, then one check is stored and the headteacher is told once', async () => {
    const form = await openForm(officer, 'Oakwood');
    const typed = answers(form);
    await pressOn(bot, officer, form, 'Submit health check', typed);
    const again = await pressOn(bot, officer, form, 'Submit health check', typed);
    expect(validateCard(again.card)).toBeDefined();
    expect(await checks()).toHaveLength(1);
    expect(bot.connector.activities.filter((a) => a.conversationId !== personalChatId(officer) && cardsOf([a]).length)).toHaveLength(1);
  });

  it("when a colleague presses Submit on a form someone else already submitted, then they are not handed that check as their own", async () => {
    const form = await openForm(officer, 'Oakwood');
    await pressOn(bot, officer, form, 'Submit health check', answers(form));
    const colleague = await pressOn(bot, sit, form, 'Submit health check', answers(form));
    const shown = colleague.card ? cardText(validateCard(colleague.card)) : (colleague.message ?? '');
    expect(shown).toContain('was filed since you opened this one');
    expect(shown).not.toContain('Sent to Hannah Head');
    expect((await checks()).map((c) => c.officerId)).toEqual([officer.id]);
  });

  it('when another check was filed after the form was opened, then the form comes back naming it, keeping everything typed, following on from that check', async () => {
    const form = await openForm(officer, 'Oakwood');
    const colleagues = await openForm(sit, 'Oakwood');
    await pressOn(bot, sit, colleagues, 'Submit health check', answers(colleagues, { heldOn: '2026-11-20', 'healthAndSafety.rating': 'amber', 'healthAndSafety.requiredAction': 'Fix the fire doors' }));

    const typed = answers(form, { 'safeguarding.evidence': 'Single central record checked', heldOn: '2026-11-22' });
    const back = await pressOn(bot, officer, form, 'Submit health check', typed);
    const card = validateCard(back.card);
    expect(cardText(card)).toContain('Another health check for Oakwood Primary School was filed since you opened this one: judge the impact of its actions and submit again.');
    expect(inputs(card).get('safeguarding.evidence')?.value).toBe('Single central record checked');
    expect(inputs(card).get('heldOn')?.value).toBe('2026-11-22');
    expect(cardText(card)).toContain('Last time Amber, action required: Fix the fire doors');
    expect(await checks()).toHaveLength(1);

    const again = await pressOn(bot, officer, card, 'Submit health check', { 'healthAndSafety.impactOfLastActions': 'Doors replaced' });
    expect(cardText(validateCard(again.card))).toContain('Impact of the last action: Doors replaced');
    expect((await checks()).map((c) => c.heldOn).sort()).toEqual(['2026-11-20', '2026-11-22']);
  });

  it('when healthcheck is typed, or a health-check card pressed, in a channel or a group chat, then the answer goes to the 1:1 chat, a press is refused, and nothing of the check is shown there', async () => {
    const form = await openForm(officer, 'Oakwood');
    await pressOn(bot, officer, form, 'Submit health check', answers(form, { 'safeguarding.evidence': 'SCR checked' }));
    const [check] = await checks();
    const channel = aChannel('School Improvement Team');
    for (const command of ['healthcheck', 'healthchecks', 'healthcheck Oakwood']) {
      const before = sentToPersonalChat(bot, officer).length;
      expect(texts(await bot.say(officer, command, { channel }))).toEqual([`I've answered "${command.split(' ')[0]}" in our 1:1 chat: what it shows is not for this conversation.`]);
      expect(cardsOf(sentToPersonalChat(bot, officer).slice(before))).toHaveLength(1);
    }
    const group = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId: bot.tenantId, isGroup: true, name: '' };
    const inGroup = personalMessage(head, 'healthcheck', { tenantId: bot.tenantId, serviceUrl: bot.connector.url });
    expect((await bot.post({ ...inGroup, conversation: group })).status).toBe(200);
    expect(texts(bot.connector.activitiesIn(group.id))).toEqual(['I\'ve answered "healthcheck" in our 1:1 chat: what it shows is not for this conversation.']);
    expect(cardsOf(bot.connector.activitiesIn(group.id))).toEqual([]);
    for (const [who, verb] of [
      [officer, 'healthCheck.view'],
      [head, 'healthCheck.acknowledge'],
    ] as const) {
      const pressed = await bot.invoke(who, verb, { checkId: check!.id }, { channel });
      expect(pressed.message).toBe('Health checks open only in your 1:1 chat with me.');
      expect(JSON.stringify(pressed.body)).not.toContain('SCR checked');
    }
    expect((await checks())[0]!.status).toBe('awaitingAcknowledgement');
  });

  it('when a check is acknowledged at 00:30 BST, then the card gives the day in the configured time zone, not UTC', async () => {
    await bot.close();
    bot = await startTestBot({ schools: [oakwood], people: [officer, head], clock: fixedClock('2026-06-15T23:30:00Z') });
    const form = await openForm(officer, 'Oakwood');
    expect(inputs(form).get('heldOn')?.value).toBe('2026-06-16');
    const submitted = await pressOn(bot, officer, form, 'Submit health check', answers(form));
    const [headCard] = cardsOf(submitted.activities.filter((a) => a.kind === 'send'));
    const acknowledged = await pressOn(bot, head, validateCard(headCard), 'Acknowledge');
    expect(cardText(validateCard(acknowledged.card))).toContain('Acknowledged by Hannah Head on Tuesday 16 June 2026.');
  });

  it('when the name fits more schools than Teams shows buttons, then they are a drop-down with one Choose button that opens the one picked', async () => {
    const oaks = Array.from({ length: 7 }, (_, i) => aSchool(10 + i, { name: `Oak Tree School ${i + 1}` }));
    await bot.seed({ schools: oaks });
    const [choice] = cardsOf(await bot.say(officer, 'healthcheck oak tree'));
    const card = validateCard(choice);
    expect(buttons(card)).toEqual(['Choose']);
    expect(inputs(card).get('school')?.choices).toHaveLength(7);
    const picked = await pressOn(bot, officer, card, 'Choose', { school: oaks[6]!.urn });
    expect(cardText(validateCard(picked.card))).toContain('Health check: Oak Tree School 7');
  });

  it('when the name fits several schools, then the choice card picks one and opens its form', async () => {
    const [choice] = cardsOf(await bot.say(officer, 'healthcheck primary'));
    const picked = await pressOn(bot, officer, validateCard(choice), `${oakwood.name} (${oakwood.urn})`);
    expect(cardText(validateCard(picked.card))).toContain(`Health check: ${oakwood.name}`);
  });
});
