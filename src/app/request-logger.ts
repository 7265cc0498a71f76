import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from './ports/logger.port.js';

/**
 * Log lines tagged with the request they belong to. `logger` is handed out once (to the use cases, the store, the
 * handlers); a line written while `run` is under way for a request carries that request's `requestId`, so
 * everything one incoming activity caused can be found together, across its awaits, without passing a logger
 * down every call. Outside a request (start-up, the job runner), lines are as the base logger writes them.
 */
export class RequestLogs {
  private readonly current = new AsyncLocalStorage<string>();
  readonly logger: Logger;

  constructor(private readonly base: Logger) {
    const line =
      (level: keyof Logger) =>
      (obj: object, msg?: string): void => {
        const requestId = this.current.getStore();
        this.base[level](requestId ? { requestId, ...obj } : obj, msg);
      };
    this.logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  }

  /** Runs one request's work with its id: the activity's own id when it has a usable one, else a new one. */
  run<T>(activityId: unknown, work: () => Promise<T>): Promise<T> {
    return this.current.run(requestIdOf(activityId), work);
  }
}

/** An activity id is an opaque id Teams chose (no content); anything else, or none, gets a random id. */
function requestIdOf(activityId: unknown): string {
  return typeof activityId === 'string' && /^[\w:.@|-]{1,128}$/.test(activityId) ? activityId : randomUUID();
}
