import type { Config } from '../config.js';
import type { Logger } from '../app/ports/logger.port.js';
import type { StoreReader } from '../app/ports/store.port.js';
import { holdsImportedData } from '../app/demo/seed-demo.js';
import { UnreadableStoreError } from '../domain/errors.js';

/** Whether an interface is reachable from this machine only. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\./.test(host);

/**
 * The settings and data that say "this is a real installation": with them but without BOT_ID, the bot checks no
 * token on any request, which is right for trying it and wrong for serving real people.
 */
export async function productionSignsWithoutBotId(config: Config, store: StoreReader): Promise<string[]> {
  if (config.mode !== 'local') return [];
  const signs: string[] = [];
  if (config.bot.allowedTenantId) signs.push('BOT_TENANT_ID');
  if (config.graph) signs.push('Graph credentials');
  if (config.store.databaseUrl) signs.push('DATABASE_URL');
  if (await holdsImportedData(store, config.tenantId).catch(unreadableCountsAsImported)) signs.push('imported (non-demo) schools or people in the store');
  return signs;
}

/** A store that cannot be read is not known to be the demo's: start-up goes on (/healthz reports it) and warns. */
function unreadableCountsAsImported(error: unknown): true {
  if (error instanceof UnreadableStoreError) return true;
  throw error;
}

/**
 * Warnings at start-up about local mode (no BOT_ID): when it listens beyond this machine (HOST), and when
 * production settings or real data are present, since a forgotten credential must never serve a real store
 * silently. Logged at warn level; nothing is refused, so local mode can still be tried on a copy.
 */
export async function warnAboutLocalMode(config: Config, host: string, store: StoreReader, logger: Logger): Promise<void> {
  if (config.mode !== 'local') return;
  if (!isLoopback(host)) {
    logger.warn(
      { code: 'local-mode-exposed', host },
      `Local mode is listening on ${host}, beyond this machine (HOST): no Bot Framework token is checked, so anyone who can reach it can act as anyone in the store.`,
    );
  }
  const signs = await productionSignsWithoutBotId(config, store);
  if (signs.length) {
    logger.warn(
      { code: 'local-mode-production-settings', signs },
      `Local mode (BOT_ID is not set) with ${signs.join(', ')}: no Bot Framework token is checked on any request and Teams cannot be reached; set BOT_ID and BOT_PASSWORD to serve this organisation.`,
    );
  }
}
