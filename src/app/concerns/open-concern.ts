import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { StoreReader } from '../ports/store.port.js';
import { requireConcernsLead, viewConcerns, type ConcernView } from './concern-view.js';

/** One concern in full, text and the lead's note included: for the concerns lead only, checked before it is read. */
export async function openConcern(
  store: StoreReader,
  tenantId: string,
  actor: Person,
  concernId: string,
  timeZone: string,
  builtIns: readonly AgendaTemplate[],
): Promise<ConcernView> {
  requireConcernsLead(actor);
  const concern = await store.get('concerns', tenantId, concernId);
  if (!concern) throw new NotFoundError('The concern', concernId);
  return (await viewConcerns(store, tenantId, [concern], timeZone, builtIns))[0]!;
}
