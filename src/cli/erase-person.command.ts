import { erasePerson } from '../app/data-protection/erase-person.js';
import type { CliCommand } from './cli-command.js';

const counted = (counts: Record<string, number | undefined>) => Object.entries(counts).map(([c, n]) => `${c} ${n}`).join(', ') || 'none';

/** `erase-person <email> [--confirm]`: erasure; a dry run unless `--confirm`. */
export const erasePersonCommand: CliCommand = (program, action) => {
  program
    .command('erase-person')
    .description('Erasure: replace a person\'s identity with a stable placeholder in the records kept, and remove their person record and chats with the bot; a dry run unless --confirm')
    .argument('<email>', 'the person\'s e-mail')
    .option('--confirm', 'erase; without it nothing changes and the report says what would')
    .action(
      action(async (ctx, email: string, options: { confirm?: boolean }) => {
        const plan = await erasePerson(ctx.store, ctx.tenantId, email, ctx.actor, !!options.confirm);
        const who = `${plan.name} (${plan.email})`;
        ctx.print(plan.applied ? `Erased ${who}: they now read as "${plan.placeholder.name}" (${plan.placeholder.id}).` : `Dry run: nothing was changed. Erasing ${who} would:`);
        ctx.print(`  replace their identity in records kept: ${counted(plan.pseudonymised)}`);
        ctx.print(`  remove records about them alone: ${counted(plan.removed)}`);
        if (!plan.applied) ctx.print(`To erase, run again with --confirm. They would read as "${plan.placeholder.name}" (${plan.placeholder.id}).`);
      }),
    );
};
