import { request } from 'node:http';
import { connect } from 'node:net';
import { aChannel, anAdmin, channelMessage, personalMessage } from '../support/builders.js';
import { recordCounts, startTestBot, texts, type TestBot } from '../support/bot.js';
import { capturingLogger } from '../jobs/jobs-world.js';
import { MAX_ACTIVITY_BYTES } from '../../src/teams/json-body.js';

const admin = anAdmin();
const channel = aChannel();

interface Answer {
  status: number;
  body: unknown;
}

/** POSTs to /api/messages with node:http, the body written in `chunks` (chunked transfer unless a Content-Length is given). */
function postRaw(bot: TestBot, chunks: (string | Buffer)[], headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> {
  const url = new URL(bot.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/messages', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    (async () => {
      for (const chunk of chunks) {
        req.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    })().catch(reject);
  });
}

/**
 * Speaks HTTP/1.1 on one raw connection: writes `bytes`, then collects what comes back until `until` matches it,
 * the server closes the connection or `ms` pass.
 */
function onOneConnection(bot: TestBot) {
  const url = new URL(bot.url);
  const socket = connect(Number(url.port), url.hostname);
  let received = '';
  let closed = false;
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  return {
    async send(bytes: string | Buffer, until: RegExp, ms = 5000) {
      socket.write(bytes);
      const deadline = Date.now() + ms;
      while (!until.test(received) && !closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return { statuses: [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1])), closed };
    },
    end: () => socket.destroy(),
  };
}

const postHead = (length: number) => `POST /api/messages HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
const healthz = 'GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n';

describe('the JSON body of POST /api/messages', () => {
  let bot: TestBot;
  let logger: ReturnType<typeof capturingLogger>;
  beforeAll(async () => {
    logger = capturingLogger();
    bot = await startTestBot({ people: [admin], logger });
  });
  afterAll(() => bot.close());
  beforeEach(() => {
    logger.lines.length = 0;
  });

  const options = () => ({ serviceUrl: bot.connector.url, tenantId: bot.tenantId });
  /** `register sit` in a channel: stores the channel when it is served, so a refusal visibly stores nothing. */
  const registerSit = () => JSON.stringify(channelMessage(admin, 'register sit', channel, options()));
  const refusals = () => logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).startsWith('request refused'));

  it('when an activity comes as ordinary JSON, then it is answered as before', async () => {
    expect(texts(await bot.say(admin, 'whoami'))[0]).toContain(admin.name);
  });

  it('when an activity comes in chunks, without a Content-Length, then it is put together and answered', async () => {
    const body = JSON.stringify(personalMessage(admin, 'whoami', options()));
    const mark = bot.connector.activities.length;
    const res = await postRaw(bot, [body.slice(0, 10), body.slice(10, 200), body.slice(200)]);
    expect(res.status).toBe(200);
    expect(texts(bot.connector.activities.slice(mark))[0]).toContain(admin.name);
  });

  it('when the body is larger than 4 MB, then it gets 413 saying so, nothing is stored or sent, and it is logged (without the body) and counted', async () => {
    const before = await recordCounts(bot);
    const requestsBefore = bot.connector.requests.length;
    const activity = registerSit();
    const res = await bot.post(activity + ' '.repeat(MAX_ACTIVITY_BYTES - activity.length + 1));
    expect(res).toEqual({ status: 413, body: { error: 'The request body is larger than 4194304 bytes.' } });
    expect(await recordCounts(bot)).toEqual(before);
    expect(bot.connector.requests.length).toBe(requestsBefore);
    expect(refusals()).toEqual([{ level: 'warn', code: 'body-too-large', status: 413, msg: 'request refused: The request body is larger than 4194304 bytes.' }]);
    expect(logger.lines.join('\n')).not.toContain('register sit');
    expect(await (await fetch(`${bot.url}/metrics`)).text()).toMatch(/bot_http_requests_total\{[^}]*route="\/api\/messages",status="413"\} 1\n/);
  });

  it('when a chunked body grows past 4 MB, then it gets 413 and nothing is stored', async () => {
    const before = await recordCounts(bot);
    const activity = registerSit();
    const padding = Buffer.alloc(256 * 1024, ' ');
    const res = await postRaw(bot, [activity, ...Array.from({ length: 17 }, () => padding)]);
    expect(res.status).toBe(413);
    expect(await recordCounts(bot)).toEqual(before);
  });

  it('when the body is exactly 4 MB, then it is still served', async () => {
    const activity = registerSit();
    const res = await bot.post(activity + ' '.repeat(MAX_ACTIVITY_BYTES - activity.length));
    expect(res.status).toBe(200);
    expect(await bot.store.find('conversations', bot.tenantId, { purpose: 'sit' })).toHaveLength(1);
  });

  it('when a request announces more than 4 MB, then it gets 413 at once, before the body comes', async () => {
    const connection = onOneConnection(bot);
    try {
      const { statuses } = await connection.send(`${postHead(1024 ** 3)}{"type":`, /\r\n\r\n\{.*\}/s);
      expect(statuses).toEqual([413]);
    } finally {
      connection.end();
    }
  });

  it('when a body of a little over 4 MB was refused, then the same connection still serves the next request', async () => {
    const connection = onOneConnection(bot);
    try {
      const size = MAX_ACTIVITY_BYTES + 1024 * 1024;
      await connection.send(Buffer.concat([Buffer.from(postHead(size)), Buffer.alloc(size, ' ')]), /HTTP\/1\.1 413 /);
      const { statuses, closed } = await connection.send(healthz, /"status":"ok"/);
      expect({ statuses, closed }).toEqual({ statuses: [413, 200], closed: false });
    } finally {
      connection.end();
    }
  });

  it('when a refused body goes on past twice the limit, then the connection is cut after the 413', async () => {
    const connection = onOneConnection(bot);
    try {
      const size = 3 * MAX_ACTIVITY_BYTES;
      const { statuses, closed } = await connection.send(Buffer.concat([Buffer.from(postHead(size)), Buffer.alloc(size, ' ')]), /(?!)/);
      expect({ statuses, closed }).toEqual({ statuses: [413], closed: true });
    } finally {
      connection.end();
    }
  });

  it('when the client goes away halfway through the body, then nothing is stored, the request is counted as abandoned, and the bot goes on serving', async () => {
    const before = await recordCounts(bot);
    const activity = registerSit();
    const connection = onOneConnection(bot);
    await connection.send(postHead(activity.length) + activity.slice(0, 100), /(?!)/, 100);
    connection.end();
    await new Promise((r) => setTimeout(r, 100));
    expect(await recordCounts(bot)).toEqual(before);
    expect(await (await fetch(`${bot.url}/metrics`)).text()).toMatch(/bot_http_requests_total\{[^}]*route="\/api\/messages",status="444"\} 1\n/);
    expect(texts(await bot.say(admin, 'whoami'))[0]).toContain(admin.name);
  });

  it('when the body is not valid JSON, then it gets 400 saying so, and nothing is replied', async () => {
    const requestsBefore = bot.connector.requests.length;
    expect(await bot.post('{"type": "message", ')).toEqual({ status: 400, body: { error: 'The request body is not valid JSON.' } });
    expect(bot.connector.requests.length).toBe(requestsBefore);
    expect(refusals()).toEqual([expect.objectContaining({ code: 'malformed-json', status: 400 })]);
  });

  it.each([
    ['with a Content-Length of 0', { 'content-type': 'application/json', 'content-length': '0' }],
    ['chunked', { 'content-type': 'application/json' }],
  ])('when the body is empty (%s), then it gets 400 saying so', async (_how, headers) => {
    expect(await postRaw(bot, [], headers)).toEqual({ status: 400, body: { error: 'The request body is empty: a JSON activity was expected.' } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('when an activity comes as %s, then it is refused with 400 as before', async (type) => {
    const before = await recordCounts(bot);
    const res = await postRaw(bot, [registerSit()], { 'content-type': type });
    expect(res).toEqual({ status: 400, body: { error: 'The request body must be JSON (Content-Type: application/json).' } });
    expect(await recordCounts(bot)).toEqual(before);
  });

  it('when the Content-Type has a charset or is a +json type, then the activity is served', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/vnd.example+json']) {
      expect((await postRaw(bot, [JSON.stringify(personalMessage(admin, 'whoami', options()))], { 'content-type': type })).status).toBe(200);
    }
  });

  it('when the body claims to be gzip but is not, then it gets 415 and the bot goes on serving', async () => {
    const res = await postRaw(bot, ['not gzip at all'], { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res).toEqual({ status: 415, body: { error: 'Compressed request bodies (Content-Encoding) are not accepted.' } });
    expect(texts(await bot.say(admin, 'whoami'))[0]).toContain(admin.name);
  });

  it('when GET /healthz is asked, then no body is needed', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
