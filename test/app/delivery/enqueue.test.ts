import { describe, expect, it } from '@jest/globals';
import { dispatchQueued, enqueueDelivery } from '../../../src/app/delivery/enqueue.js';
import { retryOutbox } from '../../../src/app/delivery/retry-outbox.js';
import type { DeliveryRequest } from '../../../src/app/delivery/delivery-request.js';
import { deliveryWorld, notice, tenantId, type DeliveryWorld } from './delivery-world.js';

const HOUR = 60 * 60_000;

/** A change and its notice to the headteacher, in one unit of work; returns the outbox ids as a use case would. */
async function changeAndQueue(world: DeliveryWorld, extra: Partial<DeliveryRequest> = {}, key?: string) {
  const request: DeliveryRequest = { tenantId, to: { person: world.people.head }, content: notice(), about: 'the health check notice', requestedBy: world.people.officer, ...extra };
  return world.store.transact(
    async (tx) => {
      await tx.update('people', tenantId, world.people.head, 'any', { name: 'Hannah Head' });
      return [await enqueueDelivery(tx, request, world.clock.now())];
    },
    { actor: world.people.officer, idempotencyKey: key },
  );
}

describe('enqueueDelivery and dispatchQueued (notifications recorded with their change)', () => {
  it('when the unit commits and is dispatched, then the notice goes once, is marked sent, and a second dispatch sends nothing', async () => {
    const world = await deliveryWorld();
    const { value: ids } = await changeAndQueue(world);
    const [first] = await dispatchQueued(world.deps, tenantId, ids);
    expect(first).toEqual({ outboxId: ids[0], name: 'Hannah Head', outcome: { status: 'sent', via: 'teams', replayed: false } });
    expect(await world.store.get('outbox', tenantId, ids[0]!)).toMatchObject({ status: 'sent', attempts: 1 });

    const [again] = await dispatchQueued(world.deps, tenantId, ids);
    expect(again!.outcome).toEqual({ status: 'sent', via: 'teams', replayed: true });
    expect(world.messenger.toPeople).toHaveLength(1);
  });

  it('when a notice has gone by e-mail, then its item no longer holds the message, and a second dispatch still names the person and the way it went', async () => {
    const world = await deliveryWorld();
    world.messenger.script.then('unreachable');
    const { value: ids } = await changeAndQueue(world);
    const [first] = await dispatchQueued(world.deps, tenantId, ids);
    expect(first!.outcome).toEqual({ status: 'sent', via: 'mail', replayed: false });

    const item = await world.store.get('outbox', tenantId, ids[0]!);
    expect(item!.payload).toEqual({ about: 'the health check notice', to: { person: world.people.head }, sentVia: 'mail' });
    const [again] = await dispatchQueued(world.deps, tenantId, ids);
    expect(again).toEqual({ outboxId: ids[0], name: 'Hannah Head', outcome: { status: 'sent', via: 'mail', replayed: true } });
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('when the process dies after the commit, then the outbox job sends it, once, and a later dispatch sends nothing more', async () => {
    const world = await deliveryWorld();
    const { value: ids } = await changeAndQueue(world);
    const runs = await Promise.all([retryOutbox(world.deps, tenantId, world.clock.now()), retryOutbox(world.deps, tenantId, world.clock.now())]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(world.messenger.toPeople).toHaveLength(1);
    await dispatchQueued(world.deps, tenantId, ids);
    expect(world.messenger.toPeople).toHaveLength(1);
  });

  it('when the unit fails, then nothing is queued and nothing sent', async () => {
    const world = await deliveryWorld();
    await expect(
      world.store.transact(
        async (tx) => {
          await enqueueDelivery(tx, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice' }, world.clock.now());
          throw new Error('the change was refused');
        },
        { actor: 'test' },
      ),
    ).rejects.toThrow('the change was refused');
    expect(await world.store.find('outbox', tenantId)).toEqual([]);
    expect(await retryOutbox(world.deps, tenantId, world.clock.advance(HOUR))).toMatchObject({ due: 0 });
  });

  it.each([
    ['an empty person', { person: '' }],
    ['a recipient whose e-mail is not an address', { recipient: { name: 'Rita Recipient', email: 'not-an-address' } }],
    ['a channel the bot has no purpose for', { channel: 'staffroom' }],
    ['a message without its id', { message: { conversation: {}, activityId: '' } }],
    ['nobody at all', { someone: 'Hannah Head' }],
  ])('when a notice names %s, then the unit is refused and nothing is queued', async (_what, to) => {
    const world = await deliveryWorld();
    const before = await world.store.get('people', tenantId, world.people.head);
    await expect(changeAndQueue(world, { to: to as DeliveryRequest['to'] })).rejects.toThrow();
    expect(await world.store.find('outbox', tenantId)).toEqual([]);
    // The change it went with is not made either.
    expect((await world.store.get('people', tenantId, world.people.head))?.version).toBe(before?.version);
  });

  it('when notices go to a recipient known only by e-mail and to the message that held a card, then each is queued as it was named and sent', async () => {
    const world = await deliveryWorld();
    const message = { conversation: { serviceUrl: 'https://smba.example/', conversation: { id: 'a:chat' } }, activityId: 'card-1' };
    const { value: ids } = await world.store.transact(
      async (tx) => [
        await enqueueDelivery(tx, { tenantId, to: { recipient: { name: 'Rita Recipient', email: 'rita@school.example' } }, content: notice(), about: 'the copy' }, world.clock.now()),
        await enqueueDelivery(tx, { tenantId, to: { message }, content: notice(), about: 'the card for everyone' }, world.clock.now()),
      ],
      { actor: 'test' },
    );
    expect((await world.store.get('outbox', tenantId, ids[0]!))?.payload).toMatchObject({ to: { recipient: { name: 'Rita Recipient', email: 'rita@school.example' } } });
    expect((await world.store.get('outbox', tenantId, ids[1]!))?.payload).toMatchObject({ to: { message } });
    const sent = await dispatchQueued(world.deps, tenantId, ids);
    expect(sent.map((s) => [s.name, s.outcome.status])).toEqual([
      ['Rita Recipient', 'sent'],
      ['everyone in the chat', 'sent'],
    ]);
  });

  it('when Teams and mail are down, then the officer is told it waits, and the outbox sends it after the back-off', async () => {
    const world = await deliveryWorld();
    world.messenger.script.then('retryable');
    world.mailer.script.then('retryable');
    const { value: ids } = await changeAndQueue(world);
    const [queued] = await dispatchQueued(world.deps, tenantId, ids);
    expect(queued!.outcome).toEqual({ status: 'queued', outboxId: ids[0], message: "Couldn't reach Hannah Head now; I'll keep trying and tell you if it fails." });
    expect(await retryOutbox(world.deps, tenantId, world.clock.now())).toMatchObject({ due: 0 });
    expect(await retryOutbox(world.deps, tenantId, world.clock.advance(HOUR))).toMatchObject({ due: 1, sent: 1 });
    expect(await world.store.get('outbox', tenantId, ids[0]!)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when the person cannot be reached at all, then the outcome says why and the item is given up', async () => {
    const world = await deliveryWorld({ mail: false });
    const { value: ids } = await changeAndQueue(world, { to: { person: world.people.noTeams } });
    const [told] = await dispatchQueued(world.deps, tenantId, ids);
    expect(told!.outcome).toMatchObject({ status: 'undeliverable', message: expect.stringContaining('no Microsoft Teams account') });
    expect(await world.store.get('outbox', tenantId, ids[0]!)).toMatchObject({ status: 'failed' });
  });

  it('when the unit is replayed or the same key is queued again, then one item exists and it is sent once', async () => {
    const world = await deliveryWorld();
    const first = await changeAndQueue(world, { idempotencyKey: 'hc.notice:1' }, 'unit-1');
    const replay = await changeAndQueue(world, { idempotencyKey: 'hc.notice:1' }, 'unit-1');
    const sameKey = await changeAndQueue(world, { idempotencyKey: 'hc.notice:1' }, 'unit-2');
    expect(replay).toEqual({ value: first.value, replayed: true });
    expect(sameKey.value).toEqual(first.value);
    for (const ids of [first.value, replay.value, sameKey.value]) await dispatchQueued(world.deps, tenantId, ids);
    expect(world.messenger.toPeople).toHaveLength(1);
    const [item] = await world.store.find('outbox', tenantId);
    // The id says nothing of what it is or for whom; the key is kept beside it.
    expect(item!.id).not.toContain('hc.notice');
    expect(item!.key).toBe('hc.notice:1');
  });
});
