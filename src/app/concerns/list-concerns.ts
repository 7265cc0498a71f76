import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { concernsOf, viewConcerns, type ConcernView } from './concern-view.js';

/** One line of the lead's list: who, where and when, never what (the text and the lead's note stay in `openConcern`). */
export type ConcernListRow = Omit<ConcernView, 'text' | 'handled'> & { handledOn?: string };

/**
 * `confidential`, for the concerns lead: their confidential concerns, newest first. There is one named lead
 * per organisation; the lead's concerns are those raised to them, handed over to them, or raised while nobody
 * held the role. A former lead reads none.
 */
export async function listConcerns(store: StoreReader, tenantId: string, actor: Person, timeZone: Zone, builtIns: readonly AgendaTemplate[]): Promise<ConcernListRow[]> {
  const concerns = await concernsOf(store, tenantId, actor);
  return (await viewConcerns(store, tenantId, concerns, timeZone, builtIns)).map(({ text: _text, handled, ...row }) => ({ ...row, handledOn: handled?.on }));
}
