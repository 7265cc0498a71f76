import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aChannel, aHeadteacherOf, anOfficer, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, press, validateCard } from '../support/cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

describe('visits from chat: start, draft, submit, decline', () => {
  const oakwood = aSchool(0);
  const stMarys = aSchool(1);
  const hillside = aSchool(2);
  const officer = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit', date: '2026-09-10' }] });
  const untrained = anOfficer('Uma Untrained');
  const colleague = anOfficer('Colin Colleague');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys, hillside], people: [officer, untrained, colleague, head] });
  });
  afterEach(() => bot.close());

  const visits = () => bot.store.find('visits', bot.tenantId);

  it('when an officer starts a visit, fills the agenda and submits it, then one submitted visit is stored and the card becomes a summary that refreshes for everyone', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const fields = inputs(agenda);
    expect(fields.get('focus')).toMatchObject({ type: 'Input.Text' });
    expect(fields.get('priority1Rating')?.choices).toEqual(['red', 'amber', 'green']);
    expect(fields.get('additionalVisitsNeeded')?.choices).toEqual(['yes', 'no']);
    expect(fields.get('visitKind')?.type).toBe('Input.ChoiceSet');
    expect(fields.get('confidentialConcern')?.value).toBeFalsy();
    expect(fields.get('visit.plannedDate')?.value).toBe('2026-11-20');
    expect(actions(agenda).map((a) => a.title)).toEqual(['Save draft', 'Submit', 'Record the decline']);

    const answers = { ...requiredAnswers(agenda), 'visit.attendee.0': 'Hannah Head', 'visit.otherAttendees': 'Governor: Gus Grant\nTeacher from another key stage: Tom Teal' };
    const submitted = await pressOn(bot, officer, agenda, 'Submit', answers, { cardActivityId: 'agenda-message' });

    const summary = validateCard(submitted.card);
    // The message that held the agenda now holds the summary for everyone in the chat.
    const update = submitted.activities.find((a) => a.kind === 'update' && a.activityId === 'agenda-message');
    const [everyone] = cardsOf(update ? [update] : []);
    expect(validateCard(everyone).refresh).toMatchObject({ action: { verb: 'visit.view' } });
    expect(inputs(everyone).size).toBe(0);
    expect(summary.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'visit.view' } });
    expect(cardText(summary)).toContain('Visited on Friday 20 November 2026 by Olivia Officer');
    expect(inputs(summary).size).toBe(0);
    const [visit] = await visits();
    expect(visit).toMatchObject({
      status: 'submitted',
      schoolUrn: oakwood.urn,
      templateId: 'sit-support-visit',
      visitedDate: '2026-11-20',
      plannedDate: '2026-11-20',
      attendees: [
        { role: 'Headteacher', name: 'Hannah Head' },
        { role: 'Governor', name: 'Gus Grant' },
        { role: 'Teacher from another key stage', name: 'Tom Teal' },
      ],
    });
    expect(visit!.answers.focus).toBe('Answer to focus');
    expect(visit!.themes.length).toBeGreaterThan(0);

    // Anyone else in the chat whose card refreshes gets the same read-only summary.
    const refreshed = await bot.invoke(colleague, 'visit.view', { visitId: visit!.id }, { trigger: 'automatic' });
    expect(cardText(validateCard(refreshed.card))).toContain('Answer to focus');
    expect(actions(refreshed.card).map((a) => a.title)).toEqual(['Refresh']);
  });

  it('when the school name is ambiguous, then the shared school choice card comes back and picking a school offers its agendas', async () => {
    const replies = await bot.say(officer, 'visit school');
    const [choice] = cardsOf(replies);
    expect(cardText(validateCard(choice))).toContain('Several schools match "school"');
    const picked = await pressOn(bot, officer, choice!, `${oakwood.name} (${oakwood.urn})`);
    expect(cardText(validateCard(picked.card))).toContain(`Start a visit: ${oakwood.name}`);
  });

  it('when a saved draft is resumed from visits, then everything typed is there and it can be submitted', async () => {
    const agenda = await openAgenda(bot, officer, oakwood.urn, 'sit-support-visit');
    const saved = await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Reading in key stage 2', priority1Rating: 'amber', 'visit.attendee.1': 'Sam Senior' });
    expect(cardText(validateCard(saved.card))).toContain('Draft saved');
    expect((await visits())[0]).toMatchObject({ status: 'draft', answers: { focus: 'Reading in key stage 2', priority1Rating: 'amber' }, attendees: [{ role: 'Senior leaders', name: 'Sam Senior' }] });

    const list = validateCard(cardsOf(await bot.say(officer, 'visits'))[0]);
    expect(cardText(list)).toContain('Draft, 20 Nov');
    const resumed = await pressOn(bot, officer, list, `Resume ${oakwood.name}`);
    const card = validateCard(resumed.card);
    const values = inputs(card);
    expect(values.get('focus')?.value).toBe('Reading in key stage 2');
    expect(values.get('priority1Rating')?.value).toBe('amber');
    expect(values.get('visit.attendee.1')?.value).toBe('Sam Senior');

    await pressOn(bot, officer, card, 'Submit', requiredAnswers(card));
    expect((await visits())[0]!.status).toBe('submitted');
    const after = validateCard(cardsOf(await bot.say(officer, 'visits'))[0]);
    expect(cardText(after)).toContain(`Open ${oakwood.name}`);
    expect(cardText(after)).toContain('No drafts');
  });

  it('when a required answer is missing, then the same card comes back naming the item, with every answer kept, and nothing is submitted', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const { actionsAgreed: _left, ...answers } = requiredAnswers(agenda);
    const result = await pressOn(bot, officer, agenda, 'Submit', { ...answers, strengths: 'Calm corridors' });

    const card = validateCard(result.card);
    const text = cardText(card);
    expect(text).toContain('Nothing was saved');
    expect(text).toContain('Answer "Actions agreed, with who and by when" to submit the visit, or save a draft.');
    expect(text).not.toContain('(actionsAgreed)');
    const values = inputs(card);
    expect(values.get('actionsAgreed')).toMatchObject({ isRequired: true, value: '' });
    expect(values.get('strengths')?.value).toBe('Calm corridors');
    expect(values.get('focus')?.value).toBe(answers.focus);
    expect(values.get('visit.visitedDate')?.value).toBe('2026-11-20');
    expect(JSON.stringify(card)).toContain('to submit the visit, or save a draft');
    expect((await visits())[0]!.status).toBe('planned');
  });

  it('when the school declined, then the visit is recorded as declined with its reason; without a reason it is refused', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const refused = await pressOn(bot, officer, agenda, 'Record the decline', {});
    expect(cardText(validateCard(refused.card))).toContain('Say why the school declined the visit');
    expect((await visits())[0]!.status).toBe('planned');

    const declined = await pressOn(bot, officer, agenda, 'Record the decline', { 'visit.declinedReason': 'Ofsted are in this week.' });
    expect(cardText(validateCard(declined.card))).toContain('The school declined: Ofsted are in this week.');
    expect((await visits())[0]).toMatchObject({ status: 'declined', declinedReason: 'Ofsted are in this week.', declinedAt: expect.any(String) });
  });

  it('when a visitor without the training starts, then the SACRE agenda is not offered, the card says why, and pressing an old card for it is refused', async () => {
    const [startCard] = cardsOf(await bot.say(untrained, 'visit Oakwood'));
    const card = validateCard(startCard);
    expect(inputs(card).get('templateId')?.choices).not.toContain('sacre-re-visit');
    expect(cardText(card)).toContain('"SACRE RE visit" visits need training first');

    const forged = await bot.invoke(untrained, 'visit.start', { urn: oakwood.urn, templateId: 'sacre-re-visit' });
    expect(forged.message).toContain('"SACRE RE visit" visits need training first');
    expect(await visits()).toEqual([]);

    // The trained officer is offered it.
    const [trained] = cardsOf(await bot.say(officer, 'visit Oakwood'));
    expect(inputs(trained).get('templateId')?.choices).toContain('sacre-re-visit');
  });

  it('when visit names no school, then the choice card asks which; an unknown one gets how to name it', async () => {
    expect(texts(await bot.say(officer, 'visit'))[0]).toBe('Which school?');
    expect(texts(await bot.say(officer, 'visit Zebra Lane'))[0]).toBe('I couldn\'t find a school matching "Zebra Lane". Try its URN or another part of its name.');
  });

  it("when an officer without the training opens a colleague's SACRE draft, then it is refused as a draft, and a forged save is refused", async () => {
    await openAgenda(bot, officer, 'Oakwood', 'sacre-re-visit');
    const [visit] = await visits();
    const opened = await bot.invoke(untrained, 'visit.open', { visitId: visit!.id });
    expect(opened.card).toBeUndefined();
    expect(opened.message).toBe('This visit note is still a draft: only the person making the visit can see it.');
    const forged = await bot.invoke(untrained, 'visit.save', { 'visit.id': visit!.id, 'visit.version': visit!.version, 'visit.formId': 'f', sacreAwareness: 'Not aware' });
    expect(forged.message).toContain('"SACRE RE visit" visits need training first');
    expect((await visits())[0]!.version).toBe(visit!.version);
  });

  it('when visit or visits is typed in a channel, then the answer goes to the 1:1 chat and the channel gets one line and no card', async () => {
    const channel = aChannel();
    for (const [text, preview] of [
      ['visit Oakwood', 'Start a visit to Oakwood'],
      ['visits', '0 draft or planned, 0 recent.'],
    ] as const) {
      const before = sentToPersonalChat(bot, officer).length;
      const replies = await bot.say(officer, text, { channel });
      expect(texts(replies)).toEqual([`I've answered "${text.split(' ')[0]}" in our 1:1 chat: what it shows is not for this conversation.`]);
      expect(cardsOf(replies)).toEqual([]);
      const privately = sentToPersonalChat(bot, officer).slice(before);
      expect(texts(privately)[0]).toContain(preview);
      expect(cardsOf(privately)).toHaveLength(1);
    }
    expect(await visits()).toEqual([]);
  });

  it("when a visit card is pressed or refreshed in a channel, then it is refused without showing the note and nothing changes", async () => {
    const channel = aChannel();
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const [visit] = await visits();
    const before = bot.connector.activities.length;
    for (const title of ['Save draft', 'Submit']) {
      const { verb, data } = press(agenda, title, requiredAnswers(agenda));
      const refused = await bot.invoke(officer, verb, data, { channel, cardActivityId: 'channel-card' });
      expect(refused.message).toBe('Visit notes open only in your 1:1 chat with me.');
    }
    for (const verb of ['visit.view', 'visit.open']) {
      const refused = await bot.invoke(officer, verb, { visitId: visit!.id }, { channel, trigger: verb === 'visit.view' ? 'automatic' : 'manual' });
      expect(refused.message).toBe('Visit notes open only in your 1:1 chat with me.');
      expect(refused.card).toBeUndefined();
    }
    expect(bot.connector.activities.length).toBe(before);
    expect((await visits())[0]).toMatchObject({ status: 'planned', version: visit!.version });
  });

  it('when a headteacher types visit, then they are refused', async () => {
    expect(texts(await bot.say(head, 'visit Oakwood'))[0]).toMatch(/^Only a school improvement officer, a school improvement team \(SIT\) member or a SACRE visitor can use "visit"/);
  });

  it('when Submit is pressed twice (a double click or a Teams retry), then one visit is submitted and the school gets one copy', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const answers = requiredAnswers(agenda);
    const [first, second] = await Promise.all([
      pressOn(bot, officer, agenda, 'Submit', answers, { cardActivityId: 'card-1' }),
      pressOn(bot, officer, agenda, 'Submit', answers, { cardActivityId: 'card-1' }),
    ]);
    expect(validateCard(first.card).refresh).toBeDefined();
    expect(validateCard(second.card).refresh).toBeDefined();
    const stored = await visits();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'submitted', version: 3 });
    const audits = (await bot.store.find('audit', bot.tenantId)).filter((a) => a.action === 'visit.submitted');
    expect(audits).toHaveLength(1);
    const copies = bot.connector.activities.filter((a) => (a.activity.text ?? a.activity.summary)?.startsWith('Your copy of'));
    expect(copies).toHaveLength(1);
  });

  it('when Teams retries a Submit press after it was stored, then the retry gets the same summary, while a press with other values gets the closed card', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const answers = requiredAnswers(agenda);
    const first = await pressOn(bot, officer, agenda, 'Submit', answers, { cardActivityId: 'card-1' });
    const retry = await pressOn(bot, officer, agenda, 'Submit', answers, { cardActivityId: 'card-1' });
    for (const reply of [first, retry]) {
      expect(cardText(validateCard(reply.card))).toContain('Visited on Friday 20 November 2026 by Olivia Officer');
      expect(cardText(reply.card)).not.toContain('can no longer be changed');
    }
    expect(await visits()).toHaveLength(1);
    expect(bot.connector.activities.filter((a) => (a.activity.text ?? a.activity.summary)?.startsWith('Your copy of'))).toHaveLength(1);

    const edited = await pressOn(bot, officer, agenda, 'Submit', { ...answers, focus: 'Something else' }, { cardActivityId: 'card-1' });
    expect(cardText(validateCard(edited.card))).toContain('This visit has been submitted and can no longer be changed.');
    expect((await visits())[0]!.answers.focus).toBe('Answer to focus');
  });

  it('when the visitor saves one draft from two cards, then the later save is refused with a clear message and the card comes back with the typed values', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const [visit] = await visits();
    const other = validateCard((await bot.invoke(officer, 'visit.open', { visitId: visit!.id })).card);

    await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Olivia’s focus' });
    const later = await pressOn(bot, officer, other, 'Save draft', { focus: 'Second card’s focus', strengths: 'Second card’s strengths' });

    const card = validateCard(later.card);
    expect(cardText(card)).toContain('This visit was saved from another card since you opened this one');
    expect(inputs(card).get('focus')?.value).toBe('Second card’s focus');
    expect(inputs(card).get('strengths')?.value).toBe('Second card’s strengths');
    const [stored] = await visits();
    expect(stored!.answers).toEqual({ focus: 'Olivia’s focus' });
  });

  it('when Save draft is pressed again on the same card with edits, then the edits are not taken for a repeat: kept on the stale card once the first press saved, saved when it did not', async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    const refused = await pressOn(bot, officer, agenda, 'Save draft', { focus: 'First try', 'visit.visitedDate': 'last week' });
    expect(cardText(validateCard(refused.card))).toContain('Choose the date of the visit from the calendar');
    // Nothing was stored, so the same card (still the visit's version) saves the corrected values.
    const saved = await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Second try' });
    expect(cardText(validateCard(saved.card))).toContain('Draft saved');
    expect((await visits())[0]!.answers).toEqual({ focus: 'Second try' });

    // The same old card again with other edits: the visit has moved on, so it comes back with them kept.
    const again = await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Third try', strengths: 'Typed last' });
    const card = validateCard(again.card);
    expect(cardText(card)).not.toContain('Draft saved');
    expect(cardText(card)).toContain('This visit was saved from another card since you opened this one');
    expect(inputs(card).get('focus')?.value).toBe('Third try');
    expect(inputs(card).get('strengths')?.value).toBe('Typed last');
    expect((await visits())[0]!.answers).toEqual({ focus: 'Second try' });

    // The very same press repeated (a Teams retry) is still a repeat.
    const retry = await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Second try' });
    expect(cardText(validateCard(retry.card))).toContain('Draft saved');
    expect((await bot.store.find('audit', bot.tenantId)).filter((a) => a.action === 'visit.draftSaved')).toHaveLength(1);
  });

  it("when another officer opens a colleague's draft or presses the colleague's agenda card, then they are refused, see nothing of it, and nothing changes", async () => {
    const agenda = await openAgenda(bot, officer, 'Oakwood', 'sit-support-visit');
    await pressOn(bot, officer, agenda, 'Save draft', { focus: 'Reading' });
    const [draft] = await visits();

    for (const verb of ['visit.open', 'visit.view']) {
      const opened = await bot.invoke(colleague, verb, { visitId: draft!.id });
      expect(opened.card).toBeUndefined();
      expect(opened.message).toBe('This visit note is still a draft: only the person making the visit can see it.');
      expect(JSON.stringify(opened.body)).not.toContain('Reading');
    }

    for (const [title, values] of [
      ['Save draft', { focus: 'Colin’s focus' }],
      ['Submit', requiredAnswers(agenda)],
      ['Record the decline', { 'visit.declinedReason': 'Colin says no' }],
    ] as const) {
      const refused = await pressOn(bot, colleague, agenda, title, { ...values, confidentialConcern: 'Colin’s concern' });
      expect(refused.message).toBe('Only Olivia Officer, who is making this visit, can change it.');
    }
    const [after] = await visits();
    expect(after).toMatchObject({ status: 'draft', version: draft!.version, answers: { focus: 'Reading' }, visitorId: officer.id });
    expect(await bot.store.find('concerns', bot.tenantId)).toEqual([]);
    expect(bot.connector.activities.filter((a) => (a.activity.text ?? a.activity.summary)?.startsWith('Your copy of'))).toEqual([]);
  });

  it('when a colleague presses the same Start card as the officer, then they start a visit of their own rather than opening the officer\'s', async () => {
    const [startCard] = cardsOf(await bot.say(officer, 'visit Oakwood'));
    const mine = await pressOn(bot, officer, validateCard(startCard), 'Start visit', { templateId: 'sit-support-visit' }, { cardActivityId: 'start-card' });
    const theirs = await pressOn(bot, colleague, validateCard(startCard), 'Start visit', { templateId: 'sit-support-visit' }, { cardActivityId: 'start-card' });
    expect(cardText(validateCard(mine.card))).toContain('Olivia Officer');
    expect(cardText(validateCard(theirs.card))).toContain('Colin Colleague');
    expect(inputs(theirs.card).get('focus')).toBeDefined();
    expect((await visits()).map((v) => v.visitorId).sort()).toEqual([officer.id, colleague.id].sort());
  });
});
