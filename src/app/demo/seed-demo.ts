import type { Clock } from '../ports/clock.port.js';
import type { Store, StoreReader } from '../ports/store.port.js';
import { demoPeople, demoSchools, isDemoRecord } from './demo-data.js';

/**
 * Fills an empty tenant with the demo schools and people, so the bot can be tried in the Agents
 * Playground straight away. It seeds only when the tenant has neither schools nor people, checked
 * inside the same transaction that writes, so real data is never mixed with demo data and two
 * instances starting together seed once. Returns whether it seeded.
 */
export async function seedDemoData(store: Store, tenantId: string, clock: Clock): Promise<boolean> {
  const trainedOn = clock.now().toISOString().slice(0, 10);
  const { value } = await store.transact(
    async (tx) => {
      const [schools, people] = await Promise.all([tx.find('schools', tenantId), tx.find('people', tenantId)]);
      if (schools.length || people.length) return false;
      for (const school of demoSchools) await tx.insert('schools', tenantId, school, { action: 'demo.seeded' });
      for (const person of demoPeople(trainedOn)) await tx.insert('people', tenantId, person, { action: 'demo.seeded' });
      return true;
    },
    { actor: 'system', serializable: true },
  );
  return value;
}

/** Whether the tenant holds schools or people that are not the demo's: imported, real data. */
export async function holdsImportedData(store: StoreReader, tenantId: string): Promise<boolean> {
  const [schools, people] = await Promise.all([store.find('schools', tenantId), store.find('people', tenantId)]);
  return [...schools, ...people].some((r) => !isDemoRecord(r));
}
