/**
 * The bench's baselines, each in its own process as the bot is, on 127.0.0.1 at PORT:
 * - `bare`: restify with its own body parser (as Microsoft's samples set restify up), answering POST /api/messages at once;
 * - `sdk`: the SDK's own no-op invoke: restify handing the request to teams-ai's stock TeamsAdapter (`process`, as
 *   Microsoft's samples do) and an Application with one Action.Execute route whose handler does nothing but answer
 *   a small card;
 * - `door`: the same Application behind the bot's own door (src/teams/endpoint.ts: its token and tenant checks and
 *   its adapter, which keeps the connector and user-token clients botbuilder would make for every turn), its body
 *   read by the bot's own reader (src/teams/json-body.ts).
 * Usage: `node --import tsx bench/baseline-server.ts bare|sdk|door <verb>`.
 */
import restify from 'restify';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { loadConfig } from '../src/config.js';
import { RequestLogs } from '../src/app/request-logger.js';
import { createActivityHandler, createBotConnection } from '../src/teams/endpoint.js';
import { jsonBody, MAX_ACTIVITY_BYTES } from '../src/teams/json-body.js';
import { pino } from 'pino';
import { HOST } from './harness.js';

const [kind, verb] = process.argv.slice(2);

/** The teams-ai Application with one card action that answers a small card and does nothing else. */
function noOpApplication(adapter: TeamsAdapter, cardVerb: string): Application {
  const app = new Application({ adapter, botAppId: '', removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  app.adaptiveCards.actionExecute(cardVerb, async () => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Noted.' }] }));
  return app;
}
const config = loadConfig({ LOG_LEVEL: 'silent', BOT_TENANT_ID: process.env.BOT_TENANT_ID, PORT: process.env.PORT });
const server = restify.createServer({ name: 'bench-baseline', handleUncaughtExceptions: false });
const restifyBody = restify.plugins.bodyParser({ mapParams: false, maxBodySize: 4 * 1024 * 1024 });

if (kind === 'bare') {
  server.post('/api/messages', restifyBody, async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Noted.' });
  });
} else if (kind === 'sdk' && verb) {
  // Local mode, as the bot runs in the bench: no app id, so the stock adapter lets unsigned requests in.
  const adapter = new TeamsAdapter({});
  const app = noOpApplication(adapter, verb);
  server.post('/api/messages', restifyBody, async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
} else if (kind === 'door' && verb) {
  const connection = createBotConnection(config);
  const app = noOpApplication(connection.adapter, verb);
  const handle = createActivityHandler(config, connection, app);
  const logs = new RequestLogs(pino({ level: 'silent' }));
  server.post('/api/messages', jsonBody({ maxBytes: MAX_ACTIVITY_BYTES, logger: logs.forRequest(undefined) }), async (req: restify.Request, res: restify.Response) => {
    const { status, body } = await handle(req.body, req.header('authorization') ?? '', logs.forRequest((req.body as { id?: unknown }).id));
    if (body === undefined) res.send(status);
    else res.send(status, body);
  });
} else {
  throw new Error('Usage: baseline-server.ts bare|sdk|door <verb>');
}

server.listen(config.port, HOST);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
