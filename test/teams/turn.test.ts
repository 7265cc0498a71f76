import { aChannel, anOfficer, aStranger, botInstalled, personalChatId, teamsUserId } from '../support/builders.js';
import { startTestBot, texts, type TestBot } from '../support/bot.js';

describe('who is acting, and what they typed', () => {
  const officer = anOfficer();
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ people: [officer] });
  });
  afterEach(() => bot.close());

  it('when the text is not a command, then the reply quotes it and points to help', async () => {
    expect(texts(await bot.say(officer, 'make me a sandwich'))).toEqual(['I didn\'t recognise "make me a sandwich". Type help to see what you can do.']);
  });

  it('when a command is typed in a channel after an @mention, then the mention is ignored and the command runs', async () => {
    // help names no school, so it is answered in the channel itself.
    const replies = await bot.say(officer, 'HeLp', { channel: aChannel() });
    expect(texts(replies)[0]).toMatch(/^You can use: help, whoami, visit/);
  });

  it('when a person writes in their 1:1 chat, then the chat is stored once for later messages', async () => {
    await bot.say(officer, 'help');
    await bot.say(officer, 'whoami');
    const stored = await bot.store.find('conversations', bot.tenantId, { kind: 'personal' });
    expect(stored).toEqual([expect.objectContaining({ aadObjectId: officer.aadObjectId, version: 1 })]);
    expect(stored[0]!.reference).toMatchObject({ serviceUrl: bot.connector.url, user: { aadObjectId: officer.aadObjectId } });
  });

  it('when someone unregistered writes, then nothing of theirs is stored', async () => {
    const before = (await bot.store.dump()).collections;
    expect(texts(await bot.say(aStranger(), 'whoami'))[0]).toBe("You're not registered with School Improvement Bot yet — ask your administrator to add you.");
    expect((await bot.store.dump()).collections).toEqual(before);
  });

  // Linking by e-mail (and local mode's limits on it): test/teams/local-mode.test.ts.

  it('when the e-mail belongs to a record linked to another account, then that record is not taken over', async () => {
    const account = aStranger('Mallory');
    bot.connector.addMembers({ id: teamsUserId(account), aadObjectId: account.aadObjectId!, name: 'Mallory', email: officer.email });
    expect(texts(await bot.say(account, 'whoami'))[0]).toMatch(/^You're not registered/);
    expect(await bot.store.get('people', bot.tenantId, officer.id!)).toMatchObject({ aadObjectId: officer.aadObjectId });
  });

  it('when Teams refuses to say who an unknown account is, then they are treated as unregistered', async () => {
    bot.connector.failNext(1, { status: 403, when: (method) => method === 'GET' });
    expect(texts(await bot.say(aStranger('Nobody'), 'help'))[0]).toMatch(/^You're not registered/);
  });
});

describe('card actions at the door', () => {
  const officer = anOfficer();
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ people: [officer] });
  });
  afterAll(() => bot.close());

  it('when a card carries a verb no route knows, then the person is told the card is out of date', async () => {
    const result = await bot.invoke(officer, 'no-such-verb', {});
    expect(result.status).toBe(200);
    expect(result.message).toBe('This card is out of date. Type help to start again.');
  });

  it('when a button on an old card is pressed, then the same happens (pressing goes through the whole stack)', async () => {
    const oldCard = { type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.Execute', title: 'Go', verb: 'retired.verb' }] };
    expect((await bot.press(officer, oldCard, 'Go')).message).toBe('This card is out of date. Type help to start again.');
  });
});

describe('being installed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  it('when the bot is added to a registered person\'s 1:1 chat, then it greets them by name and keeps the chat for later messages', async () => {
    const officer = anOfficer('Nina New');
    await bot.seed({ people: [officer] });
    expect((await bot.post(botInstalled(officer, { serviceUrl: bot.connector.url }))).status).toBe(200);
    expect(texts(bot.connector.activitiesIn(personalChatId(officer)))).toEqual(["Hello Nina New! I'm School Improvement Bot. Type help to see what you can do."]);
    expect(await bot.store.find('conversations', bot.tenantId, { aadObjectId: officer.aadObjectId })).toHaveLength(1);
  });

  it('when the bot is added to an unregistered person\'s 1:1 chat, then it says hello and that they are not registered', async () => {
    const user = aStranger('New Person');
    await bot.post(botInstalled(user, { serviceUrl: bot.connector.url }));
    expect(texts(bot.connector.activitiesIn(personalChatId(user)))).toEqual([
      "Hello! I'm School Improvement Bot. You're not registered with School Improvement Bot yet — ask your administrator to add you.",
    ]);
  });

  it('when the bot is added to a team, then the channel is told how an administrator registers it', async () => {
    const channel = aChannel('Partnership North');
    await bot.post(botInstalled(aStranger('Team Owner'), { serviceUrl: bot.connector.url, channel }));
    expect(texts(bot.connector.activitiesIn(channel.id))[0]).toContain('register sit');
  });
});
