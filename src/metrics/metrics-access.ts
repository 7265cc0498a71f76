import { createHash, timingSafeEqual } from 'node:crypto';

/** Who may read `GET /metrics`: the settings it depends on. */
export interface MetricsAccessSettings {
  /** METRICS_TOKEN: a scraper presenting `Authorization: Bearer <token>` is served. */
  token?: string;
  /** In local mode a request from this machine (127.0.0.1, ::1) is served without a token. */
  mode: 'local' | 'authenticated';
}

/** What a request to /metrics gets: the metrics, 401 (a token is wanted and not given), or 404 (no metrics here). */
export type MetricsAccess = 'serve' | 'unauthorized' | 'not-found';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Compares two secrets in constant time, whatever their lengths (both are hashed first). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Decides a request to /metrics. Served when it carries the METRICS_TOKEN as a bearer token, or in local mode
 * when it comes from this machine. Otherwise: with a token configured, 401 (a scraper should learn its token is
 * wrong); without one, 404, as if there were no such endpoint, so a bot facing the internet says nothing of it.
 */
export function metricsAccess(settings: MetricsAccessSettings, request: { authorization?: string; remoteAddress?: string }): MetricsAccess {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '')?.[1];
  if (settings.token && bearer && sameSecret(bearer, settings.token)) return 'serve';
  if (settings.mode === 'local' && request.remoteAddress && LOOPBACK.has(request.remoteAddress)) return 'serve';
  return settings.token ? 'unauthorized' : 'not-found';
}
