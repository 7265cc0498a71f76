import { describe, expect, it } from '@jest/globals';
import { AfterAnswerDispatcher } from '../../../src/app/delivery/after-answer.js';
import { enqueueDelivery } from '../../../src/app/delivery/enqueue.js';
import { retryOutbox } from '../../../src/app/delivery/retry-outbox.js';
import type { Logger } from '../../../src/app/ports/logger.port.js';
import type { OutgoingMessage, Recipient, SendOutcome } from '../../../src/app/ports/messenger.port.js';
import { deliveryWorld, FakeMessenger, notice, tenantId, type DeliveryWorld } from './delivery-world.js';

/** A Teams that holds every message until the test lets them go, as a busy Bot Connector does. */
class HeldMessenger extends FakeMessenger {
  private readonly held: Array<() => void> = [];

  override async sendToPerson(t: string, to: Recipient, message: OutgoingMessage): Promise<SendOutcome> {
    await new Promise<void>((resolve) => this.held.push(resolve));
    return super.sendToPerson(t, to, message);
  }

  waiting(): number {
    return this.held.length;
  }

  release(): void {
    for (const go of this.held.splice(0)) go();
  }
}

/** A press that records one notice to the headteacher, as a use case does; returns its outbox ids. */
async function press(world: DeliveryWorld, text: string): Promise<string[]> {
  const { value } = await world.store.transact(async (tx) => [await enqueueDelivery(tx, { tenantId, to: { person: world.people.head }, content: notice(text), about: 'the notice', requestedBy: world.people.officer }, world.clock.now())], {
    actor: world.people.officer,
  });
  return value;
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 1));
};

describe('AfterAnswerDispatcher (sends after the answer, bounded)', () => {
  it('when more presses arrive than may be sent at once, then the extra ones wait in the outbox, untried, and the outbox job sends each once', async () => {
    const world = await deliveryWorld();
    const messenger = new HeldMessenger();
    const warnings: unknown[] = [];
    const logger = { ...world.deps.logger, warn: (fields: unknown) => warnings.push(fields) } as Logger;
    const dispatcher = new AfterAnswerDispatcher({ ...world.deps, messenger, logger }, 2);

    const ids = [await press(world, 'First'), await press(world, 'Second'), await press(world, 'Third'), await press(world, 'Fourth')];
    for (const pressed of ids) dispatcher.dispatch(tenantId, pressed);
    await until(() => messenger.waiting() === 2);
    // The third and fourth were not even claimed: nothing of them is held in memory, the outbox has them due now.
    for (const id of [ids[2]![0]!, ids[3]![0]!]) expect(await world.store.get('outbox', tenantId, id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(warnings).toHaveLength(1);

    messenger.release();
    await dispatcher.idle();
    expect(messenger.toPeople.map((m) => m.message.text)).toEqual(['First', 'Second']);

    const job = retryOutbox({ ...world.deps, messenger }, tenantId, world.clock.now());
    await until(() => messenger.waiting() === 1);
    messenger.release();
    await until(() => messenger.waiting() === 1);
    messenger.release();
    expect(await job).toMatchObject({ due: 2, sent: 2 });
    expect(messenger.toPeople.map((m) => m.message.text)).toEqual(['First', 'Second', 'Third', 'Fourth']);
    for (const pressed of ids) expect(await world.store.get('outbox', tenantId, pressed[0]!)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('when the earlier sends have gone, then the next press is sent at once again', async () => {
    const world = await deliveryWorld();
    const messenger = new HeldMessenger();
    const dispatcher = new AfterAnswerDispatcher({ ...world.deps, messenger }, 1);
    dispatcher.dispatch(tenantId, await press(world, 'First'));
    const skipped = await press(world, 'Skipped');
    dispatcher.dispatch(tenantId, skipped);
    await until(() => messenger.waiting() === 1);
    messenger.release();
    await dispatcher.idle();

    dispatcher.dispatch(tenantId, await press(world, 'Later'));
    await until(() => messenger.waiting() === 1);
    messenger.release();
    await dispatcher.idle();
    expect(messenger.toPeople.map((m) => m.message.text)).toEqual(['First', 'Later']);
    expect(await world.store.get('outbox', tenantId, skipped[0]!)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
