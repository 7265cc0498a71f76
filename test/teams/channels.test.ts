import { aChannel, anAdmin, anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, texts, type TestBot } from '../support/bot.js';

describe('registering channels for digests', () => {
  const admin = anAdmin();
  const officer = anOfficer();
  const sitChannel = aChannel('School Improvement Team');
  const otherChannel = aChannel('Leadership');
  const schools = [aSchool(0, { partnerships: ['Rutland North'] }), aSchool(1, { partnerships: ['Rutland North', 'Oakham Learning'] })];
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools, people: [admin, officer] });
  });
  afterEach(() => bot.close());

  const channels = () => bot.store.find('conversations', bot.tenantId, { kind: 'channel' });

  it('when an admin types register sit in a channel, then the channel is stored for the SIT digest and the reply says so', async () => {
    const replies = await bot.say(admin, 'register sit', { channel: sitChannel });
    expect(texts(replies)).toEqual(['This channel now gets the fortnightly SIT digest.']);
    const [stored] = await channels();
    expect(stored).toMatchObject({ kind: 'channel', purpose: 'sit', tenantId: bot.tenantId });
    // The channel itself, not the thread the command was typed in, so digests start their own threads.
    expect(stored!.reference).toMatchObject({ conversation: { id: sitChannel.id }, serviceUrl: bot.connector.url });
  });

  it('when an officer types register sit, then they are refused and nothing is stored', async () => {
    const replies = await bot.say(officer, 'register sit', { channel: sitChannel });
    expect(texts(replies)[0]).toMatch(/^Only an administrator can use "register sit"/);
    expect(await channels()).toEqual([]);
  });

  it('when an admin types register sit in a 1:1 chat, then they are told to use it in the channel', async () => {
    expect(texts(await bot.say(admin, 'register sit'))[0]).toBe('Use "register sit" in the channel it is for (@mention me there).');
    expect(await channels()).toEqual([]);
  });

  it('when the SIT channel is registered again elsewhere, then the digest moves there', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    expect(texts(await bot.say(admin, 'register sit', { channel: otherChannel }))[0]).toMatch(/registered for it before no longer does/);
    const stored = await channels();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.reference).toMatchObject({ conversation: { id: otherChannel.id } });
  });

  it('when an admin registers a partnership the register knows, then its name is stored as the register spells it', async () => {
    const replies = await bot.say(admin, 'register partnership rutland north', { channel: otherChannel });
    expect(texts(replies)[0]).toContain('partnership Rutland North (no school or person is ever named)');
    expect(await channels()).toEqual([expect.objectContaining({ purpose: 'partnership', partnership: 'Rutland North' })]);
  });

  it('when the partnership is unknown, then the reply lists the known ones and nothing is stored', async () => {
    const replies = await bot.say(admin, 'register partnership Rutland Nort', { channel: otherChannel });
    expect(texts(replies)[0]).toBe('No school is in a partnership called "Rutland Nort". Known partnerships: Oakham Learning, Rutland North.');
    expect(await channels()).toEqual([]);
  });

  it('when an admin registers the concern review, then the reply says confidential concerns never go to a channel', async () => {
    const replies = await bot.say(admin, 'register concerns', { channel: otherChannel });
    expect(texts(replies)[0]).toContain('two-monthly review of schools causing concern');
    expect(texts(replies)[0]).toContain('only to the concerns lead');
    expect(await channels()).toEqual([expect.objectContaining({ purpose: 'concerns' })]);
  });

  it('when an admin unregisters a channel, then every registration of that channel goes and others stay', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    await bot.say(admin, 'register partnership Oakham Learning', { channel: sitChannel });
    await bot.say(admin, 'register concerns', { channel: otherChannel });
    const replies = await bot.say(admin, 'unregister', { channel: sitChannel });
    expect(texts(replies)[0]).toMatch(/^This channel no longer gets the fortnightly SIT digest; nor the anonymised digest of partnership Oakham Learning/);
    expect((await channels()).map((c) => c.purpose)).toEqual(['concerns']);
  });

  it('when an officer types unregister, then they are refused and the registration stays', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    expect(texts(await bot.say(officer, 'unregister', { channel: sitChannel }))[0]).toMatch(/^Only an administrator/);
    expect(await channels()).toHaveLength(1);
  });

  it('when a channel that is not registered is unregistered, then the reply says so', async () => {
    expect(texts(await bot.say(admin, 'unregister', { channel: sitChannel }))).toEqual(['This channel is not registered for anything.']);
  });

  it('when a registration changes, then the audit log names who did it', async () => {
    await bot.say(admin, 'register sit', { channel: sitChannel });
    const audit = await bot.store.find('audit', bot.tenantId, { action: 'channel.registered' });
    expect(audit).toEqual([expect.objectContaining({ actor: admin.id, collection: 'conversations', recordId: 'channel:sit' })]);
  });
});
