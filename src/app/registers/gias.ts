import { z } from 'zod/v4';
import type { LegacyInspectionSchema } from '../../domain/inspection.js';
import { governanceOf, isChurchSchool, UrnSchema, type School, type SchoolAddress } from '../../domain/school.js';
import { cell, listCell, requireColumns, type CsvRow, type CsvTable, type RowProblem } from './csv-table.js';

/**
 * The DfE "Get Information about Schools" establishment export (edubasealldata*.csv), mapped row by
 * row onto School fields. Pure: the CLI decodes the file (Windows-1252) and splits it; this module
 * decides what each row means and names every problem by row and column.
 */

/** The columns an import cannot do without; every other column is optional and, when absent, leaves the stored value alone. */
export const GIAS_REQUIRED_COLUMNS = [
  'URN',
  'EstablishmentName',
  'TypeOfEstablishment (name)',
  'EstablishmentTypeGroup (name)',
  'EstablishmentStatus (name)',
  'PhaseOfEducation (name)',
] as const;

/** Our own columns an administrator may add to the export; an empty cell leaves the stored value alone. */
export const GIAS_EXTRA_COLUMNS = {
  cluster: 'Cluster',
  partnerships: 'Partnerships',
  linkOfficerEmail: 'LinkOfficerEmail',
  headteacherEmail: 'HeadteacherEmail',
  chairOfGovernorsEmail: 'ChairOfGovernorsEmail',
  dioceseContactEmail: 'DioceseContactEmail',
  reLeadEmail: 'ReLeadEmail',
  visitEntitlement: 'VisitEntitlement',
} as const;

/** GIAS's address columns, by the SchoolAddress field each fills. */
const GIAS_ADDRESS_COLUMNS = [
  ['street', 'Street'],
  ['locality', 'Locality'],
  ['address3', 'Address3'],
  ['town', 'Town'],
  ['county', 'County (name)'],
  ['postcode', 'Postcode'],
] as const satisfies ReadonlyArray<readonly [keyof SchoolAddress, string]>;

/** The row's postal address, empty cells left out (GIAS writes "Not applicable" for a missing county); undefined when it has none. */
function addressOf(row: CsvRow): SchoolAddress | undefined {
  const address: SchoolAddress = {};
  for (const [field, column] of GIAS_ADDRESS_COLUMNS) {
    const value = cell(row, column);
    if (value && !/^not applicable$/i.test(value)) address[field] = value;
  }
  return Object.keys(address).length ? address : undefined;
}

/** Single-word judgements ended with inspections from September 2024: a later date in this column is not a legacy grade. */
export const LEGACY_FRAMEWORK_ENDED = '2024-09-01';

type LegacyInspection = z.infer<typeof LegacyInspectionSchema>;

/** GIAS's "OfstedRating (name)" values that are legacy grades; Inadequate's two categories appear as ratings of their own. */
const LEGACY_RATINGS: Record<string, Pick<LegacyInspection, 'overall' | 'category'>> = {
  outstanding: { overall: 'Outstanding' },
  good: { overall: 'Good' },
  'requires improvement': { overall: 'Requires Improvement' },
  inadequate: { overall: 'Inadequate' },
  'serious weaknesses': { overall: 'Inadequate', category: 'Serious Weaknesses' },
  'special measures': { overall: 'Inadequate', category: 'Special Measures' },
};

/** The School fields a GIAS row states; only those whose column is in the file are present. */
export type GiasFields = Partial<Omit<School, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'inspections' | 'status' | 'closedOn'>> &
  Pick<School, 'urn' | 'name' | 'phase' | 'establishmentType' | 'establishmentGroup' | 'governance'>;

export interface GiasSchool {
  row: number;
  fields: GiasFields;
  /** The legacy Ofsted judgement the row carries, if it is one of the four grades from before September 2024. */
  legacyInspection?: LegacyInspection;
}

export interface GiasSkip {
  row: number;
  urn: string;
  name: string;
  reason: string;
}

/** A row saying the establishment has closed: the import closes the school if the register has it. */
export interface GiasClosure {
  row: number;
  urn: string;
  name: string;
  /** CloseDate as YYYY-MM-DD, when the row gives a real one. */
  closedOn?: string;
}

export interface GiasMapping {
  schools: GiasSchool[];
  /** Rows not imported, with the reason; closed establishments among them are also in `closures`. */
  skipped: GiasSkip[];
  closures: GiasClosure[];
  problems: RowProblem[];
}

const Email = z.string().trim().email();

/**
 * Reads every row of the export. Closed establishments are skipped with the reason (and listed as
 * closures, so a school already in the register can be marked closed); every other
 * row becomes a school or, where a cell is malformed, a problem naming its row and column.
 * `today` (YYYY-MM-DD) refuses inspection dates in the future, a sign of a month/day mix-up.
 */
export function mapGiasRows(table: CsvTable, today: string): GiasMapping {
  requireColumns(table, GIAS_REQUIRED_COLUMNS, 'the GIAS establishment export (edubasealldata.csv)');
  const has = (c: string) => table.columns.includes(c);
  const out: GiasMapping = { schools: [], skipped: [], closures: [], problems: [] };
  const firstRowOf = new Map<string, number>();

  for (const row of table.rows) {
    const problems: RowProblem[] = [];
    const problem = (column: string, message: string) => problems.push({ row: row.row, column, message });
    const urn = cell(row, 'URN');
    const name = cell(row, 'EstablishmentName');
    if (!UrnSchema.safeParse(urn).success) problem('URN', `"${urn}" is not a URN (six digits)`);
    else if (firstRowOf.has(urn)) problem('URN', `URN ${urn} appears again (first on row ${firstRowOf.get(urn)})`);
    else firstRowOf.set(urn, row.row);
    if (!name) problem('EstablishmentName', 'the school has no name');

    const status = cell(row, 'EstablishmentStatus (name)');
    if (problems.length === 0 && status.toLowerCase() === 'closed') {
      const closeDate = has('CloseDate') ? cell(row, 'CloseDate') : '';
      out.skipped.push({ row: row.row, urn, name, reason: `closed${closeDate ? ` on ${closeDate}` : ''}` });
      const closedOn = closeDate ? giasDate(closeDate) : undefined;
      out.closures.push({ row: row.row, urn, name, ...(closedOn ? { closedOn } : {}) });
      continue;
    }

    const establishmentType = cell(row, 'TypeOfEstablishment (name)');
    const establishmentGroup = cell(row, 'EstablishmentTypeGroup (name)');
    const fields: GiasFields = {
      urn,
      name,
      phase: cell(row, 'PhaseOfEducation (name)') || 'Not applicable',
      establishmentType,
      establishmentGroup,
      governance: governanceOf(establishmentGroup, establishmentType),
    };
    if (has('ReligiousCharacter (name)')) {
      const rc = cell(row, 'ReligiousCharacter (name)');
      fields.religiousCharacter = isChurchSchool({ religiousCharacter: rc }) ? rc : undefined;
    }
    if (has('Diocese (name)')) {
      const diocese = cell(row, 'Diocese (name)');
      fields.diocese = diocese && !/^(not applicable|does not apply|none)$/i.test(diocese) ? diocese : undefined;
    }
    if (has('HeadFirstName') || has('HeadLastName')) {
      fields.headteacherName = `${cell(row, 'HeadFirstName')} ${cell(row, 'HeadLastName')}`.trim() || undefined;
    }
    if (GIAS_ADDRESS_COLUMNS.some(([, column]) => has(column))) fields.address = addressOf(row);
    if (has('NurseryProvision (name)')) fields.hasNursery = /^has\b/i.test(cell(row, 'NurseryProvision (name)'));
    if (has('OfficialSixthForm (name)')) fields.hasSixthForm = /^has\b/i.test(cell(row, 'OfficialSixthForm (name)'));
    applyExtraColumns(row, fields, problem);
    const legacyInspection = legacyInspectionOf(row, today, problem);

    if (problems.length) out.problems.push(...problems);
    else out.schools.push({ row: row.row, fields, legacyInspection });
  }
  return out;
}

/** Our optional columns: an empty cell says nothing, so it never clears what an earlier import or the bot set. */
function applyExtraColumns(row: CsvRow, fields: GiasFields, problem: (column: string, message: string) => void): void {
  const cluster = cell(row, GIAS_EXTRA_COLUMNS.cluster);
  if (cluster) fields.cluster = cluster;
  const partnerships = listCell(row, GIAS_EXTRA_COLUMNS.partnerships);
  if (partnerships.length) fields.partnerships = [...new Set(partnerships)];
  for (const key of ['linkOfficerEmail', 'headteacherEmail', 'chairOfGovernorsEmail', 'dioceseContactEmail', 'reLeadEmail'] as const) {
    const value = cell(row, GIAS_EXTRA_COLUMNS[key]);
    if (!value) continue;
    if (Email.safeParse(value).success) fields[key] = value.toLowerCase();
    else problem(GIAS_EXTRA_COLUMNS[key], `"${value}" is not an e-mail address`);
  }
  const entitlement = cell(row, GIAS_EXTRA_COLUMNS.visitEntitlement);
  if (entitlement) {
    if (/^\d{1,3}$/.test(entitlement) && Number(entitlement) <= 100) fields.visitEntitlement = Number(entitlement);
    else problem(GIAS_EXTRA_COLUMNS.visitEntitlement, `"${entitlement}" is not a number of visits from 0 to 100`);
  }
}

/**
 * The legacy judgement in "OfstedRating (name)" dated by "OfstedLastInsp". Ratings that are not a
 * grade (e.g. "Insufficient evidence") and anything dated from September 2024, when single-word
 * judgements ended, give none: report cards are not in this export.
 */
function legacyInspectionOf(row: CsvRow, today: string, problem: (column: string, message: string) => void): LegacyInspection | undefined {
  const rawDate = cell(row, 'OfstedLastInsp');
  const date = rawDate ? giasDate(rawDate) : undefined;
  if (rawDate && !date) return void problem('OfstedLastInsp', `"${rawDate}" is not a date as DD-MM-YYYY`);
  if (date && date > today) return void problem('OfstedLastInsp', `${rawDate} is in the future`);
  const grade = LEGACY_RATINGS[cell(row, 'OfstedRating (name)').toLowerCase()];
  if (!grade || !date || date >= LEGACY_FRAMEWORK_ENDED) return undefined;
  const specialMeasures = /^yes$/i.test(cell(row, 'OfstedSpecialMeasures (name)'));
  const category = grade.category ?? (grade.overall === 'Inadequate' && specialMeasures ? 'Special Measures' : undefined);
  return { framework: 'legacy', date, overall: grade.overall, ...(category ? { category } : {}) };
}

/**
 * A GIAS date, DD-MM-YYYY, as YYYY-MM-DD; undefined if it is not a real date. DD/MM/YYYY is read too,
 * since that is how Excel writes the file back after someone opens and saves it.
 */
export function giasDate(text: string): string | undefined {
  const m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * Adds or replaces the GIAS-derived legacy judgement in a school's inspection history: an entry of
 * the same framework and date is replaced in place, anything else (report cards, older judgements)
 * is kept, so the history only ever grows.
 */
export function withLegacyInspection(history: School['inspections'], entry: LegacyInspection | undefined): School['inspections'] {
  if (!entry) return history;
  const at = history.findIndex((i) => i.framework === 'legacy' && i.date === entry.date);
  if (at < 0) return [...history, entry];
  return history.map((i, n) => (n === at ? entry : i));
}
