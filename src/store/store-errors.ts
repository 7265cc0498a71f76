import { DomainError, UnreadableStoreError } from '../domain/errors.js';

/** A write or read after `close()`: the caller shut the store down and then used it, a wiring mistake. */
export class StoreClosedError extends DomainError {
  constructor(where: string) {
    super('store-closed', `The ${where} store is closed: it was shut down and takes no more reads or writes.`);
  }
}

/**
 * What a store file holds, from its path: a partition (`<DATA_FILE>.d/<collection>/<period>.json`) names its
 * collection (or `idempotency`), `<DATA_FILE>.d/journal.json` the journal, anything else the manifest.
 */
export function storePartOf(file: string): string {
  const partition = /\.d[\\/]([A-Za-z]+)[\\/][\d-]+\.json$/.exec(file);
  if (partition) return partition[1]!;
  return /\.d[\\/]journal\.json$/.test(file) ? 'journal' : 'manifest';
}

/**
 * A store file that is not what the store wrote: hand-edited, truncated or from another program.
 * The message is one line naming the file, so start-up can print it as it is; `part` names the collection
 * (or the manifest or journal) for what may be shown beyond the server (the chat, /healthz).
 */
export class CorruptStoreError extends UnreadableStoreError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(storePartOf(file), `The store file ${file} is corrupt: ${problem}`);
  }
}

/** Parses a store file's JSON; bad JSON is a CorruptStoreError naming the file. */
export function parseStoreJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CorruptStoreError(file, `not valid JSON (${(e as Error).message}).`);
  }
}
