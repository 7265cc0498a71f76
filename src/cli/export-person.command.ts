import { subjectAccess } from '../app/data-protection/subject-access.js';
import type { CliCommand } from './cli-command.js';
import { writeJsonFile } from './json-file.js';

/** Read and written by the owner alone: the file holds one person's records. */
const OWNER_ONLY = 0o600;

/** `export-person <email> [file]`: a subject access request answered as one JSON file (mode 600). */
export const exportPersonCommand: CliCommand = (program, action) => {
  program
    .command('export-person')
    .description('Subject access: write every record naming a person (by e-mail) to a JSON file readable by its owner alone; confidential concerns only where they are the concerns lead\'s own')
    .argument('<email>', 'the person\'s e-mail')
    .argument('[file]', 'the JSON file to write (default subject-access-<email>.json)')
    .action(
      action(async (ctx, email: string, file?: string) => {
        const answer = await subjectAccess(ctx.store, ctx.tenantId, email, ctx.builtInTemplates, ctx.clock.now());
        const out = file ?? `subject-access-${answer.person.email.replace(/[^a-z0-9.@_-]/gi, '_')}.json`;
        await writeJsonFile(out, answer, { pretty: true, mode: OWNER_ONLY });
        const counts = Object.entries(answer.collections).map(([c, rows]) => `${c} ${rows.length}`);
        ctx.print(`Wrote the records naming ${answer.person.name} (${answer.person.email}) to ${out}, readable by you alone: their person record${counts.length ? `, ${counts.join(', ')}` : ' and nothing else'}.`);
      }),
    );
};
