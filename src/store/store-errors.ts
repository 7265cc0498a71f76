import { DomainError } from '../domain/errors.js';

/** A write or read after `close()`: the caller shut the store down and then used it, a wiring mistake. */
export class StoreClosedError extends DomainError {
  constructor(where: string) {
    super('store-closed', `The ${where} store is closed: it was shut down and takes no more reads or writes.`);
  }
}

/**
 * A store file that is not what the store wrote: hand-edited, truncated or from another program.
 * The message is one line naming the file, so start-up can print it as it is.
 */
export class CorruptStoreError extends DomainError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super('corrupt-store', `The store file ${file} is corrupt: ${problem}`);
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
