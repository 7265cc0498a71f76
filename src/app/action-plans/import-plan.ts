import { ConflictError, InvalidInputError } from '../../domain/errors.js';
import { longDate } from '../../domain/human-date.js';
import type { School } from '../../domain/school.js';
import type { Zone } from '../../domain/time-zone.js';
import type { Store } from '../ports/store.port.js';
import { findSchool } from '../schools/find-school.js';
import { currentPlans } from './plan-records.js';
import type { ImportedPlan } from './plan-file.js';

/** Who an imported plan was started by: no person record, the command line. */
export const IMPORTED_BY = 'system';

/** What an import did, for the administrator's report. */
export interface PlanImportReport {
  school: Pick<School, 'urn' | 'name'>;
  replacedDraft: boolean;
  priorities: number;
  actions: number;
  milestones: number;
}

/**
 * Stores a plan written elsewhere as the school's draft action plan, for the headteacher and the LA to finish and
 * agree in Teams. It replaces a draft (and any agreement given to it, since the plan is now another one); it never
 * replaces a live plan, which both sides agreed: that is changed on its card, where each change is recorded.
 * `actor` is who ran the import as the audit records it (`cli:<user>`), not a person the bot knows: the plan's
 * `createdBy` is `system`.
 */
export async function importPlan(store: Store, tenantId: string, actor: string, schoolQuery: string, imported: ImportedPlan, timeZone: Zone): Promise<PlanImportReport> {
  const lookup = await findSchool(store, tenantId, schoolQuery);
  if (lookup.kind === 'none') throw new InvalidInputError(`No open school matches "${schoolQuery}": give its URN. Nothing was imported.`);
  if (lookup.kind === 'ambiguous') throw new InvalidInputError(`"${schoolQuery}" fits ${lookup.schools.length}${lookup.more ? '+' : ''} schools (${lookup.schools.slice(0, 3).map((s) => `${s.name} ${s.urn}`).join(', ')}…): give its URN. Nothing was imported.`);
  const { school } = lookup;
  const content = { ...imported, agreement: {}, delegateIds: [], changes: [] };
  const { value } = await store.transact(
    async (tx) => {
      const current = (await currentPlans(tx, tenantId, school.urn)).find((p) => p.kind === 'school');
      if (current?.status === 'live') {
        const since = current.startsOn ? ` since ${longDate(current.startsOn, timeZone)}` : '';
        throw new ConflictError(`The action plan for ${school.name} is live${since}, agreed by both sides: an import cannot replace it. Change it on its card in Teams (plan ${school.urn}), where each change is recorded. Nothing was imported.`);
      }
      if (current) {
        await tx.update('actionPlans', tenantId, current.id, current.version, { ...content, monitoring: imported.monitoring, startsOn: imported.startsOn, endsOn: imported.endsOn }, { action: 'actionPlan.imported' });
        return true;
      }
      await tx.insert('actionPlans', tenantId, { urn: school.urn, kind: 'school', status: 'draft', createdBy: IMPORTED_BY, ...content }, { action: 'actionPlan.imported' });
      return false;
    },
    { actor, serializable: true },
  );
  return {
    school: { urn: school.urn, name: school.name },
    replacedDraft: value,
    priorities: imported.priorities.length,
    actions: imported.actions.length,
    milestones: imported.actions.reduce((n, a) => n + a.milestones.length, 0),
  };
}
