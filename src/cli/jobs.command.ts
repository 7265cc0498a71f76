import { notifyPersonBy } from '../app/delivery/notify-person.js';
import { fixedClock } from '../app/ports/clock.port.js';
import { silentLogger } from '../app/ports/logger.port.js';
import { InvalidInputError } from '../domain/errors.js';
import { createGraphMailer } from '../graph/mailer.js';
import { runOutbox } from '../jobs/outbox.job.js';
import { runReminders } from '../jobs/reminders.job.js';
import { createBotConnection } from '../teams/endpoint.js';
import { TeamsMessenger } from '../teams/messenger.js';
import type { CliCommand, CliContext } from './cli-command.js';

function dueTime(ctx: CliContext, at: string | undefined): Date {
  if (at === undefined) return ctx.clock.now();
  const parsed = new Date(at);
  if (!/^\d{4}-\d{2}-\d{2}/.test(at) || Number.isNaN(parsed.getTime())) throw new InvalidInputError(`--at ${at} is not a date and time (e.g. 2026-11-23T07:00:00Z).`, '--at');
  return parsed;
}

/**
 * `jobs run-due [--at <iso>]`: runs every job due at that time once — the reminders (unacknowledged health
 * checks, annual-visit feedback) and the outbox retries — sending through Teams (the bot's own settings) and
 * Graph mail, as the running bot would. Safe to repeat and to run beside the bot: each reminder has a key per
 * item per day and each outbox item is claimed before it is sent, so nothing goes twice.
 */
export const jobsCommand: CliCommand = (program, action) => {
  const jobs = program.command('jobs').description('Scheduled work: reminders and outbox retries');
  jobs
    .command('run-due')
    .description('Run every reminder and outbox retry due at a time (default now), once')
    .option('--at <iso>', 'the time to run at, e.g. 2026-11-23T07:00:00Z')
    .action(
      action(async (ctx, options: { at?: string }) => {
        const at = dueTime(ctx, options.at);
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
      }),
    );
};
