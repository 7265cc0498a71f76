import { isConcernOf } from '../../domain/concern.js';
import { hasRole } from '../../domain/person.js';
import type { Composer } from '../delivery/composer.js';
import { viewConcerns, type ConcernView } from './concern-view.js';

/** The composer name a concern notice is queued under (kept in outbox items: never rename it). */
export const CONCERN_NOTICE_COMPOSER = 'concern.notice';

/**
 * The data a concern card receives, built at send time from the `concerns` record: the concern as the lead
 * reads it with `confidential` (days in TIMEZONE), so the card sent and the card opened later are the same.
 */
export type ConcernCardData = ConcernView;

/**
 * The concerns lead's notice of a confidential concern, built when it is sent from the `concerns` record its
 * ref names (`{ concernId, card? }`), and only for the lead it belongs to at that moment (raised to them or handed
 * over to them; never a former lead): a channel, a contact without a person record or anyone else gets nothing. With `card` the text is in the
 * card only; without it, in the message. The e-mail says only that a concern waits in Teams: neither its text
 * nor the school goes by mail. Once it has gone, the concern records when the lead was told (`leadNotifiedAt`).
 */
export const composeConcernNotice: Composer = async (deps, tenantId, ref, to) => {
  const person = to.person;
  if (!person) return { undeliverable: 'a confidential concern goes only to the concerns lead' };
  if (!hasRole(person, 'concernsLead')) return { undeliverable: `${person.name} is no longer the concerns lead` };
  const concern = ref.concernId ? await deps.store.get('concerns', tenantId, ref.concernId) : undefined;
  if (!concern) return { undeliverable: 'the concern no longer exists' };
  // The one lead it belongs to: after a handover, never the former lead.
  if (!isConcernOf(concern, person)) return { undeliverable: `the concern is no longer ${person.name}'s` };
  // No built-ins needed to name the visit's agenda: a visit's template version is pinned in the store when it starts.
  const data: ConcernView = (await viewConcerns(deps.store, tenantId, [concern], deps.timeZone, []))[0]!;
  const card: ConcernCardData = data;
  const heading = `Confidential concern raised by ${data.raisedByName} ${data.atVisit ? 'at a visit to' : 'about'} ${data.schoolName} (URN ${data.urn}), ${data.raisedOn}`;
  return {
    message: ref.card ? { text: `${heading}.`, card: { name: ref.card, data: card } } : { text: `${heading}:\n\n${data.text}` },
    mail: {
      subject: 'A confidential concern is waiting for you in Teams',
      html: '<p>A visitor has raised a confidential concern for you as concerns lead.</p><p>Open the School Improvement Bot in Microsoft Teams and type <b>confidential</b> to read it.</p>',
    },
    afterSent: async () => {
      await deps.store.transact(
        async (tx) => {
          const current = await tx.get('concerns', tenantId, concern.id);
          if (current && !current.leadNotifiedAt) await tx.update('concerns', tenantId, concern.id, 'any', { leadNotifiedAt: deps.clock.now().toISOString() }, { action: 'concern.leadNotified' });
        },
        { actor: 'system' },
      );
    },
  };
};
