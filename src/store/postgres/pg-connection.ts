import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';
import { InvalidInputError } from '../../domain/errors.js';

/** How to reach the database: `DATABASE_URL`, `DATABASE_POOL_SIZE` and `DATABASE_SSL_CA`. */
export interface PgConnectionSettings {
  url: string;
  /** Connections this process keeps at most (default 10): several instances each hold their own. */
  poolSize?: number;
  /** A PEM file with the CA that signed the server's certificate, for a private CA; public CAs need none. */
  sslCaFile?: string;
}

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];

/**
 * The pool's settings. TLS is asked for as libpq asks for it, by `sslmode` in the URL: `require` encrypts (and
 * checks the certificate only when DATABASE_SSL_CA names a CA, as libpq does with a root certificate),
 * `verify-ca` checks the chain, `verify-full` the chain and the host name; `prefer` is taken as `require` and `allow`
 * as `disable` (the driver cannot fall back from one to the other). The ssl parameters are taken out of
 * the URL and handed to the driver as options, since the driver would otherwise read them its own way.
 */
export function poolConfig(settings: PgConnectionSettings): PoolConfig {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new InvalidInputError('DATABASE_URL: is not a URL (postgres://user:password@host:5432/database).', 'DATABASE_URL');
  }
  const mode = (url.searchParams.get('sslmode') ?? (settings.sslCaFile ? 'verify-full' : 'disable')) as SslMode;
  if (!SSL_MODES.includes(mode)) throw new InvalidInputError(`DATABASE_URL: sslmode must be one of ${SSL_MODES.join(', ')}.`, 'DATABASE_URL');
  for (const p of ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat']) url.searchParams.delete(p);
  return {
    connectionString: url.toString(),
    max: settings.poolSize ?? 10,
    ssl: tlsOptions(mode, settings.sslCaFile),
    // A connection the server dropped (a restart, a failover) is replaced rather than kept.
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'school-improvement-bot',
  };
}

function tlsOptions(mode: SslMode, caFile: string | undefined): false | ConnectionOptions {
  if (mode === 'disable' || mode === 'allow') return false;
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (e) {
      throw new InvalidInputError(`DATABASE_SSL_CA: ${caFile} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'DATABASE_SSL_CA');
    }
  }
  if (mode === 'verify-full') return { rejectUnauthorized: true, ca };
  if (mode === 'verify-ca' || ca) return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
  return { rejectUnauthorized: false };
}

/** The URL with its password hidden, for log lines and messages. */
export function redactedUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
