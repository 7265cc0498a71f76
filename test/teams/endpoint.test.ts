import { anOfficer, botInstalled, cardAction, OTHER_TENANT_ID, personalMessage } from '../support/builders.js';
import { recordCounts, startTestBot, texts, type TestBot } from '../support/bot.js';
import { capturingLogger } from '../jobs/jobs-world.js';

const officer = anOfficer();

describe('the door: another tenant (BOT_TENANT_ID set, local mode)', () => {
  let bot: TestBot;
  let logger: ReturnType<typeof capturingLogger>;
  beforeAll(async () => {
    logger = capturingLogger();
    bot = await startTestBot({ people: [officer], logger });
  });
  afterAll(() => bot.close());
  beforeEach(() => {
    logger.lines.length = 0;
  });

  const refusals = () => logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.code === 'other-tenant');

  it('when a message comes from another tenant, then it gets 403, nothing is replied or stored, and a warning names the tenant only', async () => {
    const before = await recordCounts(bot);
    const requestsBefore = bot.connector.requests.length;
    const res = await bot.post(personalMessage(officer, 'whoami', { serviceUrl: bot.connector.url, tenantId: OTHER_TENANT_ID }));
    expect(res.status).toBe(403);
    expect(bot.connector.requests.length).toBe(requestsBefore);
    expect(await recordCounts(bot)).toEqual(before);
    expect(refusals()).toEqual([{ level: 'warn', code: 'other-tenant', tenantId: OTHER_TENANT_ID, msg: 'activity from another tenant refused', requestId: expect.any(String) }]);
    expect(logger.lines.join('\n')).not.toContain('whoami');
  });

  it('when a card press comes from another tenant, then it gets 403 too', async () => {
    const res = await bot.post(cardAction(officer, 'visit.view', { visitId: 'v1' }, { serviceUrl: bot.connector.url, tenantId: OTHER_TENANT_ID }));
    expect(res.status).toBe(403);
    expect(refusals()).toHaveLength(1);
  });

  it('when an activity names our tenant in one place and another in the other, then it is refused the same way', async () => {
    const activity = personalMessage(officer, 'whoami', { serviceUrl: bot.connector.url });
    activity.channelData = { tenant: { id: OTHER_TENANT_ID } };
    const requestsBefore = bot.connector.requests.length;
    expect((await bot.post(activity)).status).toBe(403);
    expect(bot.connector.requests.length).toBe(requestsBefore);
  });

  it('when an activity names no tenant at all, then it is refused the same way', async () => {
    const activity = personalMessage(officer, 'whoami', { serviceUrl: bot.connector.url });
    delete activity.channelData;
    delete (activity.conversation as { tenantId?: string }).tenantId;
    expect((await bot.post(activity)).status).toBe(403);
    expect(refusals()).toEqual([expect.objectContaining({ tenantId: null })]);
  });

  it('when our own tenant writes, then it is served as before', async () => {
    expect(texts(await bot.say(officer, 'whoami'))[0]).toContain('Olivia Officer');
    expect(refusals()).toEqual([]);
  });
});

describe('the door: activities that are not well formed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ people: [officer] });
  });
  afterAll(() => bot.close());

  const message = () => personalMessage(officer, 'whoami', { serviceUrl: bot.connector.url });
  const press = () => cardAction(officer, 'visit.view', { visitId: 'v1' }, { serviceUrl: bot.connector.url });
  const without = <T extends object>(activity: T, ...keys: string[]) => Object.fromEntries(Object.entries(activity).filter(([k]) => !keys.includes(k)));

  it.each([
    ['a message without a sender', () => without(message(), 'from'), 'from'],
    ['a message without a conversation', () => without(message(), 'conversation'), 'conversation'],
    ['a message whose sender has no id', () => ({ ...message(), from: { name: 'Olivia Officer' } }), 'from.id'],
    ['a message with no text, value or attachment', () => without(message(), 'text'), 'text'],
    ['a message whose text is not text', () => ({ ...message(), text: { evil: true } }), 'text'],
    ['a message without a service URL', () => without(message(), 'serviceUrl'), 'serviceUrl'],
    ['a message whose service URL is not http(s)', () => ({ ...message(), serviceUrl: 'file:///etc/passwd' }), 'serviceUrl'],
    ['a message whose service URL is not a URL at all', () => ({ ...message(), serviceUrl: 'smba' }), 'serviceUrl'],
    ['an invoke whose service URL is empty', () => ({ ...press(), serviceUrl: '' }), 'serviceUrl'],
    ['an invoke that names nothing', () => without(press(), 'name'), 'name'],
    ['an activity without a type', () => without(message(), 'type'), 'type'],
  ])('when %s arrives, then it gets 400 naming the field, and nothing is replied', async (_what, build, field) => {
    const requestsBefore = bot.connector.requests.length;
    const res = await bot.post(build());
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toContain(`(${field}:`);
    expect(bot.connector.requests.length).toBe(requestsBefore);
  });

  it('when well-formed activities of other kinds arrive (the bot installed), then they are served', async () => {
    expect((await bot.post(botInstalled(officer, { serviceUrl: bot.connector.url }))).status).toBe(200);
  });
});
