import { mkdir, unlink } from 'node:fs/promises';
import type { Logger } from '../app/ports/logger.port.js';
import { ignoreMissing } from './durable-file.js';
import { frameEntry, readLegacyJournal, type JournalFile } from './journal.js';
import { readManifest } from './manifest.js';
import type { StoreFiles } from './partition.js';

/** Creates the journal of a new store, carrying over a commit an earlier version of the store left half done. */
export async function startJournal(files: StoreFiles, journal: JournalFile, logger: Logger): Promise<void> {
  await mkdir(files.folder, { recursive: true });
  const manifest = await readManifest(files.manifest);
  const legacy = await readLegacyJournal(files.legacyJournal);
  await journal.reset(manifest.generation);
  if (legacy && legacy.generation > manifest.generation) {
    logger.warn({ code: 'store-journal-replayed', generation: legacy.generation }, 'store finished an interrupted commit');
    await journal.append(frameEntry({ ...legacy, generation: manifest.generation + 1 }), async () => undefined);
  }
  await unlink(files.legacyJournal).catch(ignoreMissing);
}
