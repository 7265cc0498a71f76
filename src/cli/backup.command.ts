import type { CliCommand } from './cli-command.js';
import { writeJsonFile } from './json-file.js';
import { describeDump } from './describe-dump.js';

/** `backup <file>`: a consistent copy of the whole store (every collection, every tenant), for `restore`. */
export const backupCommand: CliCommand = (program, action) => {
  program
    .command('backup')
    .description('Write a consistent copy of the whole store to a file, for restore')
    .argument('<file>', 'the backup file to write (replaced atomically if it exists)')
    .action(
      action(async (ctx, file: string) => {
        const dump = await ctx.store.dump();
        const bytes = await writeJsonFile(file, dump);
        ctx.print(`Backed up to ${file} (${bytes.toLocaleString('en-GB')} bytes): ${describeDump(dump)}.`);
      }),
    );
};
