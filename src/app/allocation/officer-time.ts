import { checkAdjustedAllocation, suggestAllocation, type Allocation, type KeptAllocation } from '../../domain/allocation.js';
import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { TimeZone } from '../../domain/time-zone.js';
import type { Store, StoreReader } from '../ports/store.port.js';
import { composeCoverageReport } from '../visits/coverage-report.js';

/** What the allocation needs to read: the date, the time zone of terms, and the agenda templates (for entitlement). */
export interface AllocationContext {
  at: Date;
  timeZone: TimeZone;
  builtIns: readonly AgendaTemplate[];
  /** Visits a year for a school the register gives no number for (VISIT_ENTITLEMENT_DEFAULT). */
  defaultEntitlement: number;
}

/** The fresh suggestion and, beside it, the allocation kept last (with who kept it), if any. */
export interface AllocationView {
  suggestion: Allocation;
  kept?: KeptAllocation & { keptByName: string };
}

function assertOfficer(person: Pick<Person, 'roles'>): void {
  if (!isOfficer(person)) throw new NotAllowedError('Only officers and SIT members can see and keep the allocation of officer time.');
}

async function suggest(store: StoreReader, tenantId: string, person: Person, officerDays: number, ctx: AllocationContext): Promise<Allocation> {
  // Visits behind entitlement come from the same report `coverage` shows, so the two never disagree.
  const [schools, report] = await Promise.all([
    store.find('schools', tenantId),
    composeCoverageReport(store, tenantId, { viewer: person, at: ctx.at, timeZone: ctx.timeZone, builtIns: ctx.builtIns, defaultEntitlement: ctx.defaultEntitlement }),
  ]);
  const shortfalls = Object.fromEntries(report.entitlement.behind.map((s) => [s.urn, s.shortfall]));
  return suggestAllocation(schools, { officerDays, shortfalls });
}

/**
 * `allocation`: officer time in inverse proportion to success, suggested afresh for the days available, with the
 * allocation kept last beside it.
 */
export async function viewAllocation(store: StoreReader, tenantId: string, person: Person, officerDays: number, ctx: AllocationContext): Promise<AllocationView> {
  assertOfficer(person);
  const [suggestion, kept] = await Promise.all([suggest(store, tenantId, person, officerDays, ctx), store.find('allocations', tenantId)]);
  const last = [...kept].sort((a, b) => a.keptAt.localeCompare(b.keptAt)).at(-1);
  if (!last) return { suggestion };
  const by = await store.get('people', tenantId, last.keptBy);
  return { suggestion, kept: { ...last, keptByName: by?.name ?? 'someone no longer registered' } };
}

/**
 * Keeps an allocation as the officer adjusted it: the total no more than the days available (else InvalidInputError,
 * nothing kept), each school's suggested share kept beside its adjusted one, who and when. A repeated press
 * (same key) keeps one.
 */
export async function keepAllocation(
  deps: { store: Store },
  tenantId: string,
  person: Person,
  adjusted: { officerDays: number; days: Readonly<Record<string, number>> },
  ctx: AllocationContext,
  idempotencyKey: string,
): Promise<AllocationView> {
  assertOfficer(person);
  const suggestion = await suggest(deps.store, tenantId, person, adjusted.officerDays, ctx);
  const shares = suggestion.rows.map((r) => ({ urn: r.urn, name: r.name, suggested: r.days, days: adjusted.days[r.urn] ?? r.days }));
  checkAdjustedAllocation(adjusted.officerDays, shares);
  const { value } = await deps.store.transact(
    (tx) => tx.insert('allocations', tenantId, { officerDays: adjusted.officerDays, shares, keptBy: person.id, keptAt: ctx.at.toISOString() }, { action: 'allocation.kept' }),
    { actor: person.id, idempotencyKey, serializable: true },
  );
  return { suggestion, kept: { ...value, keptByName: person.name } };
}
