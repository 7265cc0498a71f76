import { ActivityTypes } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import type { BotDeps } from './deps.js';
import { SOMETHING_WENT_WRONG, unreadableRecords } from './dispatch.js';
import { StoreUnreachableError, UnreadableStoreError } from '../domain/errors.js';
import { loggableError } from '../app/logging.js';
import { registerRoutes } from './routes.js';
import { withRequestLogger } from './request-log.js';

/**
 * The teams-ai Application: every route, over the given adapter. Handlers catch their own refusals;
 * the error handler here is for what escapes them (a failure to reply, a bug), logged by name only.
 */
export function createApp(deps: BotDeps, adapter: TeamsAdapter): Application {
  const app = new Application({
    adapter,
    botAppId: deps.config.bot.id ?? '',
    // Strips "<at>School Improvement Bot</at>" from channel messages so commands read the same everywhere.
    removeRecipientMention: true,
    // The typing timer is one field shared by all turns in flight; commands answer quickly anyway.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.error(async (context, err) => {
    const { logger } = withRequestLogger(deps, context);
    const where = { activityType: context.activity.type };
    // e.g. the people partition is damaged, so not even the person could be looked up.
    let message = SOMETHING_WENT_WRONG;
    if (err instanceof UnreadableStoreError) message = unreadableRecords(err, { ...deps, logger }, where);
    else if (err instanceof StoreUnreachableError) {
      message = err.message;
      logger.warn({ ...where, code: err.code }, 'the store could not be reached');
    } else logger.error({ ...where, err: loggableError(err) }, 'turn failed');
    if (context.activity.type === ActivityTypes.Message && !context.responded) {
      await context.sendActivity(message).catch(() => undefined);
    }
  });
  registerRoutes(app, deps);
  return app;
}
