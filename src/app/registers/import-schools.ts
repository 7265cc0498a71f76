import { isOpen, type School } from '../../domain/school.js';
import type { NewRecord, RecordPatch } from '../../domain/record.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store } from '../ports/store.port.js';
import { changedFields } from './changed-fields.js';
import { refuseProblems, type CsvTable } from './csv-table.js';
import { mapGiasRows, withLegacyInspection, type GiasSchool } from './gias.js';

export type ImportedSchool = { row: number; urn: string; name: string };

/** What an import did, school by school, for the administrator's report. */
export type SchoolImportReport = {
  added: ImportedSchool[];
  /** `changed` names the School fields that changed. */
  updated: (ImportedSchool & { changed: string[] })[];
  unchanged: ImportedSchool[];
  /** Schools in the register that the file says have closed since: marked closed, kept for their history. */
  closed: (ImportedSchool & { closedOn?: string })[];
  skipped: (ImportedSchool & { reason: string })[];
};

/**
 * Imports the GIAS establishment export into the school register. Every row is checked first: one
 * malformed row refuses the whole file (InvalidInputError naming row and column) and nothing changes.
 * Then, in one transaction, schools are added or updated by URN. An update writes only what the file
 * carries: risk level, causing-concern, report-card inspections and any column the file lacks are kept.
 * A school the file lists as closed is marked closed (with its closing date) and named in the report.
 */
export async function importSchools(store: Store, tenantId: string, table: CsvTable, actor: string, clock: Clock): Promise<SchoolImportReport> {
  const mapping = mapGiasRows(table, clock.now().toISOString().slice(0, 10));
  refuseProblems(mapping.problems);

  const { value } = await store.transact(
    async (tx) => {
      const byUrn = new Map((await tx.find('schools', tenantId)).map((s) => [s.urn, s]));
      // A closed establishment the register never had is skipped; one it has is closed (new rows only are skipped).
      const report: SchoolImportReport = { added: [], updated: [], unchanged: [], closed: [], skipped: mapping.skipped.filter((s) => !byUrn.has(s.urn)) };
      for (const school of mapping.schools) {
        const { urn, name } = school.fields;
        const existing = byUrn.get(urn);
        if (!existing) {
          await tx.insert('schools', tenantId, newSchool(school));
          report.added.push({ row: school.row, urn, name });
          continue;
        }
        const patch = changesTo(existing, school);
        const changed = Object.keys(patch);
        if (!changed.length) {
          report.unchanged.push({ row: school.row, urn, name });
          continue;
        }
        await tx.update('schools', tenantId, existing.id, existing.version, patch);
        report.updated.push({ row: school.row, urn, name, changed });
      }
      for (const closure of mapping.closures) {
        const existing = byUrn.get(closure.urn);
        if (!existing) continue;
        const patch = changedFields(existing, { status: 'closed', closedOn: closure.closedOn ?? existing.closedOn });
        if (!Object.keys(patch).length) {
          report.unchanged.push({ row: closure.row, urn: closure.urn, name: existing.name });
          continue;
        }
        await tx.update('schools', tenantId, existing.id, existing.version, patch);
        report.closed.push({ row: closure.row, urn: closure.urn, name: existing.name, ...(closure.closedOn ? { closedOn: closure.closedOn } : {}) });
      }
      return report;
    },
    { actor, serializable: true },
  );
  return value;
}

function newSchool(school: GiasSchool): NewRecord<School> {
  return {
    hasNursery: false,
    hasSixthForm: false,
    partnerships: [],
    riskLevel: 'unassessed',
    causingConcern: false,
    status: 'open',
    ...school.fields,
    inspections: withLegacyInspection([], school.legacyInspection),
  };
}

/** The fields whose value the file changes; an empty patch means the school is already up to date. */
function changesTo(existing: School, school: GiasSchool): RecordPatch<School> {
  const wanted: RecordPatch<School> = { ...school.fields, inspections: withLegacyInspection(existing.inspections, school.legacyInspection) };
  // Listed as open again (GIAS corrected a closure): it takes work again.
  if (!isOpen(existing)) Object.assign(wanted, { status: 'open', closedOn: undefined });
  return changedFields(existing, wanted);
}
