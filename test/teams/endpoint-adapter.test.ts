import { AuthenticationConstants, ClaimsIdentity, type UserTokenClient } from 'botframework-connector';
import { loadConfig } from '../../src/config.js';
import { createBotConnection } from '../../src/teams/endpoint.js';
import { TEST_TENANT_ID } from '../support/builders.js';

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
