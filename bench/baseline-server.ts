/**
 * The bench's two baselines, each in its own process as the bot is, on 127.0.0.1 at PORT:
 * - `bare`: restify with the bot's body parser, answering POST /api/messages at once;
 * - `sdk`: the same, through the bot's own token check and teams-ai Application (as src/teams/endpoint.ts runs a
 *   turn), with one Action.Execute route whose handler does nothing but answer a small card.
 * Usage: `node --import tsx bench/baseline-server.ts bare|sdk <verb>`.
 */
import restify from 'restify';
import { Application } from '@microsoft/teams-ai';
import { loadConfig } from '../src/config.js';
import { createActivityHandler, createBotConnection } from '../src/teams/endpoint.js';
import { pino } from 'pino';
import { HOST } from './harness.js';

const [kind, verb] = process.argv.slice(2);
const config = loadConfig({ LOG_LEVEL: 'silent', BOT_TENANT_ID: process.env.BOT_TENANT_ID, PORT: process.env.PORT });
const server = restify.createServer({ name: 'bench-baseline', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 4 * 1024 * 1024 }));

if (kind === 'bare') {
  server.post('/api/messages', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Noted.' });
  });
} else if (kind === 'sdk' && verb) {
  const connection = createBotConnection(config);
  const app = new Application({ adapter: connection.adapter, botAppId: '', removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });
  app.adaptiveCards.actionExecute(verb, async () => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Noted.' }] }));
  const handle = createActivityHandler(config, connection, app, pino({ level: 'silent' }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const { status, body } = await handle(req.body, req.header('authorization') ?? '');
    if (body === undefined) res.send(status);
    else res.send(status, body);
  });
} else {
  throw new Error('Usage: baseline-server.ts bare|sdk <verb>');
}

server.listen(config.port, HOST);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
