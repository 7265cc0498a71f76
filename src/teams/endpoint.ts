import { AuthenticationConstants, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext } from 'botbuilder';
import { TeamsAdapter, type Application } from '@microsoft/teams-ai';
import type { Config } from '../config.js';
import type { Logger } from '../app/ports/logger.port.js';
import { keepRequestLogger } from './request-log.js';
import { loggableError } from '../app/logging.js';
import { afterAnswerOf, type AfterAnswerWork } from './after-answer.js';
import { activityTenantId, isAllowedTenant } from './tenant.js';
import { activityShapeProblem } from './activity-shape.js';
import { KeptConnectorClients } from './bot-connector.js';
import { KeptPromises } from './kept-promises.js';

/** The bot identity a checked token speaks for (its audience, or the emulator's app id claim): what its clients are made with. */
const identityOf = (claims: ClaimsIdentity) => `${claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? ''}\u0000${claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? ''}`;

/** User-token clients kept at most: one bot identity in practice (the emulator's and the configured bot's at most). */
const MAX_IDENTITIES = 4;

/** What the HTTP layer sends back for one POST /api/messages. */
export interface EndpointResponse {
  status: number;
  body?: unknown;
  /** What the turn left to do once the response has gone: outbox items to send, a card to replace for everyone. */
  afterAnswer?: AfterAnswerWork;
}

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * The teams-ai adapter, letting the endpoint run a turn for a request it has already authenticated
 * (CloudAdapter's own `process` would check the token again and could not refuse another tenant first).
 */
export class SchoolBotAdapter extends TeamsAdapter {
  /** The connector clients of incoming turns (replies go through them), kept across requests rather than made for each. */
  private readonly turnClients = new KeptConnectorClients();
  /**
   * The user-token client of each bot identity, kept likewise (see the constructor). This adapter's credentials make
   * a client only for its own bot; any other identity's is refused, and a refusal is not kept.
   */
  private readonly userTokenClients = new KeptPromises<UserTokenClient>(MAX_IDENTITIES);

  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    // botbuilder makes a user-token client (a whole HTTP pipeline, some 5% of a card press's CPU) for every turn,
    // although this bot never signs anyone in; its credentials renew their own token, so one per bot identity
    // serves every turn. The adapter's authentication is made inside TeamsAdapter, so its method is wrapped here.
    const authentication = this.botFrameworkAuthentication;
    const make = authentication.createUserTokenClient.bind(authentication);
    authentication.createUserTokenClient = (claims) => this.userTokenClients.get(identityOf(claims), () => make(claims));
  }

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    // The factory is made afresh for each checked token; the clients it makes are the same for the same bot identity.
    const connectorFactory = auth.connectorFactory && this.turnClients.keeping(auth.connectorFactory, identityOf(auth.claimsIdentity));
    return this.processActivity({ ...auth, connectorFactory }, activity, logic);
  }

  /**
   * Makes Bot Connector clients for proactive messages with this adapter's own settings (credentials, tenant, cloud,
   * user agent), as its `continueConversationAsync` would, for callers that keep them (the messenger).
   */
  connectorFactoryFor(botAppId: string): ConnectorFactory {
    return this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(botAppId));
  }
}

/** The adapter and the token checker, built from the same settings. */
export interface BotConnection {
  adapter: SchoolBotAdapter;
  authentication: ConfigurationBotFrameworkAuthentication;
}

/**
 * The Bot Framework adapter for the configured bot identity. Without BOT_ID (local mode) no token is
 * required on incoming requests and none is sent on outgoing ones: the Agents Playground, an emulator
 * or the test connector stand in for Teams.
 */
export function createBotConnection(config: Config): BotConnection {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.bot.id
    ? {
        MicrosoftAppId: config.bot.id,
        MicrosoftAppPassword: config.bot.password,
        MicrosoftAppType: config.bot.type,
        MicrosoftAppTenantId: config.bot.allowedTenantId,
        ...(config.bot.openIdMetadataUrl ? publicCloudWithSigningKeysAt(config.bot.openIdMetadataUrl) : {}),
      }
    : {};
  return { adapter: new SchoolBotAdapter(options), authentication: new ConfigurationBotFrameworkAuthentication(options) };
}

/**
 * Microsoft's public-cloud settings with the token signing keys read from another address. botbuilder takes
 * every endpoint from the options as soon as one is given, so the others are spelled out with its own constants.
 */
function publicCloudWithSigningKeysAt(openIdMetadataUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

const statusOf = (err: unknown) => (err as { statusCode?: unknown })?.statusCode;

/**
 * botbuilder passes jsonwebtoken's own errors through without a status (a bad signature, a malformed token):
 * those are forged or broken tokens, refused with 401, not a fault of ours.
 */
const isRejectedJwt = (err: unknown) => ['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'].includes((err as Error)?.name);

/**
 * Handles one activity posted to /api/messages, in this order:
 * 1. the body must be a well-formed activity, and a message or invoke one of its kind (400 otherwise, naming
 *    the field: see activity-shape.ts);
 * 2. the Bot Framework token must be valid when BOT_ID is set (401 otherwise; 503 when Microsoft's signing
 *    keys cannot be fetched, since the token can then be neither accepted nor blamed);
 * 3. the activity must come from BOT_TENANT_ID when it is set (in local mode too, so the check can be tried
 *    there). Another tenant's activity is refused with 403 and touches nothing: a silent 200 would hide from
 *    the sender, and from whoever reads the channel's errors, that the bot is not theirs. The refusal is
 *    logged at warn level with the tenant id only;
 * 4. the turn runs; an invoke's response (a card or a message) is returned as the body, with what the turn left
 *    for after the answer (outbox items, the pressed card to replace for everyone), which the server does then.
 */
export function createActivityHandler(config: Config, connection: BotConnection, app: Application) {
  /** `logger` is the request's own (RequestLogs.forRequest): the turn's routes log through it too. */
  return async (body: unknown, authorization: string, logger: Logger): Promise<EndpointResponse> => {
    const problem = activityShapeProblem(body);
    if (problem) {
      logger.warn({ code: 'malformed-activity', problem }, 'request refused: not a well-formed activity');
      return { status: 400, body: { error: `The request body is not a well-formed Bot Framework activity (${problem}).` } };
    }
    const activity = body as Activity;
    let auth: AuthenticateRequestResult;
    try {
      auth = await connection.authentication.authenticateRequest(activity, authorization);
    } catch (err) {
      const status = statusOf(err);
      if ((typeof status === 'number' && status >= 400 && status < 500) || isRejectedJwt(err)) {
        logger.warn({ code: 'unauthorized', status }, 'request refused: no valid Bot Framework token');
        return { status: 401, body: { error: 'Unauthorized' } };
      }
      logger.error({ err: loggableError(err) }, 'could not check the Bot Framework token');
      return { status: 503, body: { error: 'The token could not be checked; try again.' } };
    }
    if (!isAllowedTenant(activity, config.bot.allowedTenantId)) {
      logger.warn({ code: 'other-tenant', tenantId: activityTenantId(activity) ?? null }, 'activity from another tenant refused');
      return { status: 403, body: { error: 'This bot serves another organisation.' } };
    }
    let afterAnswer: AfterAnswerWork | undefined;
    const response = await connection.adapter.runAuthenticated(auth, activity, async (context) => {
      keepRequestLogger(context, logger);
      await app.run(context);
      afterAnswer = afterAnswerOf(context);
    });
    return { status: response?.status ?? 200, body: response?.body, afterAnswer };
  };
}
