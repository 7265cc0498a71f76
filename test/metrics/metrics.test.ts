import { afterEach, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../../src/domain/errors.js';
import type { Messenger } from '../../src/app/ports/messenger.port.js';
import { aHeadteacherOf, anAdmin, anOfficer, aSchool } from '../support/builders.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

/** One sample of the Prometheus text format: its name, labels and value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samplesOf(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

/** The value of the sample with this name whose labels include `labels` (0 when there is none yet). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}

async function scrape(bot: TestBot, headers: Record<string, string> = {}): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(`${bot.url}/metrics`, { headers });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

describe('GET /metrics', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  const oakwood = aSchool(0);
  const officer = anOfficer('Olivia Officer');
  const head = aHeadteacherOf(oakwood, 'Hannah Head');
  /** Teams is throttling: every 1:1 message fails for now, so what the visit sends waits in the outbox. */
  const throttledTeams = (): Messenger => ({
    sendToPerson: async () => {
      throw new DeliveryError('Teams is not taking messages just now (429 after 2 attempts).', true);
    },
    sendToChannel: async () => ({ status: 'unreachable', reason: 'no channel in this test' }),
    updateMessage: async () => ({ status: 'sent' }),
  });

  it('when an officer types a command and submits a visit through its card, then a local scrape shows the commands, card actions, requests, commits, sends and outbox moved, and no label names the school or a person', async () => {
    bot = await startTestBot({ schools: [oakwood], people: [officer, head], messenger: throttledTeams });
    const before = samplesOf((await scrape(bot)).text);

    await bot.say(officer, 'whoami');
    await bot.say(officer, `hello ${oakwood.name}`);
    const agenda = await openAgenda(bot, officer, oakwood.name, 'sit-support-visit');
    const submitted = await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda), { cardActivityId: 'agenda-message' });
    expect(submitted.card).toBeDefined();
    await bot.invoke(head, 'visit.start', { urn: oakwood.urn });
    await bot.invoke(officer, 'no.such.verb', { urn: oakwood.urn });

    const { status, text, contentType } = await scrape(bot);
    expect(status).toBe(200);
    expect(contentType).toContain('text/plain');
    const after = samplesOf(text);
    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved('bot_commands_total', { command: 'whoami', outcome: 'answered' })).toBe(1);
    expect(moved('bot_commands_total', { command: 'visit', outcome: 'answered' })).toBe(1);
    expect(moved('bot_commands_total', { command: 'unrecognised', outcome: 'refused' })).toBe(1);
    expect(moved('bot_card_actions_total', { verb: 'visit.start', outcome: 'answered' })).toBe(1);
    expect(moved('bot_card_actions_total', { verb: 'visit.submit', outcome: 'answered' })).toBe(1);
    // The headteacher may not start a visit: a refusal, by verb.
    expect(moved('bot_card_actions_total', { verb: 'visit.start', outcome: 'refused' })).toBe(1);
    expect(moved('bot_card_actions_total', { verb: 'unknown', outcome: 'refused' })).toBe(1);
    expect(moved('bot_card_action_duration_seconds_count', { verb: 'visit.submit' })).toBe(1);
    expect(moved('bot_http_requests_total', { method: 'POST', route: '/api/messages', status: '200' })).toBe(7);
    expect(moved('bot_http_request_duration_seconds_count', { method: 'POST', route: '/api/messages' })).toBe(7);
    expect(moved('bot_store_commit_duration_seconds_count', { outcome: 'committed' })).toBeGreaterThan(0);
    // The school's copy could not go: counted as a failure that may pass, and waiting in the outbox.
    expect(moved('bot_sends_total', { channel: 'teams', outcome: 'retryable-failure' })).toBeGreaterThan(0);
    expect(valueOf(after, 'bot_outbox_pending_items', { kind: 'teams-message' })).toBeGreaterThan(0);
    expect(valueOf(after, 'bot_outbox_oldest_pending_age_seconds', { kind: 'teams-message' })).toBeGreaterThanOrEqual(0);
    // The process itself.
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) expect(after.some((s) => s.name === name)).toBe(true);

    // No label carries the school, a person or a record id: only names the code fixes.
    const visits = await bot.store.find('visits', bot.tenantId);
    const outbox = await bot.store.find('outbox', bot.tenantId);
    const labelValues = after.flatMap((s) => Object.values(s.labels));
    const forbidden = [oakwood.name, oakwood.urn, ...[officer, head].flatMap((p) => [p.name, p.email, p.id!, p.aadObjectId!]), ...visits.map((v) => v.id), ...outbox.map((o) => o.id)];
    for (const value of forbidden) {
      expect(labelValues.some((l) => l.includes(value))).toBe(false);
      expect(text).not.toContain(value);
    }
    expect(text).not.toContain('hello');
  });

  it('when a write is refused as stale, then the refusal is counted by collection', async () => {
    bot = await startTestBot({ schools: [oakwood] });
    const [school] = await bot.store.find('schools', bot.tenantId);
    await expect(bot.store.transact((tx) => tx.update('schools', bot!.tenantId, school!.id, school!.version + 1, { visitEntitlement: 3 }).then(() => undefined), { actor: 'test' })).rejects.toThrow(
      'Someone else changed this record',
    );
    const samples = samplesOf((await scrape(bot)).text);
    expect(valueOf(samples, 'bot_store_stale_writes_total', { collection: 'schools' })).toBe(1);
    expect(valueOf(samples, 'bot_store_commit_duration_seconds_count', { outcome: 'stale' })).toBe(1);
  });

  describe('with bot credentials and METRICS_TOKEN', () => {
    const credentials = { BOT_ID: '00000000-0000-4000-8000-00000000b07', BOT_PASSWORD: 'not-a-real-secret', METRICS_TOKEN: TOKEN };

    it.each([
      ['no Authorization header', {}],
      ['a wrong token', { authorization: 'Bearer not-the-metrics-token-at-all' }],
      ['the token under another scheme', { authorization: `Basic ${TOKEN}` }],
    ])('when a scrape carries %s, then it is refused with 401 and shows nothing', async (_what, headers) => {
      bot = await startTestBot({ env: credentials, people: [anAdmin()] });
      const res = await scrape(bot, headers);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('bot_');
    });

    it('when a scrape carries the token as a bearer token, then the metrics are served', async () => {
      bot = await startTestBot({ env: credentials });
      const res = await scrape(bot, { authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(200);
      expect(res.text).toContain('# TYPE bot_card_actions_total counter');
    });
  });

  it('when the bot has credentials and no METRICS_TOKEN, then /metrics does not exist (404), even from this machine', async () => {
    bot = await startTestBot({ env: { BOT_ID: '00000000-0000-4000-8000-00000000b07', BOT_PASSWORD: 'not-a-real-secret' } });
    const res = await scrape(bot);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('bot_');
  });
});
