import { StoreUnreachableError } from '../../domain/errors.js';

/** Socket errors meaning the server is not there (down, restarting, unreachable on the network). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether an error from the driver means the database could not be reached or dropped the connection, rather than
 * refusing what was asked: a socket error, a server shutting down or starting (SQLSTATE 57P01-57P03), a
 * connection exception (class 08), or the driver's own words for a connection that ended or never came.
 */
export function isUnreachable(e: unknown): boolean {
  if (e instanceof StoreUnreachableError) return true;
  const err = e as { code?: unknown; message?: unknown } | undefined;
  const code = typeof err?.code === 'string' ? err.code : '';
  if (SOCKET_CODES.has(code) || /^57P0[123]$/.test(code) || code.startsWith('08')) return true;
  const message = typeof err?.message === 'string' ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended/i.test(message);
}

/** How long to wait before each further try after the database could not be reached: a brief blip is ridden out. */
export const UNREACHABLE_BACKOFF_MS = [100, 400] as const;

/**
 * Runs a read, again after a short wait when the database could not be reached (the pool opens a fresh
 * connection for each try); still unreachable, it is a StoreUnreachableError, which says nothing of the server.
 */
export async function withReachability<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      const wait = UNREACHABLE_BACKOFF_MS[attempt];
      if (wait === undefined) throw new StoreUnreachableError();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
