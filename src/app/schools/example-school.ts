import { shortSchoolName, type School } from '../../domain/school.js';
import { openSchools } from './open-schools.js';
import { startingSchools, type SchoolChooser } from './find-school.js';
import type { StoreReader } from '../ports/store.port.js';

/**
 * The school `help`'s examples name for this person among these open schools, as they would type it: the first of
 * the schools a command typed with no school offers them (`startingSchools`: their own, else the register's first
 * alphabetically), by the shortest start of its name that finds it alone. Undefined when there is no school.
 */
export function exampleSchoolAmong(schools: readonly School[], person: SchoolChooser): string | undefined {
  const [first] = startingSchools(schools, person);
  return first ? shortSchoolName(schools, first) : undefined;
}

/** `exampleSchoolAmong` the tenant's open schools. */
export async function exampleSchool(store: StoreReader, tenantId: string, person: SchoolChooser): Promise<string | undefined> {
  return exampleSchoolAmong(await openSchools(store, tenantId), person);
}
