import { notifyPersonBy } from '../app/delivery/notify-person.js';
import { fixedClock } from '../app/ports/clock.port.js';
import { silentLogger } from '../app/ports/logger.port.js';
import { createGraphMailer } from '../graph/mailer.js';
import { runOutbox } from '../jobs/outbox.job.js';
import { runReminders } from '../jobs/reminders.job.js';
import { createBotConnection } from '../teams/endpoint.js';
import { TeamsMessenger } from '../teams/messenger.js';
import type { CliContext } from './cli-command.js';

/**
 * Runs every job due at `at` once, sending through Teams (the bot's own settings) and Graph mail as the running
 * bot would, and prints one line per job. Safe to repeat and to run beside the bot: each reminder has a key per
 * item per day and each outbox item is claimed before it is sent, so nothing goes twice.
 */
export async function runDueJobs(ctx: CliContext, at: Date): Promise<void> {
  const { config, store, tenantId } = ctx;
  const clock = fixedClock(at);
  const logger = silentLogger;
  const { adapter } = createBotConnection(config);
  const messenger = new TeamsMessenger({ adapter, store, logger, botId: config.bot.id, serviceUrl: config.bot.serviceUrl });
  const mailer = createGraphMailer({ ...config.graph, graphBaseUrl: config.graph?.baseUrl ?? '', authorityHost: config.graph?.authorityHost ?? '', logger });
  const delivery = { store, messenger, mailer, clock, logger };
  const reminders = await runReminders({ store, notify: notifyPersonBy(delivery), tenantId, timeZone: config.timezone, logger }, at);
  ctx.print(`Reminders at ${at.toISOString()}: ${reminders.due} due, ${reminders.sent} sent, ${reminders.queued} queued, ${reminders.undeliverable} undeliverable.`);
  const outbox = await runOutbox({ ...delivery, tenantId }, at);
  ctx.print(`Outbox: ${outbox.due} due, ${outbox.sent} sent, ${outbox.rescheduled} to retry, ${outbox.failed} given up.`);
}
