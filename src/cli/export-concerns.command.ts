import { chmod } from 'node:fs/promises';
import { exportConcerns } from '../app/concerns/export-concerns.js';
import type { CliCommand } from './cli-command.js';
import { writeJsonFile } from './json-file.js';

/**
 * `export-concerns <file> --lead <email>`: the confidential-concerns lead's own copy of their concerns.
 * A command of its own rather than an option of `export`, so that `export` always means "never a concern"
 * and a file of concerns is only ever written by a command that says so and names the lead it is for.
 */
export const exportConcernsCommand: CliCommand = (program, action) => {
  program
    .command('export-concerns')
    .description("Write the confidential concerns, and nothing else, to a JSON file for the concerns lead (only for the e-mail of the person holding that role)")
    .argument('<file>', 'the JSON file to write (replaced if it exists); keep it as securely as the concerns themselves')
    .requiredOption('--lead <email>', "the concerns lead's e-mail, as in the people register")
    .action(
      action(async (ctx, file: string, options: { lead: string }) => {
        const written = await exportConcerns(ctx, ctx.tenantId, ctx.actor, options.lead, ctx.config.timezone, async (content) => {
          await writeJsonFile(file, content, { pretty: true });
          // Concerns are for one person: the file is readable by the administrator's own account only, whatever the umask.
          await chmod(file, 0o600);
        });
        const count = written.concerns.length;
        ctx.print(`Exported ${count} confidential concern${count === 1 ? '' : 's'} for ${written.lead.name} to ${file}.`);
      }),
    );
};
