import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { z } from 'zod/v4';
import { collectionNames, collectionSchemas, type CollectionName } from '../domain/collections.js';
import { instant, type RecordMeta } from '../domain/record.js';
import type { Json } from '../app/ports/store.port.js';
import { readBytesIfExists, replaceFileInPieces, syncDirectory } from './durable-file.js';
import { bodyPieces, bodySha256, headerLine, headerOf } from './partition-lines.js';
import { CorruptStoreError, parseStoreJson } from './store-errors.js';
import { deepFreeze } from './immutable.js';
import { TimeSlices } from './time-slices.js';
import { worded } from '../domain/issue-wording.js';

/**
 * Partitions: each collection is split by the month its records were created (`schools/2026-11`), so
 * a fold writes to one month's files (a segment beside it, or the month rewritten: see segments.ts), not the
 * whole store; a record never moves, since `createdAt`
 * never changes. Idempotency keys live in one partition per day (`idempotency/2026-11-23`), so old
 * days are dropped by deleting a file.
 */
export const IDEMPOTENCY = 'idempotency';
export type Space = CollectionName | typeof IDEMPOTENCY;

/** `<space>/<period>`: also the partition's path under the store's folder, without `.json`. */
export type PartitionKey = string;

/** A completed idempotent unit: its key, the value it returned, and when. */
export interface IdempotencyEntry {
  key: string;
  value: Json;
  at: string;
}

export type Row = RecordMeta | IdempotencyEntry;

/** What one partition file holds: the generation of the commit that last wrote it, and its rows in order. */
export interface PartitionData {
  generation: number;
  rows: Row[];
}

export const monthOf = (createdAt: string): string => new Date(createdAt).toISOString().slice(0, 7);
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

export const recordPartition = (collection: CollectionName, record: Pick<RecordMeta, 'createdAt'>): PartitionKey =>
  `${collection}/${monthOf(record.createdAt)}`;
export const idempotencyPartition = (at: Date): PartitionKey => `${IDEMPOTENCY}/${dayOf(at)}`;

const PERIOD = /^\d{4}-\d{2}(-\d{2})?$/;

/** Splits a partition key; undefined for a key this version does not know (a collection since removed, a typo). */
export function parsePartitionKey(key: string): { space: Space; period: string } | undefined {
  const [space, period, ...rest] = key.split('/');
  if (rest.length || !period || !PERIOD.test(period)) return undefined;
  if (space === IDEMPOTENCY) return period.length === 10 ? { space, period } : undefined;
  if (!(collectionNames as string[]).includes(space!) || period.length !== 7) return undefined;
  return { space: space as CollectionName, period };
}

/** A segment's file: the partition's, with the generation of the last commit it holds before `.json` (see segments.ts). */
export const segmentFile = (partitionFile: string, generation: number): string => partitionFile.replace(/\.json$/, `+${generation}.json`);

export const spaceOf = (key: PartitionKey): Space => key.slice(0, key.indexOf('/')) as Space;

/** The identity of a row within its partition: tenant and id for records, the key for idempotency entries. */
export function rowKey(space: Space, row: Row): string {
  if (space === IDEMPOTENCY) return (row as IdempotencyEntry).key;
  const r = row as RecordMeta;
  return `${r.tenantId}\u0000${r.id}`;
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

const IdempotencyEntrySchema = z.object({ key: z.string().min(1), value: z.unknown(), at: instant() });
const PartitionEnvelope = z.object({ generation: z.number().int().nonnegative(), rows: z.array(z.unknown()) });

/** Validates one row of a partition (store file or journal): the collection's schema, and the right month. */
export function parseRow(key: PartitionKey, row: unknown, where: string, file: string): Row {
  const space = spaceOf(key);
  const schema = space === IDEMPOTENCY ? IdempotencyEntrySchema : collectionSchemas[space];
  const parsed = schema.safeParse(row, worded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CorruptStoreError(file, `${where}: ${issue.path.join('.') || 'row'}: ${issue.message}.`);
  }
  if (space !== IDEMPOTENCY && recordPartition(space, parsed.data as RecordMeta) !== key) {
    throw new CorruptStoreError(file, `${where} was created in another month than this partition holds.`);
  }
  return parsed.data as Row;
}

/** Parses and validates a partition file's text row by row against the schemas; any problem is one line naming the file. */
export function validatePartition(key: PartitionKey, text: string, file: string): PartitionData {
  const json = parseStoreJson(text, file);
  const envelope = PartitionEnvelope.safeParse(json);
  if (!envelope.success) throw new CorruptStoreError(file, 'it lacks the generation number or the rows.');
  const rows = envelope.data.rows.map((row, i) => parseRow(key, row, `row ${i + 1}`, file));
  return { generation: envelope.data.generation, rows };
}

/**
 * Reads a partition file's bytes. One the store wrote itself carries the SHA-256 of its rows in its first
 * line: when it matches, the rows are taken as written (they were validated when they were stored), one
 * line at a time, with a turn of the event loop between `slices`. Any other file (edited by hand, or from an
 * earlier version) is validated row by row. The rows come back frozen.
 */
export async function parsePartition(key: PartitionKey, bytes: Buffer, file: string, slices = new TimeSlices()): Promise<PartitionData> {
  const header = headerOf(bytes);
  // Hashed as bytes, as it was written: hashing the decoded text would encode it all again.
  if (header && (await bodySha256(bytes, header.bodyStart, slices)) === header.sha256) {
    const rows = (await rowsByLine(bytes.toString('utf8', header.bodyStart), slices)) ?? (parseStoreJson(bytes.toString('utf8'), file) as PartitionData).rows;
    return { generation: header.generation, rows: deepFreeze(rows) };
  }
  const data = validatePartition(key, bytes.toString('utf8'), file);
  return { generation: data.generation, rows: deepFreeze(data.rows) };
}

/** The rows of a body laid out as the store writes it (one a line, see `bodyPieces`); undefined for any other layout. */
async function rowsByLine(text: string, slices: TimeSlices): Promise<Row[] | undefined> {
  const rows: Row[] = [];
  for (let at = 0; ; ) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return undefined;
    const line = text.slice(at, nl);
    if (line === ']}') return nl + 1 === text.length ? rows : undefined;
    if (line !== '' || rows.length > 0) {
      const json = line.endsWith(',') ? line.slice(0, -1) : line;
      const row = parseLine(json);
      if (row === undefined) return undefined;
      rows.push(row);
    }
    at = nl + 1;
    if (slices.due()) await slices.next();
  }
}

function parseLine(json: string): Row | undefined {
  try {
    return JSON.parse(json) as Row;
  } catch {
    return undefined;
  }
}

/** A partition file through lowdb: read and written a slice at a time, so a large month never holds up the event loop for long. */
class PartitionFile implements Adapter<PartitionData | null> {
  constructor(
    private readonly key: PartitionKey,
    readonly file: string,
    private readonly slices: TimeSlices,
  ) {}

  async read(): Promise<PartitionData | null> {
    const bytes = await readBytesIfExists(this.file);
    this.slices.resume();
    return bytes === undefined ? null : parsePartition(this.key, bytes, this.file, this.slices);
  }

  /** Temporary file, sync, rename; the caller syncs the folder once for every file it wrote. */
  async write(data: PartitionData | null): Promise<void> {
    const { generation, rows } = data!;
    const head = { length: Buffer.byteLength(headerLine(generation, '0'.repeat(64))), text: (sum: string) => headerLine(generation, sum) };
    await replaceFileInPieces(this.file, head, bodyPieces(rows), this.slices);
  }
}

/** The files of one store: `db.json` is the manifest, `db.json.d/<space>/<period>.json` the partitions. */
export class StoreFiles {
  readonly folder: string;
  readonly journal: string;
  /** The journal of the store's earlier format, read once to carry over a commit an earlier version left half done. */
  readonly legacyJournal: string;
  readonly lock: string;

  constructor(readonly manifest: string) {
    this.folder = `${manifest}.d`;
    this.journal = join(this.folder, 'journal.log');
    this.legacyJournal = join(this.folder, 'journal.json');
    this.lock = `${manifest}.lock`;
  }

  partition(key: PartitionKey): string {
    return join(this.folder, `${key}.json`);
  }

  /** A segment's file: the partition's, with the generation of its last commit (see segments.ts). */
  segment(key: PartitionKey, generation: number): string {
    return segmentFile(this.partition(key), generation);
  }

  /** Reads a partition's file, or with `segment` one of its segments; undefined when the file does not exist. A fold reads at its background pace. */
  async readPartition(key: PartitionKey, slices = new TimeSlices(), segment?: number): Promise<PartitionData | undefined> {
    const db = new Low<PartitionData | null>(new PartitionFile(key, segment === undefined ? this.partition(key) : this.segment(key, segment), slices), null);
    await db.read();
    return db.data ?? undefined;
  }

  /**
   * Replaces a partition file, at the fold's background pace (only a fold writes partitions); the caller
   * syncs its folder (`syncDirectory`) once for every file it wrote.
   */
  async writePartition(key: PartitionKey, data: PartitionData): Promise<void> {
    const dir = dirname(this.partition(key));
    // A new collection's folder must itself reach the disk, or its first file could vanish with it.
    if (await mkdir(dir, { recursive: true })) await syncDirectory(dirname(dir));
    await this.write(data, new PartitionFile(key, this.partition(key), TimeSlices.background()));
  }

  /** Writes a segment beside a partition already on disk (its folder exists), the same way: the caller syncs the folder. */
  async writeSegment(key: PartitionKey, data: PartitionData): Promise<void> {
    await this.write(data, new PartitionFile(key, this.segment(key, data.generation), TimeSlices.background()));
  }

  private async write(data: PartitionData, file: PartitionFile): Promise<void> {
    const db = new Low<PartitionData | null>(file, null);
    db.data = data;
    await db.write();
  }
}
