import { createHash } from 'node:crypto';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { TimeSlices } from './time-slices.js';

/**
 * Flushes a directory's entries to disk, so that a file just created, renamed or removed in it
 * survives a power cut. Some platforms cannot open a directory for syncing; there, rename is the best we get.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'ENOENT'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await handle?.close();
  }
}

/** Writes the text and forces it to disk before returning; with `mode`, the file has those permissions before it holds anything. */
export async function writeAndSync(file: string, text: string | Buffer, mode?: number): Promise<void> {
  const handle = await open(file, 'w', mode);
  try {
    // open's mode applies only to a file it creates: a leftover temporary file keeps its own until told.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces a file atomically and durably: the new content goes to a temporary file, is synced, and is
 * renamed over the old one, so a crash leaves either the old file or the new one, never a torn mix.
 * Only one process writes at a time (the store's lock), so a fixed temporary name is safe; a crashed
 * writer's leftover is simply overwritten.
 * The caller syncs the directory once for all the files it replaced (see `syncDirectory`).
 */
export async function replaceFile(file: string, text: string, mode?: number): Promise<void> {
  const temp = `${file}.tmp`;
  await writeAndSync(temp, text, mode);
  await rename(temp, file);
}

/** For a `.catch` after deleting or listing: a file (or folder) already gone is fine, any other failure is not. */
export const ignoreMissing = (e: unknown): void => {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
};

/** Reads a file's bytes; undefined when it does not exist. */
export async function readBytesIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Reads a text file; undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  return (await readBytesIfExists(file))?.toString('utf8');
}

/**
 * A lowdb adapter for one store file: JSON in and out, parsed and validated by `parse` on read,
 * replaced atomically and durably on write (lowdb's own JSONFile renames without syncing, which a
 * power cut can undo after the commit journal is gone).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly parse: (text: string, file: string) => T,
    private readonly stringify: (data: T) => string = (data) => JSON.stringify(data),
    /** False when the caller syncs the directory once for several files it replaced. */
    private readonly syncDir = true,
  ) {}

  async read(): Promise<T | null> {
    const text = await readIfExists(this.file);
    return text === undefined ? null : this.parse(text, this.file);
  }

  async write(data: T): Promise<void> {
    await replaceFile(this.file, this.stringify(data));
    if (this.syncDir) await syncDirectory(dirname(this.file));
  }
}

/**
 * Like `replaceFile`, for a file too large to build as one string on the event loop: `pieces` make the body, each
 * written as it comes (every write a turn of the loop); the first line, whose length is known in advance, depends
 * on the SHA-256 of the body, so it is written last, at the start, before the sync and the rename. `slices` sets the pace.
 */
export async function replaceFileInPieces(
  file: string,
  head: { length: number; text: (bodySha256: string) => string },
  pieces: Iterable<Buffer>,
  slices: TimeSlices,
): Promise<void> {
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    const hash = createHash('sha256');
    let at = head.length;
    let ready: Buffer[] = [];
    const flush = async () => {
      const bytes = Buffer.concat(ready);
      ready = [];
      // The write's wait is not the slice's time; the pieces made before it are, and set the pause after it.
      await slices.waitFor(writeAt(handle, bytes, at));
      at += bytes.length;
    };
    for (const piece of pieces) {
      // Bytes, hashed as they are: hashing text would encode it a second time.
      hash.update(piece);
      ready.push(piece);
      if (!slices.due()) continue;
      await flush();
      await slices.next();
    }
    await flush();
    const first = Buffer.from(head.text(hash.digest('hex')), 'utf8');
    if (first.length !== head.length) throw new Error(`The first line of ${file} came out ${first.length} bytes long, not ${head.length}.`);
    await writeAt(handle, first, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** Writes all of `bytes` at `position`, going on after a short write. */
export async function writeAt(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
}
