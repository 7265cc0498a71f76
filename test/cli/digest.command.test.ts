import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { runCli } from '../../src/cli/run-cli.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import type { Visit } from '../../src/domain/visit.js';
import { anAdmin, anOfficer, aPerson, TEST_TENANT_ID } from '../support/builders.js';
import { identifying, sacreVisitor, sacreVisits, schools as collationSchools, VALE, valeVisits, visitor, WATER, waterVisits } from '../support/collation-world.js';
import { validateCard } from '../support/cards.js';
import { startConnector, type FakeConnector } from '../support/connector.js';
import { DIGEST_SCHOOLS, HIGH, LOW, SECRET_CONCERN, seedDigestFortnight } from '../support/digest-world.js';

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

  it('when milestones run on a working morning, then the overdue milestone is escalated to the link officer, and digest sit --preview shows it overdue', async () => {
    const officer = anOfficer('Linda Link');
    await store.transact(async (tx) => {
      await tx.insert('people', TEST_TENANT_ID, officer);
      const low = (await tx.find('schools', TEST_TENANT_ID)).find((s) => s.urn === LOW.urn)!;
      await tx.update('schools', TEST_TENANT_ID, low.id, low.version, { linkOfficerEmail: officer.email });
    }, { actor: 'test' });

    const ran = await run('2026-11-23T09:00:00Z', 'jobs', 'run-due', '--at', '2026-11-23T09:00:00Z');
    expect(ran.out).toContain('milestones (due Monday 23 November 2026 at 08:00): ran: 1 due, 1 sent, 0 queued, 0 undeliverable.');
    // A card's notification preview is its summary.
    const escalations = connector.activities.filter((a) => a.activity.summary?.startsWith('Overdue: a milestone of'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.activity.summary).toContain('was due on Friday 13 November 2026');

    const { out } = await run('2026-11-23T09:00:00Z', 'digest', 'sit', '--preview', '--at', '2026-11-23T08:00:00Z');
    const printed = JSON.parse(out) as { card: unknown };
    expect(JSON.stringify(printed.card)).toContain('Milestone overdue since 13 Nov: Reading age up six months');
  });
});

describe('the partnership digest and the SACRE collation on the command line', () => {
  let connector: FakeConnector;
  let store: MemoryStore;
  const at = '2026-11-23T09:00:00Z';

  beforeEach(async () => {
    connector = await startConnector();
    store = new MemoryStore(() => new Date(at));
    await store.transact(
      async (tx) => {
        for (const s of collationSchools) await tx.insert('schools', TEST_TENANT_ID, s);
        for (const p of [anAdmin(), visitor, sacreVisitor, aPerson('Hana Head', ['headteacher'], { schools: [collationSchools[0]!.urn] })]) await tx.insert('people', TEST_TENANT_ID, p);
        for (const v of [...waterVisits, ...valeVisits, ...sacreVisits]) await tx.insert('visits', TEST_TENANT_ID, v as Visit);
        await tx.insert('conversations', TEST_TENANT_ID, { id: `channel:partnership:${WATER.toLowerCase()}`, kind: 'channel', purpose: 'partnership', partnership: WATER, reference: { serviceUrl: connector.url, conversation: { id: '19:water@thread.tacv2' }, bot: { id: '28:bot' } } });
      },
      { actor: 'test' },
    );
  });
  afterEach(() => connector.close());

  const run = (...argv: string[]) => {
    let out = '';
    let err = '';
    return runCli(argv, { store, clock: fixedClock(at), env: { BOT_TENANT_ID: TEST_TENANT_ID, BOT_SERVICE_URL: connector.url, LOG_LEVEL: 'silent' }, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }).then((code) => ({ code, out, err }));
  };
  const expectNothingIdentifying = (json: string) => expect(identifying().filter((f) => json.toLowerCase().includes(f.toLowerCase()))).toEqual([]);

  it('when digest partnership --preview is run, then it prints each partnership’s card and the summary, valid and anonymised, and posts nothing', async () => {
    const { code, out } = await run('digest', 'partnership', '--preview');
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { audience: unknown; card: unknown }[];
    expect(printed.map((p) => p.audience)).toEqual([{ channel: 'partnership', partnership: VALE }, { channel: 'partnership', partnership: WATER }, { channel: 'sit' }]);
    for (const p of printed) validateCard(p.card);
    expect(JSON.stringify(printed[1]!.card)).toContain('5 development visits to 4 schools');
    expectNothingIdentifying(out);
    expect(connector.activities).toEqual([]);
  });

  it('when digest partnership --partnership is run twice, then it is posted in that partnership’s channel once', async () => {
    const first = await run('digest', 'partnership', '--partnership', WATER);
    expect(first.out).toMatch(new RegExp(`^partnership digest for the ${WATER} partnership channel \\(.*\\): posted\\.`));
    // Its period in people's dates and times, on the organisation's clock.
    expect(first.out).toMatch(/ \(\w+day \d{1,2} \w+ \d{4} at \d\d:\d\d to \w+day \d{1,2} \w+ \d{4} at \d\d:\d\d\): posted\./);
    expect(first.out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const second = await run('digest', 'partnership', '--partnership', WATER);
    expect(second.out).toContain('already posted');
    const posted = connector.activities.filter((a) => a.kind === 'send' && a.conversationId.startsWith('19:water'));
    expect(posted).toHaveLength(1);
    expectNothingIdentifying(JSON.stringify(posted.map((a) => a.activity)));
  });

  it('when digest sacre is run, then --preview prints it, --to sends it to a SACRE visitor alone, a headteacher is refused, and without either it says how', async () => {
    const preview = await run('digest', 'sacre', '--preview');
    const printed = JSON.parse(preview.out) as { card: unknown };
    validateCard(printed.card);
    expect(JSON.stringify(printed.card)).toContain('4 schools declined a visit.');
    expectNothingIdentifying(preview.out);

    const sent = await run('digest', 'sacre', '--to', sacreVisitor.email!);
    expect(sent.out.trim()).toBe(`SACRE collation sent to ${sacreVisitor.name} in their 1:1 chat.`);
    const cards = connector.activities.filter((a) => a.activity.attachments?.length);
    expect(cards).toHaveLength(1);
    expectNothingIdentifying(JSON.stringify(cards.map((a) => a.activity.attachments)));

    const refused = await run('digest', 'sacre', '--to', 'hana.head@school.example.org');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('Only officers, the SIT, administrators and SACRE visitors can ask for the SACRE collation.');
    const bare = await run('digest', 'sacre');
    expect(bare.code).not.toBe(0);
    expect(bare.err).toContain('The SACRE collation has no channel: print it with --preview, or send it to one person with --to <e-mail>.');
    expect(connector.activities.filter((a) => a.activity.attachments?.length)).toHaveLength(1);
    expect(await store.find('digests', TEST_TENANT_ID)).toEqual([]);
  });
});
