import { InvalidInputError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { StoreReader } from '../ports/store.port.js';

/** The person recorded with the e-mail (any case); one clear line when nobody is. */
export async function personByEmail(store: StoreReader, tenantId: string, email: string): Promise<Person> {
  const [person] = await store.find('people', tenantId, { email: email.trim().toLowerCase() });
  if (!person) throw new InvalidInputError(`Nobody with the e-mail ${email.trim()} is recorded: check the address, or list people with export.`);
  return person;
}
