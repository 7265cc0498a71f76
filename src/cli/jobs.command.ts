import { InvalidInputError } from '../domain/errors.js';
import type { CliCommand, CliContext } from './cli-command.js';

/** The time `--at` names, or now. */
export function dueTime(ctx: CliContext, at: string | undefined): Date {
  if (at === undefined) return ctx.clock.now();
  const parsed = new Date(at);
  if (!/^\d{4}-\d{2}-\d{2}/.test(at) || Number.isNaN(parsed.getTime())) throw new InvalidInputError(`--at ${at} is not a date and time (e.g. 2026-11-23T07:00:00Z).`, '--at');
  return parsed;
}

/**
 * `jobs run-due [--at <iso>]`: runs every job due at that time that has not run for it (reminders, milestones, first
 * contact of term, strategy meetings, concerns waiting for a lead, digests and their retries, the outbox), with the
 * claims the bot's scheduler uses. See `runDueJobs`.
 */
export const jobsCommand: CliCommand = (program, action) => {
  const jobs = program.command('jobs').description('Scheduled work: reminders, milestones, first contact of term, strategy meetings, concern notices, digests (and their retries), outbox retries');
  jobs
    .command('run-due')
    .description('Run every job due at a time (default now) that no process has run for it yet')
    .option('--at <iso>', 'the time to run at, e.g. 2026-11-23T07:00:00Z')
    .action(
      action(async (ctx, options: { at?: string }) => {
        const at = dueTime(ctx, options.at);
        // Loaded only when it runs: the Teams and Graph SDKs take seconds to load, and every other command would pay for them.
        const { runDueJobsNow } = await import('./run-due-jobs.js');
        await runDueJobsNow(ctx, at);
      }),
    );
};
