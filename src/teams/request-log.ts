import type { TurnContext } from 'botbuilder';
import type { Logger } from '../app/ports/logger.port.js';

/** Where the turn keeps the logger of the request it belongs to (see RequestLogs.forRequest). */
const REQUEST_LOGGER = Symbol('request logger');

/** Gives the turn the logger of its request, before any route runs. */
export function keepRequestLogger(context: TurnContext, logger: Logger): void {
  context.turnState.set(REQUEST_LOGGER, logger);
}

/** The dependencies a route hands on, their logger the request's own (so every line of the turn carries its requestId). */
export function withRequestLogger<D extends { logger: Logger }>(deps: D, context: TurnContext): D {
  const logger = context.turnState.get(REQUEST_LOGGER) as Logger | undefined;
  return logger ? { ...deps, logger } : deps;
}
