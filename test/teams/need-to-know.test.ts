import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aGovernorOf, aHeadteacherOf, anAdmin, anOfficer, aPerson, aSchool, aSitMember, type NewPerson } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, inputs, press, validateCard } from '../support/cards.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const DRAFT_REFUSAL = 'This visit note is still a draft: only the person making the visit can see it.';
const NOTE_REFUSAL = 'Only its visitor, officers and the school can see this visit note.';

const oakwood = aSchool(0, { linkOfficerEmail: 'lionel.link@council.example.org', dioceseContactEmail: 'dora.diocese@diocese.example.org' });
const stMarys = aSchool(1);
const officer = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit' }] });
const colleague = anOfficer('Colin Colleague');
const linkOfficer = anOfficer('Lionel Link', { email: 'lionel.link@council.example.org' });
const sit = aSitMember('Sam Sitwell');
const admin = anAdmin('Ada Admin');
const head = aHeadteacherOf(oakwood, 'Hannah Head');
const otherHead = aHeadteacherOf(stMarys, 'Harry Other');
const governor = aGovernorOf(oakwood, 'Gina Governor');
const otherGovernor = aGovernorOf(stMarys, 'Gus Governor');
const diocese = aPerson('Dora Diocese', ['diocese'], { email: 'dora.diocese@diocese.example.org', schools: [oakwood.urn] });
const otherDiocese = aPerson('Dan Diocese', ['diocese'], { schools: [stMarys.urn] });
const sacreVisitor = aPerson('Sue Sacre', ['sacreVisitor'], { trainedFor: [{ templateId: 'sacre-re-visit', date: '2026-09-10' }] });
const untrainedSacreVisitor = aPerson('Uma Untrained', ['sacreVisitor']);
const otherSacreVisitor = aPerson('Sid Sacre', ['sacreVisitor'], { trainedFor: [{ templateId: 'sacre-re-visit' }] });

const everyone: NewPerson[] = [officer, colleague, linkOfficer, sit, admin, head, otherHead, governor, otherGovernor, diocese, otherDiocese, sacreVisitor, untrainedSacreVisitor, otherSacreVisitor];

describe('who reads a visit note', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys], people: everyone });
  });
  afterEach(() => bot.close());

  /** Opens and refreshes the visit as the person; returns both answers. */
  const readAs = async (person: NewPerson, visitId: string) => Promise.all(['visit.open', 'visit.view'].map((verb) => bot.invoke(person, verb, { visitId })));

  it('when an officer saves a draft, then only they can open it: another officer, the SIT, the link officer, an administrator and the headteacher are refused and see nothing of it', async () => {
    const agenda = await openAgenda(bot, officer, oakwood.urn, 'la-annual-visit');
    await pressOn(bot, officer, agenda, 'Save draft', { areasAgreed: 'Phonics and the reading curriculum' });
    const [draft] = await bot.store.find('visits', bot.tenantId);
    expect(draft!.status).toBe('draft');

    for (const person of [colleague, sit, linkOfficer, admin, head, sacreVisitor]) {
      for (const answer of await readAs(person, draft!.id)) {
        expect(answer.card).toBeUndefined();
        expect(answer.message).toBe(DRAFT_REFUSAL);
        expect(JSON.stringify(answer.body)).not.toContain('Phonics');
      }
    }
    const mine = await bot.invoke(officer, 'visit.open', { visitId: draft!.id });
    expect(inputs(validateCard(mine.card)).get('areasAgreed')?.value).toBe('Phonics and the reading curriculum');
  });

  it("when a note is submitted, then its visitor, another officer, the SIT, the link officer and the school's headteacher read it; an administrator, another school's head, governors and diocese contacts are refused", async () => {
    const agenda = await openAgenda(bot, officer, oakwood.urn, 'la-annual-visit');
    await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), areasAgreed: 'Phonics and the reading curriculum' });
    const [note] = await bot.store.find('visits', bot.tenantId);
    expect(note!.status).toBe('submitted');

    for (const person of [officer, colleague, sit, linkOfficer, head]) {
      for (const answer of await readAs(person, note!.id)) expect(cardText(validateCard(answer.card))).toContain('Phonics and the reading curriculum');
    }
    for (const person of [admin, otherHead, governor, otherGovernor, diocese, otherDiocese, sacreVisitor]) {
      for (const answer of await readAs(person, note!.id)) {
        expect(answer.card).toBeUndefined();
        expect(answer.message).toBe(NOTE_REFUSAL);
      }
    }
  });
});

describe("a SACRE visitor's reach", () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys], people: everyone });
  });
  afterEach(() => bot.close());

  it('when a trained SACRE visitor types visit, then the SACRE RE visit is the only agenda offered, and they start, submit and list it as their own', async () => {
    const [startCard] = cardsOf(await bot.say(sacreVisitor, 'visit Oakwood'));
    const card = validateCard(startCard);
    expect(inputs(card).get('templateId')?.choices).toEqual(['sacre-re-visit']);
    expect(cardText(card)).not.toContain('LA annual visit');

    const agenda = await openAgenda(bot, sacreVisitor, oakwood.urn, 'sacre-re-visit');
    const submitted = await pressOn(bot, sacreVisitor, agenda, 'Submit', requiredAnswers(agenda));
    expect(cardText(validateCard(submitted.card))).toContain('SACRE RE visit');
    const [visit] = await bot.store.find('visits', bot.tenantId);
    expect(visit).toMatchObject({ status: 'submitted', visitorId: sacreVisitor.id, templateId: 'sacre-re-visit' });

    // Their list holds their own note; an officer's visit to the same school is not in it, nor readable.
    const officers = await openAgenda(bot, officer, oakwood.urn, 'sit-support-visit');
    await pressOn(bot, officer, officers, 'Submit', requiredAnswers(officers));
    const officersVisit = (await bot.store.find('visits', bot.tenantId, { visitorId: officer.id }))[0]!;
    const [list] = cardsOf(await bot.say(sacreVisitor, 'visits'));
    expect(cardText(validateCard(list))).toContain('SACRE RE visit');
    expect(cardText(list)).not.toContain('SIT support visit');
    const refused = await bot.invoke(sacreVisitor, 'visit.open', { visitId: officersVisit.id });
    expect(refused.message).toBe(NOTE_REFUSAL);

    // Another SACRE visitor does not read it either; an officer does.
    expect((await bot.invoke(otherSacreVisitor, 'visit.view', { visitId: visit!.id })).message).toBe(NOTE_REFUSAL);
    expect(cardText(validateCard((await bot.invoke(colleague, 'visit.view', { visitId: visit!.id })).card))).toContain('Sue Sacre');
  });

  it('when a SACRE visitor presses Start with another agenda (an old or forged card), then it is refused and no visit is started', async () => {
    const [startCard] = cardsOf(await bot.say(sacreVisitor, 'visit Oakwood'));
    for (const templateId of ['la-annual-visit', 'sit-support-visit', 'partnership-development-visit']) {
      const { verb, data } = press(validateCard(startCard), 'Start visit', { templateId }, { clientValidation: false });
      const refused = await bot.invoke(sacreVisitor, verb, data);
      expect(refused.message).toMatch(/^SACRE visitors file SACRE visits only, not ".+"\.$/);
    }
    expect(await bot.store.find('visits', bot.tenantId)).toEqual([]);
  });

  it('when an untrained SACRE visitor types visit, then the card says training comes first and a forged Start is refused', async () => {
    const [startCard] = cardsOf(await bot.say(untrainedSacreVisitor, 'visit Oakwood'));
    const card = validateCard(startCard);
    expect(inputs(card).get('templateId')?.choices ?? []).toEqual([]);
    expect(cardText(card)).toContain('"SACRE RE visit" visits need training first');
    expect(cardText(card)).not.toContain('LA annual visit');
    const forged = await bot.invoke(untrainedSacreVisitor, 'visit.start', { urn: oakwood.urn, templateId: 'sacre-re-visit' });
    expect(forged.message).toContain('"SACRE RE visit" visits need training first');
    expect(await bot.store.find('visits', bot.tenantId)).toEqual([]);
  });

  it('when a SACRE visitor asks for health checks, self-evaluations, coverage or a note, then each is refused and nothing about a school is shown', async () => {
    for (const command of ['healthcheck Oakwood', 'healthchecks', 'sef', 'sef Oakwood', 'coverage', 'note Oakwood finance: deficit']) {
      const replies = await bot.say(sacreVisitor, command);
      expect(cardsOf(replies)).toEqual([]);
      expect(texts(replies)).toHaveLength(1);
      expect(texts(replies)[0]).toMatch(/^Only /);
      expect(texts(replies)[0]).not.toContain(oakwood.name);
    }
    expect(await bot.store.find('notes', bot.tenantId)).toEqual([]);
  });

  it('when a SACRE visitor asks for help and whoami, then they are told their role and offered only visits and the anonymised SACRE collation', async () => {
    const [help] = texts(await bot.say(sacreVisitor, 'help'));
    expect(help).toBe('You can use: help, whoami, visit, visits, digest sacre.');
    const [whoami] = texts(await bot.say(sacreVisitor, 'whoami'));
    expect(whoami).toContain('SACRE visitor');
  });
});
