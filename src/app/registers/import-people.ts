import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { mayReadConcerns } from '../../domain/concern.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { Person, Training } from '../../domain/person.js';
import type { NewRecord, RecordPatch } from '../../domain/record.js';
import type { Store } from '../ports/store.port.js';
import { HANDOVER_COMMAND } from '../concerns/hand-over-concerns-lead.js';
import { listTemplates } from '../visits/templates.js';
import { changedFields } from './changed-fields.js';
import { refuseProblems, type CsvTable, type RowProblem } from './csv-table.js';
import { mapPeopleRows, type PersonRow } from './people-csv.js';

export type ImportedPerson = { row: number; email: string; name: string };

/** What an import did, person by person, for the administrator's report. */
export type PeopleImportReport = {
  added: ImportedPerson[];
  /** `changed` names the Person fields that changed. */
  updated: (ImportedPerson & { changed: string[] })[];
  unchanged: ImportedPerson[];
};

/**
 * Imports the people file: each row adds a person or updates the one with that e-mail (or, failing
 * that, that Entra object id). A column the file has states the whole value (roles, schools,
 * trained-for), except that a training already on record keeps its date when the file gives none.
 * Any problem (a malformed cell, a school or agenda template that does not exist, an object id that
 * belongs to someone else, a second concerns lead) refuses the whole file and changes nothing.
 */
export async function importPeople(store: Store, tenantId: string, table: CsvTable, actor: string, builtIns: readonly AgendaTemplate[]): Promise<PeopleImportReport> {
  const { people, problems } = mapPeopleRows(table);
  refuseProblems(problems);

  const { value } = await store.transact(
    async (tx) => {
      const urns = new Set((await tx.find('schools', tenantId)).map((s) => s.urn));
      const templateIds = new Set((await listTemplates(tx, tenantId, builtIns)).map((t) => t.id));
      const stored = await tx.find('people', tenantId);
      const byEmail = new Map(stored.map((p) => [p.email, p]));
      const byObjectId = new Map(stored.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!, p]));

      const found: RowProblem[] = [];
      const plan = people.map((row) => {
        const existing = byEmail.get(row.email) ?? (row.aadObjectId ? byObjectId.get(row.aadObjectId) : undefined);
        const holder = row.aadObjectId ? byObjectId.get(row.aadObjectId) : undefined;
        if (holder && existing && holder.id !== existing.id) {
          found.push({ row: row.row, column: 'aadObjectId', message: `${row.aadObjectId} already belongs to ${holder.email}` });
        }
        const missingSchool = row.schools?.find((u) => !urns.has(u));
        if (missingSchool) found.push({ row: row.row, column: 'schools', message: `no school has the URN ${missingSchool} (import the schools first)` });
        const missingTemplate = row.trainedFor?.find((t) => !templateIds.has(t.templateId));
        if (missingTemplate) {
          found.push({ row: row.row, column: 'trainedFor', message: `no agenda template has the id "${missingTemplate.templateId}" (templates: ${[...templateIds].sort().join(', ')})` });
        }
        return { row, existing };
      });
      refuseProblems(found);
      refuseASecondLead(stored, plan);

      const report: PeopleImportReport = { added: [], updated: [], unchanged: [] };
      for (const { row, existing } of plan) {
        const who = { row: row.row, email: row.email, name: row.name };
        if (!existing) {
          await tx.insert('people', tenantId, newPerson(row));
          report.added.push(who);
          continue;
        }
        const patch = changesTo(existing, row);
        const changed = Object.keys(patch);
        if (!changed.length) report.unchanged.push(who);
        else {
          await tx.update('people', tenantId, existing.id, existing.version, patch);
          report.updated.push({ ...who, changed });
        }
      }
      return report;
    },
    { actor, serializable: true },
  );
  return value;
}

function newPerson(row: PersonRow): NewRecord<Person> {
  return {
    email: row.email,
    name: row.name,
    ...(row.aadObjectId ? { aadObjectId: row.aadObjectId } : {}),
    roles: row.roles ?? [],
    schools: row.schools ?? [],
    trainedFor: row.trainedFor ?? [],
  };
}

function changesTo(existing: Person, row: PersonRow): RecordPatch<Person> {
  const wanted: RecordPatch<Person> = { email: row.email, name: row.name };
  if (row.aadObjectId) wanted.aadObjectId = row.aadObjectId;
  if (row.roles) wanted.roles = row.roles;
  if (row.schools) wanted.schools = row.schools;
  if (row.trainedFor) wanted.trainedFor = keepKnownDates(existing.trainedFor, row.trainedFor);
  return changedFields(existing, wanted);
}

/** A training the file names without a date keeps the date already on record. */
function keepKnownDates(known: readonly Training[], listed: readonly Training[]): Training[] {
  return listed.map((t) => t.date ? t : (known.find((k) => k.templateId === t.templateId) ?? t));
}

/**
 * The confidential-concerns lead is one named person per organisation, and the role changes hands only by
 * handover (HANDOVER_COMMAND), which moves the open concerns with it. So a file that would give the role to
 * a second person (beside the one recorded, or two in the file), or take it from the recorded lead, is refused
 * with one line naming the people.
 */
function refuseASecondLead(stored: readonly Person[], plan: readonly { row: PersonRow; existing?: Person }[]): void {
  const who = (p: { name: string; email: string }) => `${p.name} (${p.email})`;
  const recorded = stored.filter(mayReadConcerns);
  const inFile = new Set(plan.flatMap((p) => (p.existing ? [p.existing.id] : [])));
  const holdsAfter = ({ row, existing }: { row: PersonRow; existing?: Person }) => (row.roles ? row.roles.includes('concernsLead') : !!existing && mayReadConcerns(existing));
  const listed = plan.filter(holdsAfter);
  // The recorded lead(s) first (even one the file would take the role from: only a handover moves it), then each newcomer.
  const after = [
    ...recorded.map((r) => ({ ...r, isNew: false })),
    ...listed.filter((p) => !p.existing || !mayReadConcerns(p.existing)).map((p) => ({ name: p.row.name, email: p.row.email, isNew: true })),
  ];
  const handover = `to change the lead, use ${HANDOVER_COMMAND}. Nothing was imported.`;
  if (after.some((h) => h.isNew) && after.length > 1) {
    const [first, second] = after;
    throw new InvalidInputError(`There is one named concerns lead, but this would make both ${who(first!)} and ${who(second!)} the lead: ${handover}`, 'roles');
  }
  const dropped = recorded.find((r) => inFile.has(r.id) && !listed.some((p) => p.existing?.id === r.id));
  if (dropped) throw new InvalidInputError(`${who(dropped)} is the concerns lead, and this would take the role away with their open concerns: ${handover}`, 'roles');
}
