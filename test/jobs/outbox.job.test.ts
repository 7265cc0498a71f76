import { describe, expect, it } from '@jest/globals';
import { deliver } from '../../src/app/delivery/deliver.js';
import { runOutbox } from '../../src/jobs/outbox.job.js';
import { deliveryWorld, notice, tenantId } from '../app/delivery/delivery-world.js';

describe('outbox job', () => {
  it('when run for a time at which a queued notice is due, then the notice is sent', async () => {
    const world = await deliveryWorld();
    world.messenger.script.then('retryable');
    world.mailer.script.then('retryable');
    await deliver(world.deps, { tenantId, to: { person: world.people.head }, content: notice(), about: 'the notice' });

    const summary = await runOutbox({ ...world.deps, tenantId }, world.clock.advance(60 * 60_000));

    expect(summary).toMatchObject({ due: 1, sent: 1 });
    expect(world.messenger.toPeople).toHaveLength(1);
  });
});
