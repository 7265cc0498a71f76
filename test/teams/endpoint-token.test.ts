import { startFakeBotFramework, type FakeBotFramework } from '../support/fake-bot-framework.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { aSchool, anOfficer, cardAction, TEST_TENANT_ID } from '../support/builders.js';
import { HEALTH_CHECK_VERBS } from '../../src/teams/cards/health-check.card.js';

const BOT_ID = '00000000-0000-4000-8000-00000000b07';

/**
 * The door with real credentials, against a stand-in for the Bot Framework's signing keys
 * (BOT_OPENID_METADATA_URL): the bot's own token check accepts a token the Bot Connector would send
 * and refuses every near miss.
 */
describe('the token check with bot credentials', () => {
  let fake: FakeBotFramework;
  let bot: TestBot;
  const officer = anOfficer();
  const school = aSchool(0);

  beforeAll(async () => {
    fake = await startFakeBotFramework();
    bot = await startTestBot({
      env: { BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_OPENID_METADATA_URL: fake.metadataUrl },
      schools: [school],
      people: [officer],
    });
  });
  afterAll(async () => {
    await bot.close();
    await fake.close();
  });

  const press = () => cardAction(officer, HEALTH_CHECK_VERBS.open, { school: school.urn }, { serviceUrl: bot.connector.url, tenantId: TEST_TENANT_ID });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('when the Bot Connector sends a valid token, then the card action runs and its card comes back', async () => {
    const activity = press();
    const res = await bot.post(activity, bearer(fake.sign({ aud: BOT_ID, serviceurl: bot.connector.url })));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(`Health check: ${school.name}`);
  });

  it.each([
    ['signed by a key the Bot Framework does not publish', () => fake.sign({ aud: BOT_ID, serviceurl: bot.connector.url }, { key: 'unknown' })],
    ['meant for another bot', () => fake.sign({ aud: '00000000-0000-4000-8000-0000000000ff', serviceurl: bot.connector.url })],
    ['issued for another service URL', () => fake.sign({ aud: BOT_ID, serviceurl: 'https://elsewhere.example.org/' })],
    ['from another issuer', () => fake.sign({ aud: BOT_ID, serviceurl: bot.connector.url, iss: 'https://sts.example.org/' })],
    ['expired', () => fake.sign({ aud: BOT_ID, serviceurl: bot.connector.url }, { expiresInSeconds: -600 })],
  ])('when the token is %s, then the request gets 401 and nothing is stored', async (_what, token) => {
    const before = (await bot.store.find('audit', bot.tenantId)).length;
    const res = await bot.post(press(), bearer(token()));
    expect(res.status).toBe(401);
    expect((await bot.store.find('audit', bot.tenantId)).length).toBe(before);
  });
});
