import { digestComposers } from '../../../src/app/digests/composers.js';
import type { DigestEngineDeps } from '../../../src/app/digests/digest-engine-deps.js';
import { postDueDigests } from '../../../src/app/digests/post-digest.js';
import { retryDigests } from '../../../src/app/digests/retry-digests.js';
import { fixedClock } from '../../../src/app/ports/clock.port.js';
import { silentLogger } from '../../../src/app/ports/logger.port.js';
import { loadConfig } from '../../../src/config.js';
import { digestSettingsOf } from '../../../src/app/digests/digest-engine-deps.js';
import { MemoryStore } from '../../../src/store/memory.store.js';
import { anAdmin, anOfficer, LONDON, TEST_TENANT_ID } from '../../support/builders.js';
import { DIGEST_SCHOOLS, seedDigestFortnight } from '../../support/digest-world.js';
import { FakeMessenger } from '../delivery/delivery-world.js';

const DUE = new Date('2026-11-23T08:00:00Z');

async function world() {
  const store = new MemoryStore(() => DUE);
  await store.transact(
    async (tx) => {
      for (const s of DIGEST_SCHOOLS) await tx.insert('schools', TEST_TENANT_ID, s);
      await tx.insert('people', TEST_TENANT_ID, anAdmin());
      await tx.insert('people', TEST_TENANT_ID, anOfficer());
      await tx.insert('conversations', TEST_TENANT_ID, { id: 'channel:sit', kind: 'channel', purpose: 'sit', reference: { conversation: { id: '19:sit' } } });
    },
    { actor: 'test' },
  );
  await seedDigestFortnight(store, TEST_TENANT_ID, 'person-olivia');
  const config = loadConfig({ BOT_TENANT_ID: TEST_TENANT_ID });
  const runner = (messenger: FakeMessenger, at: Date = DUE): DigestEngineDeps => ({
    store,
    messenger,
    clock: fixedClock(at),
    logger: silentLogger,
    timeZone: LONDON,
    composers: {},
    tenantId: TEST_TENANT_ID,
    digestSettings: digestSettingsOf(config, []),
    digestComposers: digestComposers(),
  });
  return { store, runner };
}

describe('posting a digest exactly once', () => {
  it('when two runners race for the same due time, then the digest is posted once and one record is kept', async () => {
    const { store, runner } = await world();
    const [a, b] = [new FakeMessenger(), new FakeMessenger()];
    const reports = await Promise.all([postDueDigests(runner(a), 'sit', DUE), postDueDigests(runner(b), 'sit', DUE)]);
    expect(a.toChannels.length + b.toChannels.length).toBe(1);
    expect(reports.flat().map((r) => r.status).sort()).toEqual(['already', 'posted']);
    const digests = await store.find('digests', TEST_TENANT_ID);
    expect(digests).toEqual([expect.objectContaining({ kind: 'sit', status: 'posted', audience: { channel: 'sit' } })]);
  });

  it('when the post fails, then the digest is kept as failed and the retry run posts it after its back-off, once', async () => {
    const { store, runner } = await world();
    const messenger = new FakeMessenger();
    messenger.script.then('retryable');
    const [report] = await postDueDigests(runner(messenger), 'sit', DUE);
    expect(report!.status).toBe('failed');
    const [failed] = await store.find('digests', TEST_TENANT_ID);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: '2026-11-23T08:01:00.000Z' });
    expect(failed!.content!.summary).toMatch(/^SIT digest/);

    expect(await retryDigests(runner(messenger, new Date('2026-11-23T08:00:30Z')))).toMatchObject({ due: 0 });
    expect(await retryDigests(runner(messenger, new Date('2026-11-23T08:01:00Z')))).toMatchObject({ due: 1, posted: 1 });
    expect(await retryDigests(runner(messenger, new Date('2026-11-23T08:05:00Z')))).toMatchObject({ due: 0 });
    expect(messenger.toChannels).toHaveLength(1);
    expect(messenger.toChannels[0]!.message.text).toBe(failed!.content!.summary);
    expect(await store.get('digests', TEST_TENANT_ID, failed!.id)).toMatchObject({ status: 'posted', attempts: 2 });
  });

  it('when the next digest is due, then its period follows on from the last one', async () => {
    const { store, runner } = await world();
    await postDueDigests(runner(new FakeMessenger()), 'sit', DUE);
    const next = new Date('2026-12-07T08:00:00Z');
    await postDueDigests(runner(new FakeMessenger(), next), 'sit', next);
    const periods = (await store.find('digests', TEST_TENANT_ID)).map((d) => d.period);
    expect(periods).toEqual([
      { from: '2026-11-09T08:00:00.000Z', to: '2026-11-23T08:00:00.000Z' },
      { from: '2026-11-23T08:00:00.000Z', to: '2026-12-07T08:00:00.000Z' },
    ]);
  });

  it('when a held digest’s channel is registered, then the retry run posts it', async () => {
    const { store, runner } = await world();
    await store.transact((tx) => tx.delete('conversations', TEST_TENANT_ID, 'channel:sit', 'any'), { actor: 'test' });
    const messenger = new FakeMessenger();
    expect((await postDueDigests(runner(messenger), 'sit', DUE))[0]!.status).toBe('held');
    expect(await retryDigests(runner(messenger))).toMatchObject({ due: 0 });
    await store.transact((tx) => tx.insert('conversations', TEST_TENANT_ID, { id: 'channel:sit', kind: 'channel', purpose: 'sit', reference: {} }).then(() => undefined), { actor: 'test' });
    expect(await retryDigests(runner(messenger))).toMatchObject({ due: 1, posted: 1 });
    expect(messenger.toPeople).toHaveLength(1);
    expect(messenger.toChannels).toHaveLength(1);
  });
  it('when several digests are held for want of a channel, period after period, then administrators get one message per set of held digests, listing each and how to register its channel', async () => {
    const { store, runner } = await world();
    await store.transact((tx) => tx.delete('conversations', TEST_TENANT_ID, 'channel:sit', 'any'), { actor: 'test' });
    const messenger = new FakeMessenger();
    const told = () => messenger.toPeople.map((m) => JSON.stringify(m));

    await postDueDigests(runner(messenger), 'sit', DUE);
    expect(told()).toHaveLength(1);
    expect(told()[0]).toContain('register sit');

    await postDueDigests(runner(messenger), 'concerns', DUE);
    expect(told()).toHaveLength(2);
    expect(told()[1]).toContain('2 digests are ready but have no channel to go to');
    expect(told()[1]).toContain('register sit');
    expect(told()[1]).toContain('register concerns');

    // The next fortnight's SIT digest, held too: the same set, so nobody is told again.
    const next = new Date('2026-12-07T08:00:00Z');
    expect((await postDueDigests(runner(messenger, next), 'sit', next))[0]!.status).toBe('held');
    expect(told()).toHaveLength(2);
  });
});
