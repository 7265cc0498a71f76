import { describe, expect, it } from '@jest/globals';
import { deliver } from '../../../src/app/delivery/deliver.js';
import { deliveryWorld, notice, tenantId, type DeliveryWorld } from './delivery-world.js';

const CONCERN_TEXT = 'The safeguarding lead said a pupil disclosed something that was not passed on.';

async function raiseConcern(world: DeliveryWorld): Promise<string> {
  const { value } = await world.store.transact(
    (tx) =>
      tx
        .insert('concerns', tenantId, { visitId: 'visit-1', schoolUrn: world.school.urn, raisedBy: world.people.officer, text: CONCERN_TEXT, raisedAt: world.clock.now().toISOString() })
        .then((c) => c.id),
    { actor: world.people.officer },
  );
  return value;
}

describe('deliver', () => {
  it('when the headteacher is reachable in Teams, then the notice goes there and nothing is queued or mailed', async () => {
    const world = await deliveryWorld();

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the health check notice' });

    expect(outcome).toEqual({ status: 'sent', via: 'teams', replayed: false });
    expect(world.messenger.toPeople.map((m) => m.to.name)).toEqual(['Hannah Head']);
    expect(world.mailer.sent).toEqual([]);
    expect(await world.store.find('outbox', tenantId)).toEqual([]);
  });

  it('when the person cannot be reached in Teams, then the e-mail version goes to their address', async () => {
    const world = await deliveryWorld();
    world.messenger.script.then('unreachable');

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the health check notice' });

    expect(outcome).toEqual({ status: 'sent', via: 'mail', replayed: false });
    expect(world.mailer.sent).toEqual([{ to: ['hannah.head@school.example.org'], subject: 'Health check: please acknowledge', html: expect.stringContaining('acknowledge') }]);
  });

  it('when the person has no Teams account and mail is not set up, then the officer is told they cannot be reached, and nothing is queued', async () => {
    const world = await deliveryWorld({ mail: false });

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.noTeams }, content: notice(), about: 'the note', requestedBy: world.people.officer });

    expect(outcome.status).toBe('undeliverable');
    expect(outcome.status === 'undeliverable' && outcome.message).toBe(
      "Couldn't reach Nadia NoTeams: they have no Microsoft Teams account known to the bot; e-mail is not set up for the bot.",
    );
    expect(world.messenger.script.calls).toBe(0);
    expect(await world.store.find('outbox', tenantId)).toEqual([]);
  });

  it('when Teams and e-mail both fail with errors that may pass, then the notice is queued and the officer is told it will be retried', async () => {
    const world = await deliveryWorld();
    world.messenger.script.then('retryable');
    world.mailer.script.then('retryable');

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the health check notice', requestedBy: world.people.officer });

    expect(outcome).toMatchObject({ status: 'queued', message: "Couldn't reach Hannah Head now; I'll keep trying and tell you if it fails." });
    const [item] = await world.store.find('outbox', tenantId);
    expect(item).toMatchObject({ status: 'pending', attempts: 1, requestedBy: world.people.officer, kind: 'teams-message' });
    expect(Date.parse(item!.nextAttemptAt)).toBeGreaterThan(world.clock.now().getTime());
    expect(item!.lastError).toContain('Teams is not taking messages');
  });

  it('when Teams fails for now and mail is not set up, then the notice is queued', async () => {
    const world = await deliveryWorld({ mail: false });
    world.messenger.script.then('retryable');

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice' });

    expect(outcome.status).toBe('queued');
  });

  it('when the same notice is delivered twice with one idempotency key, then it is sent once and the second call reports the first', async () => {
    const world = await deliveryWorld();
    const request = { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice', idempotencyKey: 'healthCheck.notice:hc-1' };

    const first = await deliver(world.deps, request);
    const second = await deliver(world.deps, request);

    expect(first).toEqual({ status: 'sent', via: 'teams', replayed: false });
    expect(second).toEqual({ status: 'sent', via: 'teams', replayed: true });
    expect(world.messenger.toPeople).toHaveLength(1);
    // The key is kept beside an opaque id: ids appear in audit events and logs, and say nothing.
    const [item] = await world.store.find('outbox', tenantId);
    expect(item).toMatchObject({ key: 'healthCheck.notice:hc-1', status: 'sent' });
    expect(item!.id).not.toContain('hc-1');
  });

  it('when two instances deliver the same keyed notice at the same moment, then it is sent once', async () => {
    const world = await deliveryWorld();
    const request = { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice', idempotencyKey: 'healthCheck.notice:hc-2' };

    await Promise.all([deliver(world.deps, request), deliver(world.deps, request), deliver(world.deps, request)]);

    expect(world.messenger.toPeople).toHaveLength(1);
  });

  it('when a digest is posted to a channel that is not registered, then it is undeliverable and not queued', async () => {
    const world = await deliveryWorld();
    world.messenger.script.then('unreachable');

    const outcome = await deliver(world.deps, { tenantId, to: { channel: 'sit' }, content: notice('SIT digest'), about: 'the SIT digest' });

    expect(outcome).toMatchObject({ status: 'undeliverable', message: "Couldn't reach the SIT channel: no channel is registered for it." });
    expect(await world.store.find('outbox', tenantId)).toEqual([]);
  });
});

describe('deliver a confidential concern', () => {
  it('when it is delivered, then the lead reads its text in Teams and the record notes when the lead was told', async () => {
    const world = await deliveryWorld();
    const concernId = await raiseConcern(world);

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.lead }, content: { kind: 'concern', concernId }, about: 'your confidential concern' });

    expect(outcome.status).toBe('sent');
    expect(world.messenger.toPeople[0]!.to.name).toBe('Connie Lead');
    expect(world.messenger.toPeople[0]!.message.text).toContain(CONCERN_TEXT);
    expect(world.messenger.toPeople[0]!.message.text).toContain('Oakwood Primary School');
    expect((await world.store.get('concerns', tenantId, concernId))!.leadNotifiedAt).toBe(world.clock.now().toISOString());
  });

  it('when it was raised at 00:30 BST, then the lead reads the day it was raised in TIMEZONE, not UTC', async () => {
    const world = await deliveryWorld();
    world.clock.set('2026-06-30T23:30:00Z');
    const concernId = await raiseConcern(world);

    await deliver(world.deps, { tenantId, to: { person: world.people.lead }, content: { kind: 'concern', concernId }, about: 'your confidential concern' });

    expect(world.messenger.toPeople[0]!.message.text).toContain(`(URN ${world.school.urn}), 2026-07-01:`);
  });

  it('when it has to wait in the outbox, then nothing stored outside the concerns collection holds its text', async () => {
    const world = await deliveryWorld();
    const concernId = await raiseConcern(world);
    world.messenger.script.then('retryable');
    world.mailer.script.then('retryable');

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.lead }, content: { kind: 'concern', concernId }, about: 'your confidential concern' });

    expect(outcome.status).toBe('queued');
    const { collections } = await world.store.dump();
    const { concerns, ...everythingElse } = collections;
    expect(JSON.stringify(concerns)).toContain(CONCERN_TEXT);
    expect(JSON.stringify(everythingElse)).not.toContain('safeguarding lead');
    expect((await world.store.get('concerns', tenantId, concernId))!.leadNotifiedAt).toBeUndefined();
  });

  it('when the lead cannot be reached in Teams, then the e-mail says only that a concern is waiting, without its text or the school', async () => {
    const world = await deliveryWorld();
    const concernId = await raiseConcern(world);
    world.messenger.script.then('unreachable');

    await deliver(world.deps, { tenantId, to: { person: world.people.lead }, content: { kind: 'concern', concernId }, about: 'your confidential concern' });

    expect(world.mailer.sent).toHaveLength(1);
    expect(JSON.stringify(world.mailer.sent[0])).not.toContain('safeguarding');
    expect(JSON.stringify(world.mailer.sent[0])).not.toContain('Oakwood');
    expect(world.mailer.sent[0]!.to).toEqual(['connie.lead@council.example.org']);
  });

  it('when it is addressed to someone who is not the concerns lead, then it is not delivered to them', async () => {
    const world = await deliveryWorld();
    const concernId = await raiseConcern(world);

    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: { kind: 'concern', concernId }, about: 'a confidential concern' });

    expect(outcome).toMatchObject({ status: 'undeliverable', reason: 'Hannah Head is no longer the concerns lead' });
    expect(world.messenger.toPeople).toEqual([]);
    expect(world.mailer.sent).toEqual([]);
  });
});
