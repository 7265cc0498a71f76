import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { anAdmin, TEST_TENANT_ID } from '../support/builders.js';
import { validateCard } from '../support/cards.js';
import { startConnector, type FakeConnector } from '../support/connector.js';
import { DIGEST_SCHOOLS, HIGH, SECRET_CONCERN, seedDigestFortnight } from '../support/digest-world.js';

describe('digest and jobs run-due on the command line', () => {
  let connector: FakeConnector;
  let store: MemoryStore;

  beforeEach(async () => {
    connector = await startConnector();
    store = new MemoryStore(() => new Date('2026-11-23T09:00:00Z'));
    await store.transact(
      async (tx) => {
        for (const s of DIGEST_SCHOOLS) await tx.insert('schools', TEST_TENANT_ID, s);
        await tx.insert('people', TEST_TENANT_ID, anAdmin());
        await tx.insert('conversations', TEST_TENANT_ID, { id: 'channel:sit', kind: 'channel', purpose: 'sit', reference: { serviceUrl: connector.url, conversation: { id: '19:sit@thread.tacv2' }, bot: { id: '28:bot' } } });
      },
      { actor: 'test' },
    );
    await seedDigestFortnight(store, TEST_TENANT_ID, 'person-olivia');
  });
  afterEach(() => connector.close());

  async function run(at: string, ...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      store,
      clock: fixedClock(at),
      env: { BOT_TENANT_ID: TEST_TENANT_ID, BOT_SERVICE_URL: connector.url, LOG_LEVEL: 'silent', SIT_DIGEST_SCHEDULE: 'every 2 weeks on Monday at 08:00 from 2026-09-07' },
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    });
    return { code, out, err };
  }

  it('when digest sit --preview is run, then it prints the card JSON, valid, naming the schools, and posts and stores nothing', async () => {
    const { code, out } = await run('2026-11-23T09:00:00Z', 'digest', 'sit', '--preview', '--at', '2026-11-23T08:00:00Z');
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { audience: unknown; period: unknown; summary: string; card: unknown };
    expect(printed.audience).toEqual({ channel: 'sit' });
    expect(printed.period).toEqual({ from: '2026-11-09T08:00:00.000Z', to: '2026-11-23T08:00:00.000Z' });
    validateCard(printed.card);
    expect(JSON.stringify(printed.card)).toContain(HIGH.name);
    expect(out).not.toContain(SECRET_CONCERN);
    expect(connector.activities).toEqual([]);
    expect(await store.find('digests', TEST_TENANT_ID)).toEqual([]);
  });

  it('when the digest kind is unknown, then it exits non-zero with one line', async () => {
    const { code, err } = await run('2026-11-23T09:00:00Z', 'digest', 'weekly');
    expect(code).not.toBe(0);
    expect(err.trim()).toBe('error: "weekly" is not a digest: use one of sit, partnership, sacre, concerns, committee.');
  });

  it('when jobs run-due runs at the fortnightly due time twice, then the SIT digest is posted in its channel once', async () => {
    const first = await run('2026-11-16T08:00:00Z', 'jobs', 'run-due', '--at', '2026-11-16T08:00:00Z');
    expect(first.out).toContain('digest-sit (due Monday 16 November 2026 at 08:00): ran: 1 posted, 0 to retry, 0 held, 0 already posted.');
    const second = await run('2026-11-16T08:00:00Z', 'jobs', 'run-due', '--at', '2026-11-16T08:00:00Z');
    expect(second.out).toContain('digest-sit (due Monday 16 November 2026 at 08:00): already run by another process.');
    const posted = connector.activities.filter((a) => a.kind === 'send' && a.conversationId.startsWith('19:sit') && (a.activity.text ?? a.activity.summary)?.startsWith('SIT digest'));
    expect(posted).toHaveLength(1);
    expect((posted[0]!.activity.text ?? posted[0]!.activity.summary)).toMatch(/^SIT digest: 2 Nov to Monday 16 November 2026/);
  });
});
