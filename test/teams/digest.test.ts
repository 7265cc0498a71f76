import { aChannel, aHeadteacherOf, anAdmin, anAgreedSelfEvaluation, anOfficer, aSitMember } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { validateCard, walk } from '../support/cards.js';
import { DIGEST_SCHOOLS, DRAFT_ANSWER, HIGH, LOW, MEDIUM, NOTES, PRIVATE_PLAN_TARGET, PROGRESS, QUIET, SECRET_CONCERN, seedDigestFortnight } from '../support/digest-world.js';

/** Every text a card shows, in order. */
const shown = (card: unknown) => [...walk(card)].filter((n) => n.type === 'TextBlock').map((n) => String(n.text).replace(/\\/g, ''));

describe('the SIT digest in Teams', () => {
  const admin = anAdmin();
  const officer = anOfficer();
  const sit = aSitMember();
  const head = aHeadteacherOf(HIGH);
  const sitChannel = aChannel('School Improvement Team');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: DIGEST_SCHOOLS, people: [admin, officer, sit, head] });
    await seedDigestFortnight(bot.store, bot.tenantId, 'person-olivia');
  });
  afterEach(() => bot.close());

  it('when a SIT member previews it, then the card names each school with something new, highest risk first, with every kind of change and the notes by source, and nothing confidential', async () => {
    const replies = await bot.say(sit, 'digest sit --preview');
    const [card] = cardsOf(replies);
    validateCard(card);
    const lines = shown(card);
    const text = lines.join('\n');
    const at = (name: string) => lines.findIndex((l) => l.startsWith(name));
    expect(at(HIGH.name)).toBeGreaterThan(0);
    expect(at(HIGH.name)).toBeLessThan(at(MEDIUM.name));
    expect(at(MEDIUM.name)).toBeLessThan(at(LOW.name));
    expect(lines.some((l) => l.startsWith(`${QUIET.name} (`))).toBe(false);
    expect(text).toContain('LA annual visit submitted 16 Nov');
    expect(text).toContain('LA annual visit declined 12 Nov');
    expect(text).toContain('Risk medium → high (18 Nov, agreed with the school)');
    expect(text).toContain('Health check 19 Nov: red (was amber)');
    expect(text).toContain('Self-evaluation 2026/27 agreed, accurate and robust (17 Nov)');
    expect(text).toContain('Milestone overdue since 13 Nov: Reading age up six months');
    expect(text).toContain('Milestone met (confirmed 20 Nov): Attendance above 95%');
    expect(text).toContain('Strategy meeting held 20 Nov');
    expect(text).toContain('Strategy meeting coming 27 Nov');
    for (const [source, note] of [['Visit', NOTES.visit], ['Finance', NOTES.finance], ['Operations', NOTES.operations], ['HR', NOTES.hr]]) {
      expect(lines[lines.indexOf(source!) + 1]).toBe(note);
    }
    expect(text).toMatch(/Behind their visit entitlement/);
    for (const secret of [SECRET_CONCERN, PRIVATE_PLAN_TARGET, DRAFT_ANSWER]) expect(JSON.stringify(card)).not.toContain(secret);
    // The headline chart has a table to fall back on.
    const chart = [...walk(card)].find((n) => n.type === 'Chart.VerticalBar');
    expect(chart?.fallback).toMatchObject({ type: 'FactSet' });
    expect(await bot.store.find('digests', bot.tenantId)).toEqual([]);
  });

  it("when an academy's annual-feedback date has passed this year, then the digest lists its feedback overdue; a school whose overdue date was last year's is not", async () => {
    await bot.store.transact(async (tx) => {
      await tx.insert('annualFeedback', bot.tenantId, { urn: QUIET.urn, academicYear: '2026/27', dueOn: '2026-11-20', agreedBy: 'person-olivia' });
      const who = { head: 'person-head', officer: 'person-olivia', submittedAt: '2025-11-02T10:00:00Z', judgedAt: '2025-11-17T10:00:00Z', feedbackDueOn: '2025-12-18' };
      await tx.insert('selfEvaluations', bot.tenantId, anAgreedSelfEvaluation(HIGH.urn, '2025/26', who));
    }, { actor: 'test' });
    const [card] = cardsOf(await bot.say(sit, 'digest sit --preview'));
    const lines = shown(validateCard(card));
    expect(lines.join('\n')).toContain('1 school with feedback overdue.');
    expect(lines).toContain(`${QUIET.name}: feedback due 20 Nov`);
    expect(lines.some((l) => l.startsWith(`${HIGH.name}: feedback due`))).toBe(false);
  });

  it('when a headteacher asks for the digest, then they are refused and nothing is posted', async () => {
    expect(texts(await bot.say(head, 'digest sit'))[0]).toMatch(/^Only/);
    expect(await bot.store.find('digests', bot.tenantId)).toEqual([]);
  });

  it('when an officer posts it and a SIT member asks again for the same time, then it is posted once in the SIT channel', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    const first = await bot.say(officer, 'digest sit');
    expect(texts(first)).toEqual(['The SIT digest for the SIT channel is posted.']);
    expect(texts(await bot.say(sit, 'digest sit'))).toEqual(['The SIT digest for the SIT channel for this time was already posted.']);
    const posted = bot.connector.activitiesIn(sitChannel.id).filter((a) => a.kind === 'send');
    expect(posted).toHaveLength(1);
    expect((posted[0]!.activity.text ?? posted[0]!.activity.summary)).toMatch(/^SIT digest: 9 Nov to Monday 23 November 2026\. 3 schools with something new: 1 visit, 1 declined, 1 health check, 1 self-evaluation, 1 risk change, 1 milestone confirmed, 1 milestone overdue, 4 notes\./);
    const [digest] = await bot.store.find('digests', bot.tenantId);
    expect(digest).toMatchObject({ kind: 'sit', status: 'posted', attempts: 1, activityId: posted[0]!.activityId, period: { from: '2026-11-09T09:30:00.000Z', to: '2026-11-23T09:30:00.000Z' } });
    expect(cardsOf(posted)[0]!.refresh).toMatchObject({ action: { verb: 'digest.refresh', data: { digestId: digest!.id } } });
  });

  it('when no SIT channel is registered, then the digest is held and each administrator is told once', async () => {
    expect(texts(await bot.say(officer, 'digest sit'))[0]).toMatch(/is held: no channel is registered/);
    await bot.say(officer, 'digest sit');
    const toAdmin = bot.connector.activities.filter((a) => /no channel is registered as the SIT channel/.test(a.activity.text ?? ''));
    expect(toAdmin).toHaveLength(1);
    expect((toAdmin[0]!.activity.text ?? toAdmin[0]!.activity.summary)).toContain('register sit');
    expect(await bot.store.find('digests', bot.tenantId)).toEqual([expect.objectContaining({ status: 'held', adminsToldAt: expect.any(String) })]);
  });

  it('when a milestone is confirmed after the digest was posted, then the card refreshes to show it confirmed and the store keeps what was posted', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    await bot.say(officer, 'digest sit');
    const [digest] = await bot.store.find('digests', bot.tenantId);
    const [plan] = (await bot.store.find('actionPlans', bot.tenantId)).filter((p) => p.kind === 'school');
    const actions = plan!.actions.map((a) => ({ ...a, milestones: a.milestones.map((m) => (m.id === 'm1' ? { ...m, status: 'met' as const, confirmation: { outcome: 'met' as const, evidence: 'Tested', by: 'person-head', at: '2026-11-23T09:00:00Z' } } : m)) }));
    await bot.store.transact((tx) => tx.update('actionPlans', bot.tenantId, plan!.id, 'any', { actions }).then(() => undefined), { actor: 'test' });

    const refreshed = await bot.invoke(sit, 'digest.refresh', { digestId: digest!.id }, { channel: sitChannel, trigger: 'automatic' });
    validateCard(refreshed.card);
    const text = shown(refreshed.card).join('\n');
    expect(text).toContain('Milestone met (confirmed 23 Nov): Reading age up six months');
    expect(text).toContain('Posted Monday 23 November 2026; shown as it stands');
    const kept = await bot.store.get('digests', bot.tenantId, digest!.id);
    expect(JSON.stringify(kept!.content)).toContain('Milestone overdue since 13 Nov: Reading age up six months');
  });

  it('when an administrator (no other role) refreshes the posted digest or opens one school, then they get it as posted, and are refused the school', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    await bot.say(officer, 'digest sit');
    const [digest] = await bot.store.find('digests', bot.tenantId);
    const refresh = (user: typeof admin) => bot.invoke(user, 'digest.refresh', { digestId: digest!.id }, { channel: sitChannel, trigger: 'automatic' });

    const refreshed = await refresh(admin);
    expect(shown(validateCard(refreshed.card))).toContain('SIT digest: 9 Nov to Monday 23 November 2026');
    expect(shown(refreshed.card).join('\n')).not.toContain('shown as it stands');
    expect(shown((await refresh(sit)).card).join('\n')).toContain('shown as it stands');

    const [posted] = cardsOf(bot.connector.activitiesIn(sitChannel.id).filter((a) => a.kind === 'send'));
    const opened = await bot.press(admin, posted, `Open ${MEDIUM.name}`, {}, { channel: sitChannel });
    expect(opened.card).toBeUndefined();
    expect(opened.message).toMatch(/^Only /);
  });

  it('when a SIT member opens one school from the posted digest, then they see that school alone', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    await bot.say(officer, 'digest sit');
    const [posted] = cardsOf(bot.connector.activitiesIn(sitChannel.id).filter((a) => a.kind === 'send'));
    const opened = await bot.press(sit, posted, `Open ${MEDIUM.name}`, {}, { channel: sitChannel });
    const lines = shown(opened.card);
    expect(lines).toContain(`${MEDIUM.name} (${MEDIUM.urn})`);
    expect(lines.some((l) => l.startsWith(HIGH.name))).toBe(false);
  });

  it('when an officer previews the concern review, then each school causing concern shows its progress since the last review, and no confidential concern', async () => {
    const [card] = cardsOf(await bot.say(officer, 'digest concerns --preview'));
    validateCard(card);
    const lines = shown(card);
    expect(lines).toContain(`${HIGH.name} (${HIGH.urn})`);
    expect(lines.some((l) => l.startsWith(MEDIUM.name))).toBe(false);
    expect(lines).toEqual(expect.arrayContaining(['Strategy meeting 6 Nov: progress amber', `Successes: ${PROGRESS.successes}`, `Next steps: ${PROGRESS.nextSteps}`, 'Risk medium → high (18 Nov, agreed with the school)']));
    expect(lines[1]).toBe('1 school causing concern; 1 with progress recorded since the last review.');
    expect(JSON.stringify(card)).not.toContain(SECRET_CONCERN);
  });

  it('when a SIT member previews the committee report, then it gives the organisation-wide counts under both inspection frameworks and names no school', async () => {
    const [card] = cardsOf(await bot.say(sit, 'digest committee --preview'));
    validateCard(card);
    const json = JSON.stringify(card);
    for (const s of DIGEST_SCHOOLS) {
      expect(json).not.toContain(s.name);
      expect(json).not.toContain(s.urn);
    }
    for (const secret of [SECRET_CONCERN, PRIVATE_PLAN_TARGET, DRAFT_ANSWER, NOTES.finance]) expect(json).not.toContain(secret);
    const facts = Object.fromEntries([...walk(card)].filter((n) => typeof n.title === 'string' && typeof n.value === 'string').map((n) => [n.title, n.value]));
    expect(facts).toMatchObject({
      Met: '0 (0%)',
      Behind: '3 (75%)',
      Red: '1 (25%)',
      'None yet': '3 (75%)',
      'Judgement: Requires Improvement': '1',
      'No inspection recorded': '3',
      'Agreed as accurate and robust': '1',
      'LA annual visits': '1 of 4 schools visited (25%); 1 declined; target 100%',
    });
  });
});
