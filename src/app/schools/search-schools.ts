import { matchSchools, type School } from '../../domain/school.js';
import { openSchools } from './open-schools.js';
import type { StoreReader } from '../ports/store.port.js';

/** Teams shows at most this many results in a type-ahead drop-down, whatever it asks for. */
export const MAX_SEARCH_RESULTS = 15;

/** Which page of results a type-ahead asks for. */
export interface SearchPage {
  skip: number;
  top: number;
}

/**
 * The open schools of a tenant whose name has a word starting with what was typed (or whose URN it is), as a
 * school-choice type-ahead offers them: the page asked for, at most MAX_SEARCH_RESULTS. Nothing typed, nothing offered.
 */
export async function searchSchools(store: StoreReader, tenantId: string, query: string, page: SearchPage): Promise<School[]> {
  const q = query.trim();
  if (!q) return [];
  const skip = Math.max(0, Math.floor(page.skip) || 0);
  const top = Math.min(MAX_SEARCH_RESULTS, Math.max(0, Math.floor(page.top) || MAX_SEARCH_RESULTS));
  return matchSchools(await openSchools(store, tenantId), q).slice(skip, skip + top);
}
