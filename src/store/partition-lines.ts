import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TimeSlices } from './time-slices.js';

/**
 * A partition file's layout, line by line: a first line holding the generation and the SHA-256 of the rest, then
 * one row a line (`,` between them) and `]}` — so an administrator can read the file, a diff of two backups stays
 * readable, and a fold that rewrites a month can copy the lines of the rows that did not change instead of
 * serialising every row again (most of a rewrite's cost: a month of visits where a few hundred changed).
 */
const HEADER = /^\{"generation":(\d+),"sha256":"([0-9a-f]{64})","rows":\[$/;
export const headerLine = (generation: number, bodySha256: string) => `{"generation":${generation},"sha256":"${bodySha256}","rows":[\n`;

/** About how many bytes of a partition's body are hashed, or written, at a time. */
export const PIECE = 64 * 1024;

/**
 * A partition file's rows and the length in bytes of each one's line, as this process read or wrote the file at
 * `generation`. The rows are the very objects the cache holds (frozen), so a row that is still the same object when
 * the partition is rewritten is known to be exactly what its line says.
 */
export interface FileLines<R extends object = object> {
  generation: number;
  /** The SHA-256 of the file's body: the file on disk is this one only if its first line gives the same. */
  sha256: string;
  rows: readonly R[];
  bytes: Uint32Array;
}

const NEWLINE = 0x0a;
/** How much of a file is hashed between two looks at the time slice (about a millisecond's work). */
const HASHED_AT_ONCE = 1024 * 1024;

/** The first line of a file the store wrote: its generation, the SHA-256 it gives the rest, and where the rest starts. */
export function headerOf(bytes: Buffer): { generation: number; sha256: string; bodyStart: number } | undefined {
  const nl = bytes.indexOf(NEWLINE);
  const header = nl < 0 ? null : HEADER.exec(bytes.toString('latin1', 0, nl));
  return header ? { generation: Number(header[1]), sha256: header[2]!, bodyStart: nl + 1 } : undefined;
}

/** The SHA-256 of the bytes from `start`, hashed a megabyte at a time at the pace of `slices`. */
export async function bodySha256(bytes: Buffer, start: number, slices: TimeSlices): Promise<string> {
  const hash = createHash('sha256');
  for (let at = start; at < bytes.length; at += HASHED_AT_ONCE) {
    hash.update(bytes.subarray(at, Math.min(at + HASHED_AT_ONCE, bytes.length)));
    if (slices.due()) await slices.next();
  }
  return hash.digest('hex');
}
const COMMA = 0x2c;
const BETWEEN = Buffer.from(',\n');
const END = Buffer.from('\n]}\n');

/**
 * The body of a partition file (what follows its first line) in pieces of about `PIECE` bytes: each row's line is
 * copied from `copy` when the row is there (the same object), serialised otherwise. `bytes` receives each line's
 * length, for the next rewrite.
 */
export function* bodyPieces(rows: readonly object[], copy: ReadonlyMap<object, Buffer> | undefined, bytes: number[]): Generator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const line = copy?.get(row) ?? Buffer.from(JSON.stringify(row), 'utf8');
    bytes.push(line.length);
    if (i > 0) parts.push(BETWEEN);
    parts.push(line);
    size += line.length;
    if (size >= PIECE) {
      yield Buffer.concat(parts);
      parts = [];
      size = 0;
    }
  }
  parts.push(END);
  yield Buffer.concat(parts);
}

/**
 * The lines of the file as `lines` knows it, by row, for a rewrite to copy; undefined (everything is serialised
 * again) unless the file is exactly that one: the generation and SHA-256 known in its first line, a body that still
 * hashes to it (so no damage on disk is ever copied into a file with a fresh checksum), one line per known row, each
 * of the length known. A file that cannot be read is not copied from either: copying only saves work, and the rewrite
 * from memory replaces it. Read and hashed at the pace of `slices`.
 */
export async function copyableLines(file: string, lines: FileLines, slices: TimeSlices): Promise<Map<object, Buffer> | undefined> {
  if (!lines.rows.length) return undefined;
  const bytes = await slices.waitFor(readFile(file).catch(() => undefined));
  if (!bytes) return undefined;
  const header = headerOf(bytes);
  if (!header || header.generation !== lines.generation || header.sha256 !== lines.sha256) return undefined;
  if ((await bodySha256(bytes, header.bodyStart, slices)) !== header.sha256) return undefined;
  const copy = new Map<object, Buffer>();
  let at = header.bodyStart;
  for (let i = 0; i < lines.rows.length; i++) {
    const end: number = bytes.indexOf(NEWLINE, at);
    if (end < 0) return undefined;
    const last = i === lines.rows.length - 1;
    const lineEnd = last ? end : end - 1;
    if ((!last && bytes[lineEnd] !== COMMA) || lineEnd - at !== lines.bytes[i]) return undefined;
    copy.set(lines.rows[i]!, bytes.subarray(at, lineEnd));
    at = end + 1;
  }
  return bytes.toString('latin1', at) === ']}\n' ? copy : undefined;
}
