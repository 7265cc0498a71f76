import { randomUUID } from 'node:crypto';
import type { Logger } from './ports/logger.port.js';

/**
 * Log lines tagged with the request they belong to. `logger` is the base logger, handed out once (to the store,
 * the messenger, the jobs); `forRequest` gives the logger of one incoming activity, whose every line carries its
 * `requestId`, so everything one activity caused (refusals at the door, the handler, its use cases, the sends after
 * its answer) can be found together. It is passed along with the request (the turn holds it: see
 * src/teams/request-log.ts) rather than found from an async context: Node 20's AsyncLocalStorage makes every
 * promise in the process pay for tracking, about 8% of a card press.
 */
export class RequestLogs {
  constructor(readonly logger: Logger) {}

  /** The logger of one request: its lines carry the activity's own id when it has a usable one, else a new one. */
  forRequest(activityId: unknown): Logger {
    const requestId = requestIdOf(activityId);
    const line =
      (level: keyof Logger) =>
      (obj: object, msg?: string): void =>
        this.logger[level]({ requestId, ...obj }, msg);
    return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  }
}

/** An activity id is an opaque id Teams chose (no content); anything else, or none, gets a random id. */
function requestIdOf(activityId: unknown): string {
  return typeof activityId === 'string' && /^[\w:.@|-]{1,128}$/.test(activityId) ? activityId : randomUUID();
}
