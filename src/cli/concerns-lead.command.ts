import { handOverConcernsLead } from '../app/concerns/hand-over-concerns-lead.js';
import type { CliCommand } from './cli-command.js';

/**
 * `concerns-lead handover <from-email> <to-email>`: the one way the confidential-concerns lead changes once
 * there is one (an import that would give the role to a second person is refused), so the open concerns
 * always move with the role. It prints names and a count, never a word of a concern.
 */
export const concernsLeadCommand: CliCommand = (program, action) => {
  const lead = program.command('concerns-lead').description('The one named confidential-concerns lead');
  lead
    .command('handover')
    .description('Hand the concerns lead role, with the open concerns, from the current lead to another person in the people register (audited)')
    .argument('<from-email>', "the current concerns lead's e-mail")
    .argument('<to-email>', "the new concerns lead's e-mail")
    .action(
      action(async (ctx, from: string, to: string) => {
        const report = await handOverConcernsLead(ctx.store, ctx.tenantId, ctx.actor, from, to);
        const moved = `${report.moved} open concern${report.moved === 1 ? '' : 's'}`;
        ctx.print(`${report.to.name} (${report.to.email}) is now the concerns lead, handed over from ${report.from.name} (${report.from.email}), with ${moved}.`);
      }),
    );
};
