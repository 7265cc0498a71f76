import { applyRetention } from '../app/data-protection/retention.js';
import { RETAINED_COLLECTIONS } from '../domain/retention.js';
import { longDate } from '../domain/human-date.js';
import { InvalidInputError } from '../domain/errors.js';
import type { CliCommand } from './cli-command.js';

/** `retention [--dry-run|--apply]`: purges what each RETENTION_<COLLECTION>_YEARS setting says is past keeping; a dry run by default. */
export const retentionCommand: CliCommand = (program, action) => {
  program
    .command('retention')
    .description('Purge records older than each collection\'s RETENTION_<COLLECTION>_YEARS setting (a dry run unless --apply)')
    .option('--dry-run', 'say what would be purged and change nothing (the default)')
    .option('--apply', 'purge')
    .action(
      action(async (ctx, options: { dryRun?: boolean; apply?: boolean }) => {
        if (options.dryRun && options.apply) throw new InvalidInputError('Give --dry-run or --apply, not both. Nothing was purged.');
        if (!Object.keys(ctx.config.retention).length) {
          ctx.print(`No retention setting is made, so every record is kept: set ${Object.values(RETAINED_COLLECTIONS).slice(0, 2).join(', ')} or another RETENTION_<COLLECTION>_YEARS.`);
          return;
        }
        const plan = await applyRetention(ctx.store, ctx.tenantId, ctx.config.retention, ctx.clock.now(), ctx.actor, !!options.apply);
        ctx.print(plan.applied ? 'Purged:' : 'Dry run: nothing was purged. With --apply it would purge:');
        for (const c of plan.collections) {
          ctx.print(`  ${c.collection}: ${c.purged} last changed before ${longDate(c.cutoff, ctx.timeZone)} (kept ${c.years} ${c.years === 1 ? 'year' : 'years'})`);
        }
      }),
    );
};
