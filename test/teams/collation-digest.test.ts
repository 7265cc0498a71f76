import type { Visit } from '../../src/domain/visit.js';
import type { SentActivity } from '../support/connector.js';
import { aChannel, aGovernorOf, anAdmin, aSitMember } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';
import { heads, identifying, partnershipVisit, sacreVisitor, sacreVisits, schools, VALE, valeVisits, visitor, WATER, waterSchools, waterVisits } from '../support/collation-world.js';

/**
 * The anonymised digests over HTTP: `digest partnership` posts each partnership's digest to its own channel (and the
 * summary of all to the SIT channel), once however many ask at the same time; `digest sacre` goes to the asker alone.
 * Nothing Teams receives names a school, a URN, a person or anything anyone typed.
 */
describe('the partnership digest and the SACRE collation in Teams', () => {
  const admin = anAdmin();
  const sit = aSitMember();
  const head = heads[0]!;
  const governor = aGovernorOf(schools[0]!);
  const waterChannel = aChannel('Rutland Water heads', 'Rutland Water');
  const valeChannel = aChannel('Catmose Vale heads', 'Catmose Vale');
  const sitChannel = aChannel('School Improvement Team');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools, people: [...heads, visitor, sacreVisitor, admin, sit, governor] });
    await bot.store.transact(async (tx) => {
      for (const v of [...waterVisits, ...valeVisits, ...sacreVisits]) await tx.insert('visits', bot.tenantId, v as Visit);
    }, { actor: 'test' });
    await bot.say(admin, `register partnership ${WATER}`, { channel: waterChannel });
    await bot.say(admin, `register partnership ${VALE}`, { channel: valeChannel });
    await bot.say(admin, 'register sit', { channel: sitChannel });
  });
  afterEach(() => bot.close());

  const postsIn = (channel: { id: string }) => bot.connector.activitiesIn(channel.id).filter((a) => a.kind === 'send' && a.activity.attachments?.length);
  /** What Teams received: every text and card the bot sent, anywhere. */
  const received = (activities: readonly SentActivity[] = bot.connector.activities) => JSON.stringify(activities.map((a) => [a.activity.text, a.activity.summary, a.activity.attachments]));
  const expectNothingIdentifying = (json: string) => expect(identifying().filter((f) => json.toLowerCase().includes(f.toLowerCase()))).toEqual([]);

  it('when an officer and a SIT member ask for one partnership’s digest at the same time, then it is posted in its channel once, with the four headings and counts, and names nobody', async () => {
    const ask = `digest partnership --partnership ${WATER}`;
    const answers = await Promise.all([bot.say(visitor, ask), bot.say(sit, ask)]);
    expect(answers.map((a) => texts(a)[0]).sort()).toEqual([`The partnership digest for the ${WATER} partnership channel for this time was already posted.`, `The partnership digest for the ${WATER} partnership channel is posted.`].sort());
    const posted = postsIn(waterChannel);
    expect(posted).toHaveLength(1);
    const [card] = cardsOf(posted);
    validateCard(card);
    const text = cardText(card);
    expect(text).toContain(`Partnership digest: ${WATER}`);
    expect(text).toContain('5 development visits to 4 schools. 1 visit declined.');
    expect(text).toContain('Recruitment\n4 schools');
    expect(text).toContain('Lessons learned\nRaised by fewer than 3 schools: not shown.');
    expect(postsIn(valeChannel)).toEqual([]);
    const [digest] = await bot.store.find('digests', bot.tenantId);
    expect(card!.refresh).toMatchObject({ action: { verb: 'digest.refresh', data: { digestId: digest!.id } } });
    expectNothingIdentifying(received());
  });

  it('when every partnership’s digest is posted, then a partnership with fewer than three schools reporting says too little to report, the summary goes to the SIT channel, and nothing names a school', async () => {
    const reply = texts(await bot.say(visitor, 'digest partnership'))[0]!;
    expect(reply.split('\n\n')).toEqual([`The partnership digest for the ${VALE} partnership channel is posted.`, `The partnership digest for the ${WATER} partnership channel is posted.`, 'The partnership digest for the SIT channel is posted.']);
    const vale = cardText(cardsOf(postsIn(valeChannel))[0]);
    expect(vale).toContain('There is too little to report without identifying schools: fewer than 3 schools reported in this period.');
    expect(vale).not.toMatch(/Main successes|Recruitment/);
    const summary = cardText(cardsOf(postsIn(sitChannel))[0]);
    expect(summary).toContain('All partnerships: summary of development visits');
    expect(summary).toContain('There is too little to report without identifying partnerships');
    expectNothingIdentifying(received());
  });

  it('when a posted partnership digest is opened after another visit, then it shows the term as it stands, and the store keeps what was posted', async () => {
    await bot.say(visitor, `digest partnership --partnership ${WATER}`);
    const [digest] = await bot.store.find('digests', bot.tenantId);
    const later = partnershipVisit(waterSchools[4]!, '2026-11-20', [['success', 'successes', 'Recruitment'], ['lesson', 'lessonsLearned', 'Funding']]);
    await bot.store.transact((tx) => tx.insert('visits', bot.tenantId, later as Visit).then(() => undefined), { actor: 'test' });

    const refreshed = await bot.invoke(head, 'digest.refresh', { digestId: digest!.id }, { channel: waterChannel, trigger: 'automatic' });
    validateCard(refreshed.card);
    const text = cardText(refreshed.card);
    expect(text).toContain('6 development visits to 5 schools. 1 visit declined.');
    expect(text).toContain('Recruitment\n5 schools');
    expect(text).toContain('Posted Monday 23 November 2026; shown as it stands on Monday 23 November 2026.');
    expect(refreshed.card!.refresh).toMatchObject({ action: { data: { digestId: digest!.id } } });
    const kept = await bot.store.get('digests', bot.tenantId, digest!.id);
    expect(kept!.content!.card.data).toMatchObject({ visits: 5, reporting: 4 });
    expectNothingIdentifying(JSON.stringify(refreshed.card));
  });

  it('when a SACRE visitor asks for the SACRE collation in the SIT channel, then it comes to them alone with the declines grouped, and the channel gets one line', async () => {
    const inChannel = await bot.say(sacreVisitor, 'digest sacre', { channel: sitChannel });
    expect(texts(inChannel)).toEqual(['I\'ve answered "digest sacre" in our 1:1 chat: what it shows is not for this conversation.']);
    expect(cardsOf(bot.connector.activitiesIn(sitChannel.id))).toEqual([]);
    const privately = bot.connector.activities.filter((a) => a.activity.attachments?.length && !a.conversationId.startsWith('19:'));
    expect(privately).toHaveLength(1);
    const [card] = cardsOf(privately);
    validateCard(card);
    const text = cardText(card);
    expect(text).toContain('SACRE collation of RE visits');
    expect(text).toContain('4 visits to 4 schools.');
    expect(text).toContain('4 schools declined a visit.');
    expect(text).toContain('An inspection or other priorities\n3 schools');
    expect(text).toContain('A reason given by fewer than 3 schools is not shown (1 school).');
    expect(await bot.store.find('digests', bot.tenantId)).toEqual([]);
    expectNothingIdentifying(received());
  });

  it('when an administrator asks for the SACRE collation in their 1:1 chat, then they get it there', async () => {
    const [card] = cardsOf(await bot.say(admin, 'digest sacre --preview'));
    expect(cardText(card)).toContain('4 schools declined a visit.');
  });

  it('when a headteacher or a governor asks for either, or a SACRE visitor for the SIT digest, then they are refused and nothing is posted or sent', async () => {
    expect(texts(await bot.say(head, `digest partnership --partnership ${WATER}`))[0]).toMatch(/^Only/);
    expect(texts(await bot.say(governor, 'digest partnership'))[0]).toMatch(/^Only/);
    expect(texts(await bot.say(head, 'digest sacre'))[0]).toMatch(/^Only/);
    expect(texts(await bot.say(governor, 'digest sacre'))[0]).toMatch(/^Only/);
    expect(texts(await bot.say(sacreVisitor, 'digest sit --preview'))[0]).toMatch(/^Only/);
    expect(await bot.store.find('digests', bot.tenantId)).toEqual([]);
    expect(bot.connector.activities.filter((a) => a.activity.attachments?.length)).toEqual([]);
  });
});
