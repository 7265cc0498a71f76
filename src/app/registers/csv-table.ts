import { InvalidInputError } from '../../domain/errors.js';

/**
 * A CSV file as the register imports see it: decoded and split by the CLI, so the use cases
 * never touch bytes or encodings. `row` is the row number a spreadsheet shows (the header is row 1),
 * so a problem can be found by opening the file in Excel.
 */
export interface CsvTable {
  columns: readonly string[];
  rows: readonly CsvRow[];
}

export interface CsvRow {
  row: number;
  values: Readonly<Record<string, string>>;
}

/** One problem in one cell (or the whole row, when `column` is absent). */
export interface RowProblem {
  row: number;
  column?: string;
  message: string;
}

/** Refuses a file that lacks a column the import cannot do without, naming the first missing one. */
export function requireColumns(table: CsvTable, required: readonly string[], what: string): void {
  const missing = required.filter((c) => !table.columns.includes(c));
  if (missing.length) {
    const more = missing.length > 1 ? ` (and ${missing.length - 1} more: ${missing.slice(1).join(', ')})` : '';
    throw new InvalidInputError(`The file has no "${missing[0]}" column${more}: is it ${what}?`, missing[0]);
  }
}

/**
 * Turns the problems found in a file into one error naming the first, with a count of the rest:
 * the import changes nothing until every row is right, so the administrator fixes them one by one.
 */
export function refuseProblems(problems: readonly RowProblem[]): void {
  if (!problems.length) return;
  const [first] = problems;
  const where = `Row ${first!.row}${first!.column ? `, column ${first!.column}` : ''}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new InvalidInputError(`${where}: ${first!.message}${more}. Nothing was imported.`, first!.column);
}

/** A cell's value, trimmed; empty when the column is absent. */
export function cell(row: CsvRow, column: string): string {
  return (row.values[column] ?? '').trim();
}

/** The parts of a `;`-separated cell, trimmed, empty parts dropped. */
export function listCell(row: CsvRow, column: string): string[] {
  return cell(row, column)
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
