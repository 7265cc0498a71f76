import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { MAX_HANDLED_NOTE_LENGTH } from '../../domain/concern.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { Zone } from '../../domain/time-zone.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store } from '../ports/store.port.js';
import { concernOf, requireConcernsLead, type ConcernView } from './concern-view.js';
import { openConcern } from './open-concern.js';

/** The card input the lead's note is typed into, named in a refusal so the card can show it beside the box. */
export const HANDLED_NOTE_FIELD = 'handledNote';

export interface MarkHandledResult {
  view: ConcernView;
  /** True when it had already been marked handled: nothing was changed by this press. */
  already: boolean;
}

/**
 * The concerns lead marks a concern handled, with an optional note of their own (kept in the concern, read by
 * no one else). It is marked once: a second press (a double click, a Teams retry, the same card pressed again
 * later) changes nothing and says when it was marked. The audit trail records `concern.handled` on the record,
 * never the note.
 */
export async function markConcernHandled(
  deps: { store: Store; clock: Clock; builtInTemplates: readonly AgendaTemplate[] },
  tenantId: string,
  actor: Person,
  concernId: string,
  note: string | undefined,
  timeZone: Zone,
): Promise<MarkHandledResult> {
  requireConcernsLead(actor);
  const kept = note?.trim() || undefined;
  if (kept && kept.length > MAX_HANDLED_NOTE_LENGTH) {
    throw new InvalidInputError(`Keep the note under ${MAX_HANDLED_NOTE_LENGTH.toLocaleString('en-GB')} characters.`, HANDLED_NOTE_FIELD);
  }
  const { value: already } = await deps.store.transact(
    async (tx) => {
      const concern = await concernOf(tx, tenantId, actor, concernId);
      if (concern.handled) return true;
      // Any version: the only other write to a concern is delivery stamping when the lead was told, which this
      // decision never conflicts with; the check above, inside the serialised unit, is what makes it happen once.
      const handled = { at: deps.clock.now().toISOString(), by: actor.id, ...(kept ? { note: kept } : {}) };
      await tx.update('concerns', tenantId, concernId, 'any', { handled }, { action: 'concern.handled' });
      return false;
    },
    { actor: actor.id },
  );
  return { view: await openConcern(deps.store, tenantId, actor, concernId, timeZone, deps.builtInTemplates), already };
}
