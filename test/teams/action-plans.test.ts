import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { aGovernorOf, aHeadteacherOf, anOfficer, aSchool, aSitMember, type TestUser } from '../support/builders.js';
import { cardsOf, recordCounts, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, inputs, validateCard } from '../support/cards.js';
import { pressOn } from '../support/visit-cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import { anActionPlan } from '../support/plan-builders.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

describe('action plans built on cards by the headteacher and the LA, then agreed by both', () => {
  const officer = anOfficer('Olivia Officer');
  const sit = aSitMember('Sam Sitwell');
  const oakwood = aSchool(0, { linkOfficerEmail: officer.email });
  const hillside = aSchool(2);
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  const otherHead = aHeadteacherOf(hillside, 'Henry Hill');
  const governor = aGovernorOf(oakwood, 'Gordon Governor');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, hillside], people: [officer, sit, head, otherHead, governor] });
  });
  afterEach(() => bot.close());

  const plans = () => bot.store.find('actionPlans', bot.tenantId);
  const press = async (user: TestUser, card: AdaptiveCard, title: string, values: Record<string, string> = {}) => validateCard((await pressOn(bot, user, card, title, values)).card);

  async function openPlan(user: TestUser, school = oakwood.urn): Promise<AdaptiveCard> {
    const [card] = cardsOf(await bot.say(user, `plan ${school}`));
    return validateCard(card);
  }

  it('when the officer starts a plan and both build it on the card, then it shows priorities, actions, milestones and who owns what', async () => {
    const start = await openPlan(officer);
    expect(cardText(start)).toContain('has no action plan yet');
    let card = await press(officer, start, 'Start the plan', { kind: 'school', title: 'Raising reading' });
    card = await press(officer, card, 'Add a priority');
    card = await press(officer, card, 'Save', { text: 'Raise attainment in reading at Key Stage 2' });
    card = await press(officer, card, 'Add an action to priority 1');
    card = await press(officer, card, 'Save', {
      text: 'Daily phonics catch-up',
      owner: 'school',
      ownerName: 'Priya Patel (English lead)',
      successCriteria: 'Four in five read at their age',
      schoolResources: 'Two teaching assistants',
      laSupport: 'officerTime,experiencedLeaders',
    });
    expect(cardText(card)).toContain('Priority 1: Raise attainment in reading at Key Stage 2');
    expect(cardText(card)).toContain('1.1 Daily phonics catch-up');
    expect(cardText(card)).toContain('Additional school officer time; Support from experienced school leaders (NLEs, LLEs)');

    // The headteacher opens the same plan and adds a milestone; a bad date comes back naming the box, typing kept.
    let headCard = await openPlan(head);
    headCard = await press(head, headCard, 'Add a milestone to 1.1');
    headCard = await press(head, headCard, 'Save', { target: 'Reading ages up', due: '31/02/2027' });
    expect(cardText(headCard)).toContain('Due date: not a real date');
    expect(inputs(headCard).get('target')?.value).toBe('Reading ages up');
    headCard = await press(head, headCard, 'Save', { target: 'Reading ages up', due: '03/12/2026' });
    expect(cardText(headCard)).toMatch(/1\.1\.1 Reading ages up — due 3 Dec · Not started · due soon/);
    headCard = await press(head, headCard, 'Add a priority');
    headCard = await press(head, headCard, 'Save', { text: 'Improve attendance' });
    headCard = await press(head, headCard, 'Move priority 2 up');
    expect(cardText(headCard)).toMatch(/Priority 1: Improve attendance[\s\S]*Priority 2: Raise attainment/);
    headCard = await press(head, headCard, 'Remove priority 1');
    expect(cardText(headCard)).toContain("Priority 'Improve attendance' removed.");
    expect(cardText(headCard)).toContain('Priority 1: Raise attainment in reading at Key Stage 2');

    const [plan] = await plans();
    expect(plan).toMatchObject({ status: 'draft', kind: 'school', title: 'Raising reading', createdBy: officer.id, changes: [] });
    expect(plan!.actions[0]).toMatchObject({ owner: 'school', ownerName: 'Priya Patel (English lead)', laSupport: ['officerTime', 'experiencedLeaders'], milestones: [{ target: 'Reading ages up', due: '2026-12-03' }] });
  });

  it('when an action is saved without success criteria, then the card names the box and keeps what was typed', async () => {
    await bot.store.transact((tx) => tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood)).then(() => undefined), { actor: 'test' });
    let card = await openPlan(officer);
    card = await press(officer, card, 'Add an action to priority 1');
    card = await press(officer, card, 'Save', { text: 'Reading buddies', ownerName: 'Sam Smith' });
    expect(cardText(card)).toContain('Success criteria: fill this in.');
    expect(inputs(card).get('text')?.value).toBe('Reading buddies');
    expect((await plans())[0]!.actions).toHaveLength(2);
  });

  it('when another school’s headteacher, a governor or someone with an older card presses, then they are refused and nothing changes', async () => {
    await bot.store.transact((tx) => tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood)).then(() => undefined), { actor: 'test' });
    const card = await openPlan(officer);
    const before = await plans();
    for (const who of [otherHead, governor]) {
      const res = await pressOn(bot, who, card, 'Remove action 1.1');
      expect(res.message).toMatch(/Only the LA's officers, the school's headteacher and the delegates they name can see this action plan/);
      expect(texts(await bot.say(who, `plan ${oakwood.urn}`)).join()).toMatch(/Only the LA's officers, the headteacher of Oakwood Primary School/);
    }
    expect(await plans()).toEqual(before);

    // The headteacher changes the plan; the officer's card is now older than the plan.
    await press(head, await openPlan(head), 'Remove action 1.2');
    const stale = await press(officer, card, 'Remove action 1.1');
    expect(cardText(stale)).toContain('This card was out of date');
    expect((await plans())[0]!.actions.map((a) => a.id)).toEqual(['action-1']);
    expect(await recordCounts(bot)).toMatchObject({ actionPlans: 1 });
  });

  it('when both sides agree, then the plan goes live with its period, the other side is told, and a later change is versioned with who changed what', async () => {
    await bot.store.transact((tx) => tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood)).then(() => undefined), { actor: 'test' });
    // `plan` alone opens the headteacher's own school's plan.
    let headCard = await openPlan(head, '');
    headCard = await press(head, headCard, "Record the governing body's agreement", { governingBodyMetOn: '2026-11-19' });
    expect(cardText(headCard)).toContain('Governing body agreed it at its meeting on Thursday 19 November 2026 (recorded by Hannah Head).');
    expect(cardText(headCard)).toContain('Draft');
    expect(texts(sentToPersonalChat(bot, officer)).join()).toContain("Hannah Head recorded the governing body's agreement to the action plan for Oakwood Primary School. It goes live once you agree it for the LA.");

    let card = await openPlan(officer);
    card = await press(officer, card, 'Agree for the LA');
    expect(cardText(card)).toContain('Live: agreed by both sides');
    expect(cardText(card)).toContain('Monday 23 November 2026 to Tuesday 23 March 2027');
    expect(texts(sentToPersonalChat(bot, head)).join()).toContain('Olivia Officer agreed the action plan for Oakwood Primary School for the LA. Both sides have agreed it: it is live from Monday 23 November 2026 to Tuesday 23 March 2027.');
    expect((await plans())[0]).toMatchObject({ status: 'live', startsOn: '2026-11-23', endsOn: '2027-03-23', agreement: { governingBodyMetOn: '2026-11-19', laAgreedBy: officer.id } });

    card = await press(officer, card, 'Edit milestone 1.1.1');
    card = await press(officer, card, 'Save', { target: 'Reading ages up by six months for the Year 4 target group', due: '2027-01-22' });
    expect(cardText(card)).toContain('Changes since it was agreed');
    expect(cardText(card)).toMatch(/Version \d+: Olivia Officer, 23 Nov/);
    expect(cardText(card)).toContain("Milestone 'Reading ages up by six months for the Year 4 target group' due date 15 Jan → 22 Jan");
    const [plan] = await plans();
    expect(plan!.changes).toEqual([{ version: plan!.version, by: officer.id, at: expect.any(String), what: ["Milestone 'Reading ages up by six months for the Year 4 target group' due date 15 Jan → 22 Jan"] }]);
    expect(cardText(await openPlan(head))).toContain('due date 15 Jan → 22 Jan');
  });

  it('when an officer writes an individual staff support plan with the headteacher, then a SIT member can neither read nor find it', async () => {
    const start = await openPlan(officer);
    const card = await press(officer, start, 'Start the plan', { kind: 'individual', title: 'Support for J. Teacher' });
    expect(cardText(card)).toContain('Individual staff support plan: Oakwood Primary School');
    const [plan] = await plans();
    expect(plan).toMatchObject({ kind: 'individual', officerId: officer.id });

    const headCards = cardsOf(await bot.say(head, `plan ${oakwood.urn}`)).map(validateCard);
    expect(headCards.map(cardText).join()).toContain('Support for J. Teacher');

    const sitCards = cardsOf(await bot.say(sit, `plan ${oakwood.urn}`));
    expect(sitCards.map(cardText).join()).not.toContain('J. Teacher');
    const refused = await bot.invoke(sit, 'plan.view', { planId: plan!.id });
    expect(refused.message).toContain('An individual staff support plan is read only by');
  });

  it('when the headteacher names delegates by e-mail, then an unknown address is named on the card and a known one may then read the plan; officers cannot name them', async () => {
    await bot.store.transact((tx) => tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood)).then(() => undefined), { actor: 'test' });
    expect(cardText(await openPlan(officer))).not.toContain('Name delegates');
    let card = await press(head, await openPlan(head), 'Name delegates');
    card = await press(head, card, 'Save', { delegates: 'nobody@school.example.org' });
    expect(cardText(card)).toContain('Delegates: nobody with the e-mail nobody@school.example.org is registered with the bot.');
    expect(inputs(card).get('delegates')?.value).toBe('nobody@school.example.org');
    card = await press(head, card, 'Save', { delegates: governor.email });
    expect(cardText(card)).toContain('Gordon Governor');
    expect((await plans())[0]!.delegateIds).toEqual([governor.id]);
    expect(cardText(await openPlan(governor))).toContain('Action plan: Oakwood Primary School');
  });

  it('when the headteacher opens an individual staff support plan, then it offers no delegates, and a replayed delegates press is refused with nothing stored', async () => {
    const individual = anActionPlan(oakwood, { id: 'plan-individual', kind: 'individual', title: 'Support for J. Teacher', officerId: officer.id!, createdBy: officer.id! });
    await bot.store.transact((tx) => tx.insert('actionPlans', bot.tenantId, individual).then(() => undefined), { actor: 'test' });
    const card = validateCard((await bot.invoke(head, 'plan.view', { planId: individual.id })).card);
    expect(cardText(card)).toContain('Support for J. Teacher');
    expect(cardText(card)).not.toContain('Name delegates');

    const replay = await bot.invoke(head, 'plan.delegates', { planId: individual.id, version: 1, delegates: governor.email });
    expect(replay.message).toBe('An individual staff support plan has no delegates: only you and its officer read it.');
    expect((await plans())[0]!.delegateIds).toEqual([]);
  });

  it('when the draft changes after the LA agreed it, then that agreement is set aside and the card says so', async () => {
    await bot.store.transact((tx) => tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood)).then(() => undefined), { actor: 'test' });
    await press(officer, await openPlan(officer), 'Agree for the LA');
    let card = await press(head, await openPlan(head), 'Edit priority 1');
    card = await press(head, card, 'Save', { text: 'Raise attainment in reading and writing' });
    expect(cardText(card)).toContain('The agreement given so far was set aside');
    expect(cardText(card)).toContain('Agreed for the LA: not yet.');
    expect((await plans())[0]).toMatchObject({ status: 'draft', agreement: {} });
  });

  it('when a school is chosen on the school-choice card, then the answer is the same as plan <school>: the school plan, then the individual plans the person may read', async () => {
    const stMarys = aSchool(1);
    await bot.seed({ schools: [stMarys] });
    await bot.store.transact(async (tx) => {
      await tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood));
      await tx.insert('actionPlans', bot.tenantId, anActionPlan(oakwood, { id: 'plan-individual', kind: 'individual', title: 'Support for J. Teacher', officerId: officer.id, createdBy: officer.id! }));
    }, { actor: 'test' });
    const typed = cardsOf(await bot.say(officer, `plan ${oakwood.urn}`)).map((c) => cardText(validateCard(c)));
    expect(typed).toHaveLength(2);

    const choose = async (user: TestUser) => {
      const [choice] = cardsOf(await bot.say(user, 'plan primary'));
      const before = sentToPersonalChat(bot, user).length;
      const answer = validateCard((await pressOn(bot, user, validateCard(choice), `${oakwood.name} (${oakwood.urn})`)).card);
      return [cardText(answer), ...cardsOf(sentToPersonalChat(bot, user).slice(before).filter((a) => a.kind !== 'update')).map((c) => cardText(validateCard(c)))];
    };
    const officerSees = await choose(officer);
    expect(officerSees).toEqual(typed);
    expect(officerSees[0]).toContain('Action plan: Oakwood Primary School');
    expect(officerSees[1]).toContain('Support for J. Teacher');

    const sitSees = await choose(sit);
    expect(sitSees).toHaveLength(1);
    expect(sitSees.join()).not.toContain('J. Teacher');
  });

  it('when a plan written elsewhere is imported (a bad row refused by its number first), then both sides open it on the card, change it and agree it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-import-'));
    const importPlan = async (rows: string[]) => {
      const path = join(dir, 'plan.csv');
      await writeFile(path, ['priority,action,owner,ownerName,successCriteria,schoolResources,laSupport,milestone target,due', ...rows].join('\n'));
      let out = '';
      const code = await runCli(['plan', 'import', oakwood.urn, path], {
        store: bot.store,
        clock: fixedClock('2026-11-23T09:00:00Z'),
        env: { BOT_TENANT_ID: bot.tenantId, LOG_LEVEL: 'silent' },
        stdout: { write: (t: string) => (out += t) },
        stderr: { write: (t: string) => (out += t) },
      });
      return { code, out };
    };
    const row = 'Raise attainment in reading,Daily phonics catch-up,school,Priya Patel,Four in five read at their age,Two teaching assistants,,Reading ages up by three months,04/12/2026';
    try {
      const bad = await importPlan([row, row.replace('04/12/2026', '31/02/2027')]);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('Row 3: Due date: not a real date');
      expect(cardText(await openPlan(officer))).toContain('has no action plan yet');

      expect((await importPlan([row, 'Improve attendance,Attendance panel,la,Olivia Officer,Persistent absence below 15%,,officerTime,Every family met,2026-12-18'])).code).toBe(0);
      let card = await openPlan(head);
      expect(cardText(card)).toContain('Action plan: Oakwood Primary School');
      expect(cardText(card)).toContain('Priority 2: Improve attendance');
      expect(cardText(card)).toMatch(/1\.1\.1 Reading ages up by three months — due 4 Dec/);
      card = await press(head, card, 'Edit priority 2');
      card = await press(head, card, 'Save', { text: 'Improve attendance and punctuality' });
      card = await press(head, card, "Record the governing body's agreement", { governingBodyMetOn: '2026-11-19' });
      expect(cardText(await press(officer, await openPlan(officer), 'Agree for the LA'))).toContain('Live: agreed by both sides');
      expect((await plans())[0]).toMatchObject({ status: 'live', priorities: [{ text: 'Raise attainment in reading' }, { text: 'Improve attendance and punctuality' }] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
