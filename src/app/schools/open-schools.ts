import type { School } from '../../domain/school.js';
import type { StoreReader } from '../ports/store.port.js';

/**
 * The schools still open: the register every list, lookup and reminder works from. A school closed since the
 * last GIAS import keeps its records (they can still be opened by id) but no new work, list line or reminder.
 */
export function openSchools(store: StoreReader, tenantId: string): Promise<School[]> {
  return store.find('schools', tenantId, { status: 'open' });
}
