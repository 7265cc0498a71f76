/**
 * Named errors shared by the domain, the use cases and the adapters. Each carries a code and a
 * message a user can act on; the Teams layer shows the message, the CLI prints it on one line.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Someone saved a record that another person changed since they opened it. */
export class StaleWriteError extends DomainError {
  constructor(
    readonly collection: string,
    readonly recordId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super('stale-write', 'Someone else changed this record since you opened it. Open it again to see their changes, then make yours.');
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, readonly recordId?: string) {
    super('not-found', `${what} was not found.`);
  }
}

/** The person may not do this: wrong role, wrong school, missing training. */
export class NotAllowedError extends DomainError {
  constructor(message: string) {
    super('not-allowed', message);
  }
}

/** Input that breaks a rule; `field` names the input (card input id, CSV column, setting). */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super('invalid-input', message);
  }
}

/** The action no longer applies to the record's state (e.g. signing an already signed form). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** A message, mail or booking that Teams or Graph would not take even after retrying. */
export class DeliveryError extends DomainError {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super('delivery-failed', message);
  }
}

/**
 * Stored records that cannot be read back (a damaged file, a hand edit). `part` names what is damaged in words an
 * administrator knows (a collection such as `visits`, or the store's manifest or journal), never a file path, so it
 * may be shown to the person and on /healthz; the adapter's log line names the file.
 */
export class UnreadableStoreError extends DomainError {
  constructor(
    readonly part: string,
    message: string,
  ) {
    super('corrupt-store', message);
  }
}

/**
 * The database could not be reached (down, restarting, a failover): nothing of the request was stored, and trying
 * again shortly is the answer. The message is for the person and names no server, URL or password.
 */
export class StoreUnreachableError extends DomainError {
  /** `maybeSaved`: the connection was lost while the change was being committed, so whether it landed is unknown. */
  constructor(readonly maybeSaved = false) {
    super(
      'store-unreachable',
      maybeSaved
        ? 'Sorry, I lost touch with my records while saving this, so I cannot tell whether it was saved. Please check in a minute before trying again.'
        : 'Sorry, I could not reach my records just now, so nothing was saved. Please try again in a minute.',
    );
  }
}
