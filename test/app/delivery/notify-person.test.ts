import { describe, expect, it } from '@jest/globals';
import { notifyPersonBy } from '../../../src/app/delivery/notify-person.js';
import { DeliveryError } from '../../../src/domain/errors.js';
import type { Recipient } from '../../../src/app/ports/messenger.port.js';
import { deliveryWorld, tenantId } from './delivery-world.js';

const headteacher: Recipient = { name: 'Hannah Head', email: 'hannah.head@school.example.org', aadObjectId: 'aad-hannah' };
const personNotice = (key: string, to: Recipient = headteacher) => ({
  to,
  message: { text: 'Health check for Oakwood Primary School: please acknowledge it.' },
  mail: { to: [to.email], subject: 'Health check for Oakwood Primary School', html: '<p>Please acknowledge.</p>' },
  requestedBy: 'person-olivia.officer',
  idempotencyKey: key,
});

describe('notifyPersonBy (the NotifyPerson port over deliver)', () => {
  it('when the headteacher is told in Teams, by e-mail, or queued, then the notice says which', async () => {
    const world = await deliveryWorld();
    const notify = notifyPersonBy(world.deps);

    expect(await notify(tenantId, personNotice('n-1'))).toBe('teams');
    world.messenger.script.then('unreachable');
    expect(await notify(tenantId, personNotice('n-2'))).toBe('mail');
    world.messenger.script.then('retryable');
    world.mailer.script.then('retryable');
    expect(await notify(tenantId, personNotice('n-3'))).toBe('queued');
  });

  it('when the same notice is given twice, then it is sent once', async () => {
    const world = await deliveryWorld();
    const notify = notifyPersonBy(world.deps);

    await notify(tenantId, personNotice('n-4'));
    await notify(tenantId, personNotice('n-4'));

    expect(world.messenger.toPeople).toHaveLength(1);
  });

  it('when the person cannot be reached at all, then a DeliveryError tells the officer why', async () => {
    const world = await deliveryWorld({ mail: false });
    const notify = notifyPersonBy(world.deps);

    const error = await notify(tenantId, personNotice('n-5', { name: headteacher.name, email: headteacher.email })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as Error).message).toBe("Couldn't reach Hannah Head: they have no Microsoft Teams account known to the bot; e-mail is not set up for the bot.");
  });
});
