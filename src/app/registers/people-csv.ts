import { z } from 'zod/v4';
import { RoleSchema, type Role, type Training } from '../../domain/person.js';
import { UrnSchema } from '../../domain/school.js';
import { cell, listCell, requireColumns, type CsvTable, type RowProblem } from './csv-table.js';

/**
 * The people file (`email,name,aadObjectId,roles,schools,trainedFor`), mapped row by row. Pure:
 * it checks the form of every cell; whether a school or template exists is for the use case to check.
 */

export const PEOPLE_COLUMNS = ['email', 'name', 'aadObjectId', 'roles', 'schools', 'trainedFor'] as const;
export const PEOPLE_REQUIRED_COLUMNS = ['email', 'name'] as const;

export interface PersonRow {
  row: number;
  email: string;
  name: string;
  /** Absent when the cell is empty: an object id once known is never forgotten by an import. */
  aadObjectId?: string;
  /** Absent when the file has no such column, so the stored value is kept. */
  roles?: Role[];
  schools?: string[];
  trainedFor?: Training[];
}

const Email = z.string().email();
const roleNames = RoleSchema.options;
const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Reads every row, collecting a problem for each malformed cell and each e-mail or object id given twice. */
export function mapPeopleRows(table: CsvTable): { people: PersonRow[]; problems: RowProblem[] } {
  requireColumns(table, PEOPLE_REQUIRED_COLUMNS, `the people file (columns ${PEOPLE_COLUMNS.join(',')})`);
  const has = (c: string) => table.columns.includes(c);
  const people: PersonRow[] = [];
  const problems: RowProblem[] = [];
  const rowOfEmail = new Map<string, number>();
  const rowOfObjectId = new Map<string, number>();

  for (const row of table.rows) {
    const before = problems.length;
    const problem = (column: string, message: string) => problems.push({ row: row.row, column, message });
    const email = cell(row, 'email').toLowerCase();
    const name = cell(row, 'name');
    const aadObjectId = cell(row, 'aadObjectId') || undefined;
    if (!Email.safeParse(email).success) problem('email', email ? `"${email}" is not an e-mail address` : 'the e-mail address is missing');
    else if (rowOfEmail.has(email)) problem('email', `${email} appears again (first on row ${rowOfEmail.get(email)})`);
    else rowOfEmail.set(email, row.row);
    if (!name) problem('name', 'the name is missing');
    if (aadObjectId && rowOfObjectId.has(aadObjectId)) problem('aadObjectId', `${aadObjectId} appears again (first on row ${rowOfObjectId.get(aadObjectId)})`);
    else if (aadObjectId) rowOfObjectId.set(aadObjectId, row.row);

    const person: PersonRow = { row: row.row, email, name, aadObjectId };
    if (has('roles')) {
      const roles = listCell(row, 'roles');
      const unknown = roles.filter((r) => !(roleNames as readonly string[]).includes(r));
      if (unknown.length) problem('roles', `unknown role "${unknown[0]}" (roles are ${roleNames.join(', ')})`);
      person.roles = [...new Set(roles)] as Role[];
    }
    if (has('schools')) {
      const schools = listCell(row, 'schools');
      const bad = schools.find((u) => !UrnSchema.safeParse(u).success);
      if (bad) problem('schools', `"${bad}" is not a URN (six digits)`);
      person.schools = [...new Set(schools)];
    }
    if (has('trainedFor')) {
      person.trainedFor = [];
      for (const entry of listCell(row, 'trainedFor')) {
        const [templateId, date, ...rest] = entry.split('@').map((s) => s.trim());
        if (!templateId || rest.length || (date !== undefined && !isoDate(date))) {
          problem('trainedFor', `"${entry}" is not a template id, optionally with @YYYY-MM-DD`);
          continue;
        }
        person.trainedFor.push(date ? { templateId, date } : { templateId });
      }
    }
    if (problems.length === before) people.push(person);
  }
  return { people, problems };
}
