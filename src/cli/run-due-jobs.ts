import { fixedClock } from '../app/ports/clock.port.js';
import { silentLogger } from '../app/ports/logger.port.js';
import { DomainError } from '../domain/errors.js';
import type { Zone } from '../domain/time-zone.js';
import { createGraphMailer } from '../graph/mailer.js';
import { graphSettingsOf } from '../graph/graph-client.js';
import { featureComposers } from '../app/notices/composers.js';
import { digestComposers } from '../app/digests/composers.js';
import { digestSettingsOf } from '../app/digests/digest-engine-deps.js';
import { createGraphCalendar } from '../graph/calendar.js';
import { scheduledJobs } from '../jobs/registry.js';
import { runDueJobs, type JobRunReport } from '../jobs/runner.js';
import { createBotConnection } from '../teams/endpoint.js';
import { sharedRateBudget } from '../store/open-store.js';
import { TeamsMessenger } from '../teams/messenger.js';
import type { CliContext } from './cli-command.js';
import { longDateTime } from '../domain/human-date.js';

/** One line per job, in the administrator's words, its times on the organisation's clock. */
function describe(report: JobRunReport, timeZone: Zone): string {
  const due = report.dueAt ? ` (due ${longDateTime(report.dueAt, timeZone)})` : '';
  switch (report.status) {
    case 'done':
      return `${report.job}${due}: ran: ${report.detail}.`;
    case 'failed':
      return `${report.job}${due}: FAILED (${report.detail}).`;
    case 'alreadyRun':
      return `${report.job}${due}: already run by another process.`;
    case 'nothingDue':
      return report.lastDueAt ? `${report.job}: nothing due; it last ran for ${longDateTime(report.lastDueAt, timeZone)}.` : `${report.job}: nothing due.`;
  }
}

/**
 * `jobs run-due`: runs the bot's scheduled jobs as the running bot's scheduler does (`runDueJobs`, the same
 * claims), as if at `at`, sending through Teams (the bot's own settings) and Graph mail, and prints a line per
 * job. Safe beside the bot and on several hosts: a due time another process claimed is reported, not run again.
 * Exits non-zero, after the report, if a job failed.
 */
export async function runDueJobsNow(ctx: CliContext, at: Date): Promise<void> {
  const { config, store, tenantId } = ctx;
  const clock = fixedClock(at);
  const logger = silentLogger;
  const { adapter } = createBotConnection(config);
  const messenger = new TeamsMessenger({ adapter, store, logger, botId: config.bot.id, serviceUrl: config.bot.serviceUrl, rateBudget: sharedRateBudget(store) });
  const graph = graphSettingsOf(config.graph, logger);
  const mailer = createGraphMailer(graph);
  const calendar = createGraphCalendar(graph);
  const reports = await runDueJobs({ store, messenger, mailer, calendar, clock, logger, tenantId, timeZone: ctx.timeZone, composers: featureComposers(), jobs: scheduledJobs(config, { composers: digestComposers(), settings: digestSettingsOf(config, ctx.builtInTemplates) }) }, at);
  ctx.print(`Jobs due at ${at.toISOString()}:`);
  for (const report of reports) ctx.print(describe(report, ctx.timeZone));
  const failed = reports.filter((r) => r.status === 'failed').map((r) => r.job);
  if (failed.length) throw new DomainError('job-failed', `${failed.join(', ')} failed; the other jobs ran. A failed due time is not run again: the job’s next due time picks up what it left.`);
}
