import { randomUUID } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { syncDirectory, writeAt } from './durable-file.js';
import { headerLine, type JournalFile, type JournalHeader } from './journal.js';
import { ignoreMissing } from './durable-file.js';

/** A fold's new journal, written but not yet in place (see `JournalStage.stage`). */
export interface StagedJournal {
  ino: number;
  header: JournalHeader;
  /** The offset in the current journal up to which its commits are copied. */
  copiedTo: number;
  /** The staged file's length. */
  length: number;
}

/**
 * A fold's new journal (`<journal>.staged`): written beside the current one under the fold lock while commits go on
 * (`stage`), then, under the commit lock, topped up with the commits made meanwhile and renamed over it (`promote`).
 */
export class JournalStage {
  constructor(private readonly journal: JournalFile) {}

  /**
   * A fold's new journal, written beside the current one while commits go on: the header (commits after `base`),
   * then the current journal's bytes from `from` to `to` (whole commits made since the fold's plan), synced.
   */
  async stage(base: number, from: number, to: number): Promise<StagedJournal> {
    const id = randomUUID();
    const head = Buffer.from(headerLine(base, id), 'utf8');
    const carried = await this.journal.readRange(from, to);
    const handle = await open(this.journal.stagedFile, 'w');
    try {
      await handle.writeFile(Buffer.concat([head, carried]));
      await handle.sync();
      // The inode it keeps once renamed: the new journal's identity, without reading its commits back.
      const { ino } = await handle.stat();
      return { ino, header: { base, id, length: head.length }, copiedTo: to, length: head.length + carried.length };
    } finally {
      await handle.close();
    }
  }

  /**
   * Under the lock: adds the commits made since `staged` was written (up to `to`), syncs it and renames it over
   * the current journal. From here on commits go to the new journal.
   */
  async promote(staged: StagedJournal, to: number): Promise<{ ino: number; header: JournalHeader; length: number }> {
    const rest = await this.journal.readRange(staged.copiedTo, to);
    if (rest.length > 0) {
      const handle = await open(this.journal.stagedFile, 'r+');
      try {
        await writeAt(handle, rest, staged.length);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    }
    await this.journal.closeAppend();
    await rename(this.journal.stagedFile, this.journal.file);
    await syncDirectory(this.journal.folder);
    return { ino: staged.ino, header: staged.header, length: staged.length + rest.length };
  }

  /**
   * Deletes a staged journal a fold left behind (it failed, or its process died, before promoting it): never
   * read, it only takes room. The caller holds the fold lock, so no fold is between staging and promoting.
   */
  async discardStaged(): Promise<void> {
    await unlink(this.journal.stagedFile).catch(ignoreMissing);
  }
}
