import { describe, expect, it } from '@jest/globals';
import { deliver } from '../../../src/app/delivery/deliver.js';
import { outboxRetryPolicy } from '../../../src/app/delivery/outbox.js';
import { retryOutbox } from '../../../src/app/delivery/retry-outbox.js';
import { deliveryWorld, notice, tenantId, type DeliveryWorld } from './delivery-world.js';

/** Queues a notice to the headteacher (Teams and mail both failing for now), asked for by the officer. */
async function queueNotice(world: DeliveryWorld, about = 'the health check notice for Oakwood Primary School') {
  world.messenger.script.then('retryable');
  world.mailer.script.then('retryable');
  const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about, requestedBy: world.people.officer });
  if (outcome.status !== 'queued') throw new Error(`expected the notice to be queued, got ${outcome.status}`);
  return outcome.outboxId;
}

const HOUR = 60 * 60_000;

describe('retryOutbox', () => {
  it('when a queued notice is not yet due, then nothing is sent; once due, it is sent once and marked sent', async () => {
    const world = await deliveryWorld();
    const id = await queueNotice(world);

    expect(await retryOutbox(world.deps, tenantId, world.clock.now())).toMatchObject({ due: 0, sent: 0 });
    expect(world.messenger.toPeople).toEqual([]);

    const summary = await retryOutbox(world.deps, tenantId, world.clock.advance(2 * 60_000));

    expect(summary).toMatchObject({ due: 1, sent: 1 });
    expect(world.messenger.toPeople.map((m) => m.message.text)).toEqual([notice().message.text]);
    expect(await world.store.get('outbox', tenantId, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await retryOutbox(world.deps, tenantId, world.clock.advance(HOUR))).toMatchObject({ due: 0, sent: 0 });
    expect(world.messenger.toPeople).toHaveLength(1);
  });

  it('when it keeps failing, then it is retried further and further apart, and after the last attempt the officer is told in Teams', async () => {
    const world = await deliveryWorld();
    const id = await queueNotice(world);
    world.mailer.script.always('retryable');
    const waits: number[] = [];
    let item = (await world.store.get('outbox', tenantId, id))!;

    while (item.status === 'pending') {
      const due = new Date(item.nextAttemptAt);
      waits.push(due.getTime() - world.clock.now().getTime());
      world.clock.set(item.nextAttemptAt);
      // Teams fails for every attempt at the headteacher, and works for the officer's notice at the end.
      world.messenger.script.then('retryable');
      await retryOutbox(world.deps, tenantId, due);
      item = (await world.store.get('outbox', tenantId, id))!;
    }

    expect(item).toMatchObject({ status: 'failed', attempts: outboxRetryPolicy.maxAttempts });
    expect(waits).toHaveLength(outboxRetryPolicy.maxAttempts - 1);
    expect(waits[waits.length - 1]!).toBeGreaterThan(waits[0]! * 8);
    const told = world.messenger.toPeople.find((m) => m.to.name === 'Olivia Officer');
    expect(told?.message.text).toBe(
      `I couldn't deliver the health check notice for Oakwood Primary School to Hannah Head after ${outboxRetryPolicy.maxAttempts} tries ` +
        '(Teams is not taking messages just now (503 after 2 attempts); Microsoft Graph is not taking messages just now (503 after 2 attempts)). ' +
        'Please get in touch with them another way.',
    );
    expect(world.messenger.toPeople.filter((m) => m.to.name === 'Hannah Head')).toEqual([]);
  });

  it('when two instances run the outbox at the same moment, then each due item is sent exactly once', async () => {
    const world = await deliveryWorld();
    await queueNotice(world, 'notice one');
    await queueNotice(world, 'notice two');
    await queueNotice(world, 'notice three');
    const at = world.clock.advance(HOUR);

    const runs = await Promise.all([retryOutbox(world.deps, tenantId, at), retryOutbox(world.deps, tenantId, at), retryOutbox(world.deps, tenantId, at)]);

    expect(world.messenger.toPeople).toHaveLength(3);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(3);
    // Every run saw the three items due; the ones a run did not send, another had claimed first.
    expect(runs.map((r) => r.due)).toEqual([3, 3, 3]);
    expect(runs.reduce((n, r) => n + r.skipped, 0)).toBe(6);
  });

  it('when the person stopped being reachable at all, then the item fails at once and the officer is told', async () => {
    const world = await deliveryWorld({ mail: false });
    world.messenger.script.then('retryable');
    const outcome = await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice', requestedBy: world.people.officer });
    world.messenger.script.then('unreachable');

    const summary = await retryOutbox(world.deps, tenantId, world.clock.advance(HOUR));

    expect(summary).toMatchObject({ due: 1, failed: 1 });
    expect(await world.store.get('outbox', tenantId, outcome.status === 'queued' ? outcome.outboxId : '')).toMatchObject({ status: 'failed', attempts: 2 });
    expect(world.messenger.toPeople.map((m) => m.to.name)).toEqual(['Olivia Officer']);
  });

  it('when a queued concern is finally sent, then its text is read from the concerns collection at that moment', async () => {
    const world = await deliveryWorld();
    const { value: concernId } = await world.store.transact(
      (tx) =>
        tx
          .insert('concerns', tenantId, { visitId: 'visit-1', schoolUrn: world.school.urn, raisedBy: world.people.officer, text: 'A confidential matter.', raisedAt: world.clock.now().toISOString() })
          .then((c) => c.id),
      { actor: world.people.officer },
    );
    world.messenger.script.then('retryable');
    world.mailer.script.then('retryable');
    await deliver(world.deps, { tenantId, to: { person: world.people.lead }, content: { kind: 'concern', concernId }, about: 'your confidential concern' });

    await retryOutbox(world.deps, tenantId, world.clock.advance(HOUR));

    expect(world.messenger.toPeople.map((m) => [m.to.name, m.message.text.includes('A confidential matter.')])).toEqual([['Connie Lead', true]]);
    expect((await world.store.get('concerns', tenantId, concernId))!.leadNotifiedAt).toBeDefined();
  });

  it('when done items are older than 30 days, then they are removed and pending ones are kept', async () => {
    const world = await deliveryWorld();
    await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice', idempotencyKey: 'k-1' });
    await queueNotice(world);
    world.mailer.script.always('retryable');
    world.messenger.script.always('retryable');

    const summary = await retryOutbox(world.deps, tenantId, world.clock.advance(31 * 24 * HOUR));

    expect(summary.removed).toBe(1);
    expect((await world.store.find('outbox', tenantId)).map((i) => i.status)).toEqual(['pending']);
  });
});
