import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { open, truncate, type FileHandle } from 'node:fs/promises';
import { z } from 'zod/v4';
import { readIfExists, replaceFile, syncDirectory } from './durable-file.js';
import { parsePartitionKey, sha256, type PartitionKey, type Row } from './partition.js';
import { CorruptStoreError } from './store-errors.js';
import { deepFreeze } from './immutable.js';

/** How one partition changes in a commit: rows put (by identity) and removed, or, for a restore, replaced whole. */
export type PartitionChange = { put: Row[]; remove: string[] } | { replace: Row[] };

/**
 * One commit (a group of units of work), as appended to the journal. Its generation is one above the
 * commit before it; the manifest's generation says which commits are already folded into the partition files.
 */
export interface JournalEntry {
  generation: number;
  partitions: Record<PartitionKey, PartitionChange>;
  /** Partitions to delete: idempotency days past keeping. */
  drop: PartitionKey[];
  /** A restore: afterwards the store holds exactly this entry's partitions. */
  replaceAll: boolean;
}

export const JOURNAL_FORMAT = 'school-improvement-bot/journal';

const HeaderSchema = z.object({ format: z.literal(JOURNAL_FORMAT), version: z.literal(1), base: z.number().int().nonnegative(), id: z.string() });

/** A journal's first line: which commit it starts after, and an id of its own (inode numbers are reused, ids are not). */
export interface JournalHeader {
  base: number;
  id: string;
  length: number;
}
const EntrySchema = z.object({
  generation: z.number().int().positive(),
  partitions: z.record(
    z.string(),
    z.union([z.object({ put: z.array(z.unknown()), remove: z.array(z.string()) }), z.object({ replace: z.array(z.unknown()) })]),
  ),
  drop: z.array(z.string()),
  replaceAll: z.boolean(),
});

export const headerLine = (base: number, id: string): string => `${JSON.stringify({ format: JOURNAL_FORMAT, version: 1, base, id })}\n`;

/**
 * One entry as bytes: a frame line `<byte length> <sha256 of the body>`, then the body (the commit as
 * JSON on one line). The length tells a reader where the entry ends, the checksum whether it is whole.
 */
export function frameEntry(entry: JournalEntry): Buffer {
  const body = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} ${sha256(body)}\n`, 'utf8'), body]);
}

export interface JournalStat {
  ino: number;
  size: number;
  mtimeNs: bigint;
}

/** What reading the journal from an offset found: whole entries, where they end, and what follows them. */
export interface JournalRead {
  entries: JournalEntry[];
  /** The offset just past the last whole entry. */
  end: number;
  /** Bytes after `end` that are not a whole entry: a commit being written, or one a crash tore. */
  tail: 'none' | 'partial' | 'bad';
}

const FRAME = /^(\d{1,12}) ([0-9a-f]{64})$/;

/** Parses the entries in `bytes` (read from `offset`); a bad entry that is not the last is corruption. */
export function parseEntries(bytes: Buffer, offset: number, file: string): JournalRead {
  const entries: JournalEntry[] = [];
  let at = 0;
  while (at < bytes.length) {
    const nl = bytes.indexOf(10, at);
    if (nl < 0) return { entries, end: offset + at, tail: 'partial' };
    const frame = FRAME.exec(bytes.toString('utf8', at, nl));
    if (!frame) return { entries, end: offset + at, tail: 'bad' };
    const length = Number(frame[1]);
    const start = nl + 1;
    if (start + length > bytes.length) return { entries, end: offset + at, tail: 'partial' };
    const body = bytes.subarray(start, start + length);
    if (sha256(body) !== frame[2]) {
      // A torn write can only be the last thing in the file: whole entries after a bad one mean the disk changed it.
      if (start + length < bytes.length) throw new CorruptStoreError(file, `the commit at byte ${offset + at} fails its checksum and later commits follow it.`);
      return { entries, end: offset + at, tail: 'bad' };
    }
    entries.push(parseEntry(body.toString('utf8'), file));
    at = start + length;
  }
  return { entries, end: offset + at, tail: 'none' };
}

/** An entry whose checksum matched: the store wrote it, so only its shape and partition names are checked, not every row. */
function parseEntry(text: string, file: string): JournalEntry {
  const parsed = EntrySchema.safeParse(JSON.parse(text));
  const bad = parsed.success ? [...Object.keys(parsed.data.partitions), ...parsed.data.drop].find((k) => !parsePartitionKey(k)) : undefined;
  if (!parsed.success || bad) throw new CorruptStoreError(file, `it names ${bad ? `an unknown partition ${bad}` : 'no valid commit'}.`);
  return deepFreeze(parsed.data as JournalEntry);
}

/** The journal file `<DATA_FILE>.d/journal.log`: a header line, then entries appended one per commit. */
export class JournalFile {
  /** The journal kept open for appends, and its inode. */
  private appending: { handle: FileHandle; ino: number } | undefined;
  /** Where a fold writes its new journal (see `JournalStage`), a name of its own: `reset` uses `<file>.tmp`. */
  readonly stagedFile: string;

  constructor(
    readonly file: string,
    readonly folder: string,
  ) {
    this.stagedFile = `${file}.staged`;
  }

  /**
   * Its identity, size and modification time, the cheap check a reader makes before answering: any
   * change means another process appended, or folded and started a new journal.
   *
   * Synchronous on purpose: it runs before every read, and a stat of a local file is one system call of
   * a few microseconds, while the promise version costs some 50 µs of CPU in the thread pool hand-off
   * and promise bookkeeping around that same call. The event loop waits only for the call itself.
   */
  stat(): JournalStat | undefined {
    const s = statSync(this.file, { bigint: true, throwIfNoEntry: false });
    return s && { ino: Number(s.ino), size: Number(s.size), mtimeNs: s.mtimeNs };
  }

  /** Reads the header and every entry after it, with the file's inode (one open, so both come from one file). */
  async readAll(): Promise<{ ino: number; header: JournalHeader; read: JournalRead }> {
    const handle = await open(this.file, 'r');
    try {
      const { ino } = await handle.stat();
      const header = await this.header(handle);
      return { ino, header, read: await this.entriesFrom(handle, header.length) };
    } finally {
      await handle.close();
    }
  }

  /** Reads the entries from `offset` to the end, or 'moved' when the file is no longer the journal `id` (folded and started again). */
  async readFrom(offset: number, id: string): Promise<JournalRead | 'moved'> {
    const handle = await open(this.file, 'r');
    try {
      if ((await this.header(handle)).id !== id) return 'moved';
      return await this.entriesFrom(handle, offset);
    } finally {
      await handle.close();
    }
  }

  private async header(handle: FileHandle): Promise<JournalHeader> {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const nl = buffer.subarray(0, bytesRead).indexOf(10);
    const parsed = nl < 0 ? undefined : HeaderSchema.safeParse(safeJson(buffer.toString('utf8', 0, nl)));
    if (!parsed?.success) throw new CorruptStoreError(this.file, `it does not start with a ${JOURNAL_FORMAT} version 1 header.`);
    return { base: parsed.data.base, id: parsed.data.id, length: nl + 1 };
  }

  private async entriesFrom(handle: FileHandle, offset: number): Promise<JournalRead> {
    const { size } = await handle.stat();
    return parseEntries(await readBytes(handle, offset, Math.max(0, size - offset)), offset, this.file);
  }

  /**
   * Appends one framed entry and syncs it (fdatasync: the data and the new length, not the times).
   * `appended` runs between the write and the sync, for tests that stop a commit there.
   *
   * `ino` is the journal the caller caught up with under the lock: the file stays open for the next
   * commit while the journal is still that file (a fold renames a new one over it), which saves an open
   * and a close per commit. Without `ino`, the file is opened for this append alone.
   */
  async append(frame: Buffer, appended: () => Promise<void>, ino?: number): Promise<void> {
    const handle = ino === undefined ? await open(this.file, 'a') : await this.appendHandle(ino);
    try {
      await handle.write(frame);
      await appended();
      await handle.datasync();
    } catch (error) {
      // A file that failed a write or a sync is not trusted with the next commit.
      if (ino !== undefined) await this.closeAppend();
      throw error;
    } finally {
      if (ino === undefined) await handle.close();
    }
  }

  private async appendHandle(ino: number): Promise<FileHandle> {
    if (this.appending?.ino === ino) return this.appending.handle;
    await this.closeAppend();
    const handle = await open(this.file, 'a');
    if ((await handle.stat()).ino !== ino) {
      await handle.close();
      throw new Error(`The journal ${this.file} was replaced while this process held the store lock.`);
    }
    this.appending = { handle, ino };
    return handle;
  }

  /** Closes the file kept open for appends, if any (the store closing, or the journal cut or replaced). */
  async closeAppend(): Promise<void> {
    const appending = this.appending;
    this.appending = undefined;
    await appending?.handle.close();
  }

  /** Cuts a torn tail off, durably: what follows `offset` was never acknowledged to anyone. */
  async cut(offset: number): Promise<void> {
    await this.closeAppend();
    await truncate(this.file, offset);
    const handle = await open(this.file, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** Starts an empty journal of commits after `base` (a new store's), renamed over any old one. */
  async reset(base: number): Promise<void> {
    await this.closeAppend();
    await replaceFile(this.file, headerLine(base, randomUUID()));
    await syncDirectory(this.folder);
  }

  /**
   * The bytes from `start` to `end`: whole, synced commits, which nobody changes. The caller holds the fold lock
   * (and, to promote, the commit lock too), so no other process replaces the journal meanwhile.
   */
  async readRange(start: number, end: number): Promise<Buffer> {
    const handle = await open(this.file, 'r');
    try {
      const bytes = await readBytes(handle, start, end - start);
      if (bytes.length < end - start) throw new CorruptStoreError(this.file, `it ends before byte ${end}.`);
      return bytes;
    } finally {
      await handle.close();
    }
  }
}

/** Up to `length` bytes from `start`: fewer when the file ends first. */
async function readBytes(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(bytes, got, length - got, start + got);
    if (!bytesRead) break;
    got += bytesRead;
  }
  return bytes.subarray(0, got);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The journal of the store's earlier format (`journal.json`: one commit, then its SHA-256), left by a
 * process of an earlier version that died mid-commit: the commit, to be carried into the new journal,
 * or undefined when there is none or it was torn (never completely written, so it never happened).
 */
export async function readLegacyJournal(file: string): Promise<JournalEntry | undefined> {
  const text = await readIfExists(file);
  if (!text) return undefined;
  const [body, sum] = text.split('\n');
  if (!body || sum !== sha256(body)) return undefined;
  return parseEntry(body, file);
}
