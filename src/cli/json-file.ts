import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '../domain/errors.js';
import { replaceFile, syncDirectory } from '../store/durable-file.js';

/** Reads and parses a JSON file; a missing file or bad JSON is one line naming the file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InvalidInputError(`Cannot read ${file}: ${code === 'ENOENT' ? 'there is no such file' : (e as Error).message}.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InvalidInputError(`${file} is not valid JSON (${(e as Error).message}).`);
  }
}

/**
 * Writes JSON atomically and durably (temporary file, sync, rename): an interrupted backup or export
 * leaves the previous file whole rather than half a file that looks like a backup. `mode` (e.g. 0o600 for a
 * subject access file) is set before the file holds anything.
 */
export async function writeJsonFile(file: string, value: unknown, options: { pretty?: boolean; mode?: number } = {}): Promise<number> {
  const text = `${JSON.stringify(value, null, options.pretty ? 2 : undefined)}\n`;
  try {
    await replaceFile(file, text, options.mode);
    await syncDirectory(dirname(resolve(file)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new InvalidInputError(`Cannot write ${file}: ${why}.`);
  }
  return Buffer.byteLength(text);
}
