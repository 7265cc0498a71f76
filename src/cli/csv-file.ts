import { readFile } from 'node:fs/promises';
import { parse, CsvError } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { CsvRow, CsvTable } from '../app/registers/csv-table.js';
import { InvalidInputError } from '../domain/errors.js';

/**
 * Reads a CSV file as the administrator has it and hands the register imports a decoded table.
 * Refuses, with one line naming the file, anything that is not a readable CSV: a missing file, a
 * zip (GIAS downloads arrive zipped), a binary, a broken quote, a row with the wrong number of cells.
 */
export async function readCsvFile(file: string): Promise<CsvTable> {
  const bytes = await readBytes(file);
  const text = decodeText(bytes, file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Row lengths are checked below, where the header is known and the message can name both counts.
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError && e.lines === 1) throw notACsv(file);
    throw new InvalidInputError(`${file} is not a readable CSV: ${describeCsvError(e)}. Nothing was imported.`);
  }
  const [header, ...rows] = records;
  if (!header) throw new InvalidInputError(`${file} is empty: there is no header row. Nothing was imported.`);
  const columns = header.record.map((c) => c.trim());
  if (columns.length < 2) throw notACsv(file);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice) throw new InvalidInputError(`${file} has the column "${twice}" twice. Nothing was imported.`, twice);
  const ragged = rows.find((r) => r.record.length !== columns.length);
  if (ragged) {
    throw new InvalidInputError(`${file} row ${ragged.info.lines} has ${ragged.record.length} cells but the header has ${columns.length}. Nothing was imported.`);
  }
  return {
    columns,
    rows: rows.map(({ record, info }): CsvRow => ({ row: info.lines, values: Object.fromEntries(columns.map((c, i) => [c, record[i] ?? ''])) })),
  };
}

function notACsv(file: string): InvalidInputError {
  return new InvalidInputError(`${file} is not a CSV file: its first line is not comma-separated column names. Nothing was imported.`);
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InvalidInputError(`Cannot read ${file}: ${why}.`);
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Decodes the file's text. GIAS writes Windows-1252 (curly apostrophes are byte 0x92, which is never
 * valid UTF-8 on its own); a file re-saved as "CSV UTF-8" from Excel, or our own people file, is UTF-8
 * with or without a byte-order mark. So: a BOM or valid UTF-8 is UTF-8, anything else Windows-1252.
 */
export function decodeText(bytes: Buffer, file: string): string {
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw new InvalidInputError(`${file} is a zip archive, not a CSV: extract the edubasealldata CSV from it first. Nothing was imported.`);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new InvalidInputError(`${file} is not a CSV file (it holds binary data). Nothing was imported.`);
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1252');
  }
}

function describeCsvError(e: unknown): string {
  if (!(e instanceof CsvError)) return (e as Error).message;
  const where = `row ${String(e.lines ?? '?')}`;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted cell opened before ${where} is never closed`;
    case 'INVALID_OPENING_QUOTE':
      return `${where} has a quote inside a cell that does not start with one`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${where} has text after a closing quote`;
    default:
      return `${where}: ${e.message}`;
  }
}
