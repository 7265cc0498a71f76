import { createHash } from 'node:crypto';
import type { TimeSlices } from './time-slices.js';

/**
 * A partition file's layout, line by line: a first line holding the generation and the SHA-256 of the rest, then
 * one row a line (`,` between them) and `]}`, so an administrator can read the file and a diff of two backups stays
 * readable. The checksum is taken over the bytes as written and read: hashing text would encode it all once more.
 */
const HEADER = /^\{"generation":(\d+),"sha256":"([0-9a-f]{64})","rows":\[$/;
export const headerLine = (generation: number, bodySha256: string) => `{"generation":${generation},"sha256":"${bodySha256}","rows":[\n`;

/** About how many characters of a partition's body are written at a time. */
const PIECE = 64 * 1024;
/** How much of a file is hashed between two looks at the time slice (about a millisecond's work). */
const HASHED_AT_ONCE = 1024 * 1024;
const NEWLINE = 0x0a;

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

/**
 * The body of a partition file (what follows its first line), as bytes in pieces of about `PIECE`. No row's text is
 * kept between folds: that would double the memory every cached record takes, and a fold mostly writes segments of
 * the rows just changed (see segments.ts), which have no text yet anyway.
 */
export function* bodyPieces(rows: readonly object[]): Generator<Buffer> {
  // Text first, encoded a piece at a time: one buffer a piece, not one a row.
  let piece = '';
  for (let i = 0; i < rows.length; i++) {
    const text = JSON.stringify(rows[i]);
    piece += i === 0 ? text : `,\n${text}`;
    if (piece.length >= PIECE) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  yield Buffer.from(`${piece}\n]}\n`, 'utf8');
}
