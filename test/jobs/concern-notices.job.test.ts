import { describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { raiseConcern } from '../../src/app/visits/raise-concern.js';
import type { Person } from '../../src/domain/person.js';
import { concernNoticesJob } from '../../src/jobs/concern-notices.job.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { FakeMessenger, MovableClock } from '../app/delivery/delivery-world.js';
import { aConcernsLead } from '../support/builders.js';
import { capturingLogger, officer, oakwood, runnerDeps, seedUnacknowledgedCheck, tenantId } from './jobs-world.js';

const CONCERN = 'The RE lead seemed afraid to speak while the deputy was in the room';
const lead = aConcernsLead('Connie Lead');

/** A concern raised at a visit to Oakwood while nobody holds the concerns-lead role. */
async function concernWithNoLead() {
  const clock = new MovableClock(Date.parse('2026-11-23T09:10:00Z'));
  const store = new MemoryStore(() => clock.now());
  await seedUnacknowledgedCheck(store);
  const messenger = new FakeMessenger();
  const logger = capturingLogger();
  const deps = runnerDeps(store, messenger, clock, { logger });
  const raisedBy = (await store.get('people', tenantId, officer.id!)) as Person;
  const said = await raiseConcern(deps, tenantId, raisedBy, { visitId: 'visit-1', schoolUrn: oakwood.urn }, CONCERN, 'press-1');
  expect(said.notice).toContain('no concerns lead is registered');
  expect(said.outboxIds).toEqual([]);
  return { clock, store, messenger, logger, deps };
}

const toLead = (messenger: FakeMessenger) => messenger.toPeople.filter((m) => m.to.email === lead.email);

describe('concerns waiting for a lead', () => {
  it('when a concerns lead is registered after a concern was raised, then the next hourly run sends it to them, once', async () => {
    const { clock, store, messenger, logger, deps } = await concernWithNoLead();
    const before = await runDueJobs(deps, clock.set('2026-11-23T10:00:00Z'));
    expect(before.find((r) => r.job === 'concern-notices')).toMatchObject({ status: 'done', detail: '1 waiting, no concerns lead registered' });

    await store.transact((tx) => tx.insert('people', tenantId, lead).then(() => undefined), { actor: 'cli:admin' });
    const after = await runDueJobs(deps, clock.set('2026-11-23T11:00:05Z'));
    await runDueJobs(deps, clock.set('2026-11-23T12:00:05Z'));

    expect(after.find((r) => r.job === 'concern-notices')).toMatchObject({ status: 'done', dueAt: '2026-11-23T11:00:00.000Z', detail: '1 waiting, 1 sent, 0 queued, 0 undeliverable, 0 in the outbox' });
    expect(toLead(messenger)).toHaveLength(1);
    expect(toLead(messenger)[0]!.message.text).toContain(CONCERN);
    expect(messenger.toPeople).toHaveLength(toLead(messenger).length + 1); // and the day's one health-check reminder
    const [concern] = await store.find('concerns', tenantId);
    expect(concern!.leadNotifiedAt).toBe('2026-11-23T11:00:05.000Z');

    // The text was read at send time: it is in the concern and the lead's chat, nowhere else the bot keeps or writes.
    const dump = await store.dump();
    for (const collection of ['jobRuns', 'outbox', 'audit'] as const) expect(JSON.stringify(dump.collections[collection])).not.toContain('afraid');
    expect((await store.find('jobRuns', tenantId, { job: 'concern-notices' })).map((r) => r.detail)).toEqual([
      '1 waiting, 1 sent, 0 queued, 0 undeliverable, 0 in the outbox',
    ]);
    expect(logger.lines.join('\n')).not.toContain('afraid');
  });

  it('when the lead has already marked the concern handled (reading it in their list), then no notice is sent', async () => {
    const { clock, store, messenger, deps } = await concernWithNoLead();
    const [concern] = await store.find('concerns', tenantId);
    await store.transact(
      async (tx) => {
        await tx.insert('people', tenantId, lead);
        await tx.update('concerns', tenantId, concern!.id, 'any', { handled: { at: '2026-11-23T09:30:00Z', by: lead.id! } });
      },
      { actor: 'test' },
    );

    expect(await concernNoticesJob.run(deps, clock.set('2026-11-23T10:00:00Z'))).toMatchObject({ detail: expect.stringMatching(/^0 waiting/), busy: false });
    expect(toLead(messenger)).toHaveLength(0);
  });

  it('when the lead cannot be reached now, then the notice waits in the outbox and the hourly run leaves it to the outbox', async () => {
    const { clock, store, messenger, deps } = await concernWithNoLead();
    await store.transact((tx) => tx.insert('people', tenantId, lead).then(() => undefined), { actor: 'cli:admin' });
    messenger.script.then('retryable');

    const first = await concernNoticesJob.run(deps, clock.set('2026-11-23T10:00:00Z'));
    const second = await concernNoticesJob.run({ ...deps, clock: fixedClock('2026-11-23T10:00:30Z') }, new Date('2026-11-23T10:00:00Z'));

    expect(first).toEqual({ detail: '1 waiting, 0 sent, 1 queued, 0 undeliverable, 0 in the outbox', busy: true });
    expect(second).toEqual({ detail: '1 waiting, 0 sent, 0 queued, 0 undeliverable, 1 in the outbox', busy: false });
    expect(toLead(messenger)).toHaveLength(0);
    const [queued] = await store.find('outbox', tenantId);
    expect(queued!.payload).toMatchObject({ content: { kind: 'concern' } });
    expect(JSON.stringify(queued)).not.toContain('afraid');
  });

  it('when two people hold the role (a register from before there was one named lead), then it is sent to neither and the run says why', async () => {
    const { clock, store, messenger, deps } = await concernWithNoLead();
    const second = aConcernsLead('Cara Second');
    await store.transact(
      async (tx) => {
        await tx.insert('people', tenantId, lead);
        await tx.insert('people', tenantId, second);
      },
      { actor: 'test' },
    );
    expect(await concernNoticesJob.run(deps, clock.set('2026-11-23T10:00:00Z'))).toEqual({ detail: '1 waiting, more than one person holds the concerns lead role', busy: false });
    expect(messenger.toPeople.filter((m) => [lead.email, second.email].includes(m.to.email))).toEqual([]);
  });
});
