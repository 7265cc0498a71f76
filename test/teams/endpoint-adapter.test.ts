import { AuthenticationConstants, ClaimsIdentity, type UserTokenClient } from 'botframework-connector';
import { loadConfig } from '../../src/config.js';
import { createBotConnection } from '../../src/teams/endpoint.js';
import { anOfficer, personalMessage, TEST_TENANT_ID } from '../support/builders.js';
import { startTestBot, texts, type TestBot } from '../support/bot.js';
import { startConnector, type FakeConnector } from '../support/connector.js';

const BOT_ID = '00000000-0000-4000-8000-00000000b07';
const claimsFor = (audience: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: audience }], true);

/** The adapter's user-token clients: one per bot identity, kept across turns, since botbuilder asks for one on every turn. */
describe('the adapter keeps a user-token client per bot identity', () => {
  const { adapter } = createBotConnection(loadConfig({ BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TENANT_ID: TEST_TENANT_ID, LOG_LEVEL: 'silent' }));
  const authentication = (adapter as unknown as { botFrameworkAuthentication: { createUserTokenClient(c: ClaimsIdentity): Promise<UserTokenClient> } }).botFrameworkAuthentication;

  it('when two turns speak for the same bot, then they share one client', async () => {
    const first = await authentication.createUserTokenClient(claimsFor(BOT_ID));
    const second = await authentication.createUserTokenClient(claimsFor(BOT_ID));
    expect(second).toBe(first);
  });

  it('when a turn speaks for another bot, then it is not handed this bot\'s client: botbuilder refuses it, every time', async () => {
    await expect(authentication.createUserTokenClient(claimsFor('another-bot'))).rejects.toThrow('Invalid appId');
    await expect(authentication.createUserTokenClient(claimsFor('another-bot'))).rejects.toThrow('Invalid appId');
  });
});

/**
 * The adapter's turn connector clients, kept per (bot identity, service URL, audience): a message's answer goes out
 * through its turn's client, to the service URL the message came from, so a client kept under the wrong key would
 * send one region's answer to another's.
 */
describe('the adapter keeps a connector client per service URL for replies', () => {
  const officer = anOfficer();
  let bot: TestBot;
  let elsewhere: FakeConnector;
  beforeAll(async () => {
    bot = await startTestBot({ people: [officer] });
    elsewhere = await startConnector();
  });
  afterAll(async () => {
    await bot.close();
    await elsewhere.close();
  });

  /** Posts `whoami` from the connector at `from` and returns what each connector received for it. */
  const whoamiFrom = async (from: FakeConnector) => {
    const marks = [bot.connector.activities.length, elsewhere.activities.length] as const;
    const res = await bot.post(personalMessage(officer, 'whoami', { serviceUrl: from.url, tenantId: bot.tenantId }));
    expect(res.status).toBe(200);
    return { here: bot.connector.activities.slice(marks[0]), elsewhere: elsewhere.activities.slice(marks[1]) };
  };

  it('when messages come alternately from two service URLs, then each answer is sent back to the URL its message came from', async () => {
    for (const [from, to, notTo] of [
      [bot.connector, 'here', 'elsewhere'],
      [elsewhere, 'elsewhere', 'here'],
      [bot.connector, 'here', 'elsewhere'],
      [elsewhere, 'elsewhere', 'here'],
    ] as const) {
      const sent = await whoamiFrom(from);
      expect(sent[to].map((a) => a.kind)).toEqual(['reply']);
      expect(texts(sent[to])[0]).toContain('Olivia Officer');
      expect(sent[notTo]).toEqual([]);
    }
  });
});
