import { hasRole } from '../../domain/person.js';
import { loggableError } from '../logging.js';
import type { Logger } from '../ports/logger.port.js';
import type { Messenger } from '../ports/messenger.port.js';
import type { StoreReader } from '../ports/store.port.js';

/** What an administrator is told in their 1:1 chat: the collection, never a server file (that is in the log). */
export const damagedStoreMessage = (part: string) =>
  `The bot could not read its stored ${part} records: the store is damaged, and people using the bot are being told to try again later. ` +
  `The server's log names the file (an error with code corrupt-store), and /healthz answers 503 until it is put right. ` +
  `Restore the last good backup (npm run cli -- restore <file>), then restart the bot.`;

export interface DamagedStoreAlarmDeps {
  store: StoreReader;
  messenger: Messenger;
  logger: Logger;
  tenantId: string;
}

/**
 * Tells the administrators, in their 1:1 chats, that a part of the store could not be read: once per damaged part
 * for the life of the process (every request that touches it fails the same way, and one message says it all).
 * When the people themselves cannot be read, nobody can be looked up to tell: the error log and /healthz remain.
 * Never throws: raising the alarm must not turn one failure into two.
 */
export class DamagedStoreAlarm {
  private readonly raised = new Set<string>();

  constructor(private readonly deps: DamagedStoreAlarmDeps) {}

  /** Raises the alarm for a damaged part; returns how many administrators were told (0 if already told). */
  async raise(part: string): Promise<number> {
    if (this.raised.has(part)) return 0;
    this.raised.add(part);
    const { store, messenger, logger, tenantId } = this.deps;
    try {
      const admins = (await store.find('people', tenantId)).filter((p) => hasRole(p, 'admin'));
      let told = 0;
      for (const admin of admins) {
        const outcome = await messenger.sendToPerson(tenantId, admin, { text: damagedStoreMessage(part) });
        if (outcome.status === 'sent') told += 1;
      }
      logger.warn({ part, told, administrators: admins.length }, 'administrators told of the damaged store');
      return told;
    } catch (err) {
      // Warn, not error: the damage itself is already logged at error level.
      logger.warn({ part, err: loggableError(err) }, 'could not tell the administrators of the damaged store');
      return 0;
    }
  }
}
