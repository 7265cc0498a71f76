import { DeliveryError } from '../../domain/errors.js';
import type { NotifyPerson } from '../notices/notify-person.js';
import type { DeliveryDeps } from './attempt.js';
import { deliver } from './deliver.js';

/**
 * The `NotifyPerson` port (src/app/notices) served by `deliver`: Teams, else e-mail, else the outbox.
 * When the person cannot be reached at all (no Teams account known and no e-mail set up) there is nothing
 * to record as a notice, so it throws a DeliveryError whose message says so, for the officer.
 */
export function notifyPersonBy(deps: DeliveryDeps): NotifyPerson {
  return async (tenantId, notice) => {
    const { subject, html } = notice.mail;
    const outcome = await deliver(deps, {
      tenantId,
      to: { recipient: notice.to },
      content: { kind: 'message', message: notice.message, mail: { subject, html } },
      about: subject,
      requestedBy: notice.requestedBy,
      idempotencyKey: notice.idempotencyKey,
    });
    if (outcome.status === 'sent') return outcome.via;
    if (outcome.status === 'queued') return 'queued';
    throw new DeliveryError(outcome.message, false);
  };
}
