import { DigestKindSchema, type DigestKind } from '../domain/digest.js';
import { InvalidInputError } from '../domain/errors.js';
import type { CliCommand } from './cli-command.js';
import { dueTime } from './jobs.command.js';

const KINDS = DigestKindSchema.options;

/**
 * `digest <kind> [--partnership <name>] [--to <e-mail>] [--at <iso>] [--preview]`: posts the digest due at that time
 * (default now) to its channel, once, with the claims the scheduled job uses; `--preview` prints the card JSON and
 * posts nothing. The SACRE collation has no channel: it is printed with `--preview` or sent to one person with `--to`.
 */
export const digestCommand: CliCommand = (program, action) =>
  program
    .command('digest <kind>')
    .description(`Post a digest now (${KINDS.filter((k) => k !== 'sacre').join('|')}), or print its card with --preview; sacre only with --preview (printed) or --to (sent to one person)`)
    .option('--partnership <name>', 'one partnership only (partnership digest)')
    .option('--to <e-mail>', 'the SACRE collation: send it to this person (an officer, SIT member, administrator or SACRE visitor) in their 1:1 chat')
    .option('--at <iso>', 'compose it as at this time, e.g. 2026-11-23T07:00:00Z')
    .option('--preview', 'print the card JSON; post nothing')
    .action(
      action(async (ctx, kind: string, options: { partnership?: string; to?: string; at?: string; preview?: boolean }) => {
        const parsed = DigestKindSchema.safeParse(kind.toLowerCase());
        if (!parsed.success) throw new InvalidInputError(`"${kind}" is not a digest: use one of ${KINDS.join(', ')}.`, 'kind');
        const at = dueTime(ctx, options.at);
        // Loaded only when it runs: the Teams SDK takes seconds to load.
        const { runDigestNow } = await import('./run-digest.js');
        await runDigestNow(ctx, parsed.data as DigestKind, at, { partnership: options.partnership, to: options.to, preview: options.preview === true });
      }),
    );
