import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { concernOf, viewConcerns, type ConcernView } from './concern-view.js';

/** One concern in full, text and the lead's note included: for its concerns lead only, checked before it is shown. */
export async function openConcern(
  store: StoreReader,
  tenantId: string,
  actor: Person,
  concernId: string,
  timeZone: Zone,
  builtIns: readonly AgendaTemplate[],
): Promise<ConcernView> {
  const concern = await concernOf(store, tenantId, actor, concernId);
  return (await viewConcerns(store, tenantId, [concern], timeZone, builtIns))[0]!;
}
