import type { Config } from '../config.js';
import type { Calendar } from '../app/ports/calendar.port.js';
import type { Clock } from '../app/ports/clock.port.js';
import type { Logger } from '../app/ports/logger.port.js';
import type { Mailer } from '../app/ports/mail.port.js';
import type { Metrics } from '../app/ports/metrics.port.js';
import type { Messenger } from '../app/ports/messenger.port.js';
import type { Store } from '../app/ports/store.port.js';
import type { AgendaTemplate } from '../domain/agenda-template.js';
import type { TimeZone } from '../domain/time-zone.js';
import type { Composers } from '../app/delivery/composer.js';
import type { DamagedStoreAlarm } from '../app/store-health/damaged-store-alarm.js';
import type { DigestComposers } from '../app/digests/digest-composer.port.js';

/**
 * Everything a Teams handler may use, built once in `src/server.ts` and passed to every route.
 * Handlers reach the outside world only through these: no module-level clients or stores.
 */
export interface BotDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** What the bot counts for /metrics: commands and card actions by name and outcome (bounded labels only). */
  metrics: Metrics;
  /** Proactive Teams messages: 1:1 chats and registered channels. */
  messenger: Messenger;
  /** Mail through Graph, sent as GRAPH_MAIL_SENDER; undefined when Graph is not configured (no mail then). */
  mailer?: Mailer;
  /** The features' composers, registered with delivery (see `DeliveryDeps.composers`). */
  composers: Composers;
  /** The digests' composers, registered with the digest engine (`digestComposers()`). */
  digestComposers: DigestComposers;
  /** The organisation's calendars through Graph (strategy meetings, boards); undefined when Graph is not configured. */
  calendar?: Calendar;
  /**
   * TIMEZONE (`config.timezone`) with its formatters, made once at start-up: what use cases and cards read dates
   * in, so no press makes an Intl formatter of its own (see `TimeZone`).
   */
  timeZone: TimeZone;
  /** The tenant every record of this bot carries (`config.tenantId`). */
  tenantId: string;
  /** The built-in agenda templates (`templates/*.json`), read and checked once at start-up. */
  builtInTemplates: readonly AgendaTemplate[];
  /** Tells the administrators once when a part of the store cannot be read. */
  storeAlarm: DamagedStoreAlarm;
  /** The admin CLI's commands, for the help card of administrators (from src/cli, which the Teams layer does not import). */
  cliTasks: readonly { usage: string; summary: string }[];
}
