import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Logger } from '../../src/app/ports/logger.port.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { handOverConcernsLead } from '../../src/app/concerns/hand-over-concerns-lead.js';
import { runConcernNotices } from '../../src/jobs/concern-notices.job.js';
import { aChannel, aConcernsLead, aHeadteacherOf, anAdmin, anOfficer, aSchool, aSitMember, personalChatId, personalMessage, type TestUser } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const CONCERN = 'The RE lead seemed afraid to speak while the deputy was in the room';
const NOTE = 'Rang the chair of governors; follow-up visit booked for January';
const LEAD_ONLY = 'Only the confidential-concerns lead can do this.';

/** A logger that keeps every line, as pino would write it. */
function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg?: string) => void lines.push(JSON.stringify({ level, obj, msg }));
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

describe('the confidential command and its cards', () => {
  const school = aSchool(1, { reLeadEmail: 'rita.re@stmarys.example.org' });
  const schoolLine = `${school.name} (${school.urn})`;
  const author = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit' }] });
  const otherOfficer = anOfficer('Oscar Other');
  const sit = aSitMember('Sam Sitwell');
  const head = aHeadteacherOf(school, 'Hannah Head');
  const lead = aConcernsLead('Connie Lead');
  const admin = anAdmin('Ada Admin');
  const successor = anOfficer('Nia Next');
  let bot: TestBot;
  let logger: ReturnType<typeof capturingLogger>;

  beforeEach(async () => {
    logger = capturingLogger();
    bot = await startTestBot({ schools: [school], people: [author, otherOfficer, sit, head, lead, admin, successor], logger });
    // The concern, raised at a visit as an officer raises one: in the agenda's In confidence box.
    const agenda = await openAgenda(bot, author, school.urn, 'sacre-re-visit');
    await pressOn(bot, author, agenda, 'Submit', { ...requiredAnswers(agenda), confidentialConcern: CONCERN });
  });
  afterEach(() => bot.close());

  const storedConcern = async () => (await bot.store.find('concerns', bot.tenantId))[0]!;

  async function leadList(): Promise<AdaptiveCard> {
    const replies = await bot.say(lead, 'confidential');
    expect(texts(replies)).toEqual(['Confidential concerns: 1 not yet handled.']);
    return validateCard(cardsOf(replies)[0]);
  }

  async function leadOpens(): Promise<AdaptiveCard> {
    const opened = await bot.press(lead, await leadList(), `Open ${school.name}`);
    return validateCard(opened.card);
  }

  it('when the lead types confidential, then the list names the school, date, visitor and visit, and Open shows the concern in full', async () => {
    const list = await leadList();
    const listed = cardText(list);
    expect(listed).toContain(schoolLine);
    expect(listed).toContain('Raised 2026-11-23 by Olivia Officer');
    expect(listed).toContain('SACRE RE visit on Friday 20 November 2026');
    expect(listed).toContain('Not yet handled');
    // The list names, it does not tell: the text is read only when one is opened.
    expect(JSON.stringify(list)).not.toContain(CONCERN);

    const opened = await bot.press(lead, list, `Open ${school.name}`);
    const card = validateCard(opened.card);
    expect(cardText(card)).toContain(CONCERN);
    expect(cardText(card)).toContain(`Confidential concern: ${schoolLine}`);
    expect(actions(card).map((a) => a.title)).toEqual(['Refresh', 'Mark as handled', 'All concerns']);

    const back = await bot.press(lead, card, 'All concerns');
    expect(cardText(validateCard(back.card))).toContain(schoolLine);
  });

  it.each([
    ['the visit’s own author', author],
    ['another officer', otherOfficer],
    ['a SIT member', sit],
    ['the headteacher', head],
    ['an administrator', admin],
  ])('when %s types confidential, then they get the role refusal and nothing of the concern', async (_who, person) => {
    const replies = await bot.say(person, 'confidential');
    expect(texts(replies)).toEqual(['Only the confidential-concerns lead can use "confidential". Type help to see what you can do.']);
    expect(cardsOf(replies)).toEqual([]);
  });

  it('when the lead or an officer types concerns, then they get the list of schools causing concern (or its role refusal), never a confidential concern', async () => {
    const leads = await bot.say(lead, 'concerns');
    expect(texts(leads)).toEqual(['Only a school improvement officer or a school improvement team (SIT) member can use "concerns". Type help to see what you can do.']);
    const officers = await bot.say(author, 'concerns');
    expect(cardsOf(officers)).toHaveLength(1);
    expect(JSON.stringify([leads, officers])).not.toContain(CONCERN);
  });

  it('when someone other than the lead presses Open or Mark as handled with a real concern id, then they are refused, shown nothing, and nothing changes', async () => {
    const list = await leadList();
    const card = await leadOpens();
    const before = await storedConcern();
    for (const [pressed, title] of [
      [list, `Open ${school.name}`],
      [card, 'Mark as handled'],
      [card, 'Refresh'],
    ] as const) {
      for (const person of [author, otherOfficer, head, admin] as TestUser[]) {
        const refused = await bot.press(person, pressed, title, title === 'Mark as handled' ? { handledNote: 'closing this' } : {});
        expect(refused.message).toBe(LEAD_ONLY);
        expect(refused.card).toBeUndefined();
        expect(JSON.stringify(refused)).not.toContain(CONCERN);
      }
    }
    expect(await storedConcern()).toEqual(before);
  });

  it('when the lead marks it handled with a note, then it is stored once, the card says so, and a second press changes nothing', async () => {
    const card = await leadOpens();
    const marked = await bot.press(lead, card, 'Mark as handled', { handledNote: NOTE });
    const after = validateCard(marked.card);
    expect(cardText(after)).toContain('Handled on Monday 23 November 2026 by Connie Lead.');
    expect(cardText(after)).toContain(`Your note: ${NOTE}`);
    expect(cardText(after)).toContain('Marked as handled.');
    expect(actions(after).map((a) => a.title)).not.toContain('Mark as handled');
    const stored = await storedConcern();
    expect(stored.handled).toEqual({ at: '2026-11-23T09:30:00.000Z', by: lead.id, note: NOTE });

    // The same card pressed again (a double click, a Teams retry): nothing more is written.
    const again = await bot.press(lead, card, 'Mark as handled', { handledNote: 'another note' });
    expect(cardText(validateCard(again.card))).toContain('It was already marked as handled: nothing changed.');
    expect(await storedConcern()).toEqual(stored);

    // The list, shown again, is brought up to date by its refresh.
    const refreshed = await bot.invoke(lead, 'concerns.list', {}, { trigger: 'automatic' });
    expect(cardText(validateCard(refreshed.card))).toContain('Handled 2026-11-23');
  });

  it('when the note is too long, then the card comes back naming it, with what was typed, and nothing is stored', async () => {
    const card = await leadOpens();
    const typed = 'x'.repeat(2001);
    const refused = await bot.press(lead, card, 'Mark as handled', { handledNote: typed });
    const back = validateCard(refused.card);
    expect(cardText(back)).toContain('Keep the note under 2,000 characters.');
    expect(inputs(back).get('handledNote')?.value).toBe(typed);
    expect((await storedConcern()).handled).toBeUndefined();
  });

  it('when the lead types confidential in a channel or a group chat, or presses Open there, then it is refused without a word of the concern', async () => {
    const channel = aChannel('School Improvement Team');
    const inChannel = await bot.say(lead, 'confidential', { channel });
    expect(texts(inChannel)).toEqual(['Use "confidential" in your 1:1 chat with me.']);
    expect(cardsOf(inChannel)).toEqual([]);

    const group = '19:meeting-with-st-marys@thread.v2';
    const message = personalMessage(lead, 'confidential', { serviceUrl: bot.connector.url, tenantId: bot.tenantId });
    expect((await bot.post({ ...message, conversation: { id: group, conversationType: 'groupChat', tenantId: bot.tenantId, isGroup: true, name: '' } })).status).toBe(200);
    expect(texts(bot.connector.activitiesIn(group))).toEqual(['Use "confidential" in your 1:1 chat with me.']);

    const { id } = await storedConcern();
    const pressed = await bot.invoke(lead, 'concern.open', { concernId: id }, { channel });
    expect(pressed.message).toBe('Confidential concerns open only in your 1:1 chat with me.');
    expect(JSON.stringify([...bot.connector.activitiesIn(channel.id), ...bot.connector.activitiesIn(group), pressed])).not.toContain(CONCERN);
  });

  it('when the lead has listed, opened and handled it, then no log line, audit event or outbox item holds the concern or the note, and only the lead’s chat saw it', async () => {
    const card = await leadOpens();
    await bot.press(lead, card, 'Mark as handled', { handledNote: NOTE });
    await bot.press(otherOfficer, card, 'Refresh');

    const audit = await bot.store.find('audit', bot.tenantId);
    expect(audit.filter((a) => a.collection === 'concerns').map((a) => a.action)).toEqual(['concern.raised', 'concern.leadNotified', 'concern.handled']);
    const records = JSON.stringify([audit, await bot.store.find('outbox', bot.tenantId), await bot.store.find('visits', bot.tenantId)]);
    // The lead's chats: the one the bot opened to tell them, and the one they typed in.
    const leadChats = new Set([personalChatId(lead), ...bot.connector.conversations.filter((c) => (c.parameters.members as { id: string }[])[0]?.id === lead.aadObjectId).map((c) => c.id)]);
    const elsewhere = JSON.stringify(bot.connector.activities.filter((a) => !leadChats.has(a.conversationId)));
    for (const secret of [CONCERN, NOTE]) {
      expect(logger.lines.join('\n')).not.toContain(secret);
      expect(records).not.toContain(secret);
      expect(elsewhere).not.toContain(secret);
    }
    expect(logger.lines.length).toBeGreaterThan(0);
  });

  /** The person's 1:1 chats: the one the bot opened to tell them, and the one they type in. */
  const chatsOf = (person: TestUser) =>
    new Set([personalChatId(person), ...bot.connector.conversations.filter((c) => (c.parameters.members as { id: string }[])[0]?.id === person.aadObjectId).map((c) => c.id)]);
  /** Every concern card the bot has sent to the person's 1:1 chats. */
  const concernCardsTo = (person: TestUser) => cardsOf(bot.connector.activities.filter((a) => chatsOf(person).has(a.conversationId))).filter((c) => cardText(c).includes('Confidential concern:'));

  it('when the lead presses Send all in full, then each concern arrives in full in their 1:1 chat, once however often it is pressed, and nowhere else', async () => {
    const list = await leadList();
    const before = concernCardsTo(lead).length;
    const pressed = await bot.press(lead, list, 'Send all in full');
    expect(cardText(validateCard(pressed.card))).toContain('Sent 1 of 1 in full to this chat.');
    const sent = concernCardsTo(lead).slice(before);
    expect(sent).toHaveLength(1);
    expect(cardText(sent[0]!)).toContain(CONCERN);

    await bot.press(lead, list, 'Send all in full');
    expect(concernCardsTo(lead)).toHaveLength(before + 1);
    expect(JSON.stringify(bot.connector.activities.filter((a) => !chatsOf(lead).has(a.conversationId)))).not.toContain(CONCERN);

    const refused = await bot.press(otherOfficer, list, 'Send all in full');
    expect(refused.message).toBe(LEAD_ONLY);
    expect(concernCardsTo(otherOfficer)).toHaveLength(0);
  });

  it('when the role is handed over, then the new lead reads the open concern, and the former lead is refused everything', async () => {
    const card = await leadOpens();
    const list = await leadList();
    const report = await handOverConcernsLead(bot.store, bot.tenantId, 'cli:test', lead.email, successor.email);
    expect(report.moved).toBe(1);

    // The former lead: the command, the old cards' buttons and their refreshes.
    expect(texts(await bot.say(lead, 'confidential'))).toEqual(['Only the confidential-concerns lead can use "confidential". Type help to see what you can do.']);
    for (const [pressed, title] of [[card, 'Refresh'], [card, 'Mark as handled'], [list, `Open ${school.name}`], [list, 'Send all in full']] as const) {
      const refused = await bot.press(lead, pressed, title);
      expect(refused.message).toBe(LEAD_ONLY);
      expect(JSON.stringify(refused)).not.toContain(CONCERN);
    }

    // The new lead: the list and the concern in full.
    const replies = await bot.say(successor, 'confidential');
    expect(texts(replies)).toEqual(['Confidential concerns: 1 not yet handled.']);
    const opened = await bot.press(successor, validateCard(cardsOf(replies)[0]), `Open ${school.name}`);
    expect(cardText(validateCard(opened.card))).toContain(CONCERN);
    expect((await storedConcern()).handled).toBeUndefined();

    // The next concern notices run tells the new lead of it, privately, once; the former lead gets nothing more.
    const formerCards = concernCardsTo(lead).length;
    const jobDeps = { ...bot.server.deps, tenantId: bot.tenantId };
    expect(await runConcernNotices(jobDeps)).toMatchObject({ waiting: 1, sent: 1 });
    expect(await runConcernNotices(jobDeps)).toMatchObject({ waiting: 0, sent: 0 });
    expect(concernCardsTo(successor).map((c) => cardText(c)).filter((t) => t.includes(CONCERN))).toHaveLength(1);
    expect(concernCardsTo(lead)).toHaveLength(formerCards);
  });
});
