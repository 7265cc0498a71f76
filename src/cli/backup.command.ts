import { chmod } from 'node:fs/promises';
import type { CliCommand } from './cli-command.js';
import { writeJsonFile } from './json-file.js';
import { describeDump } from './describe-dump.js';

/**
 * `backup <file>`: a consistent copy of the whole store (every collection, every tenant), for `restore`. It is
 * the one file the CLI writes that holds confidential concerns (a restore needs them), so it is made readable by
 * its owner only, whatever the umask; where it is kept is for the administrator (README: keeping backups safe).
 */
export const backupCommand: CliCommand = (program, action) => {
  program
    .command('backup')
    .description('Write a consistent copy of the whole store to a file, for restore; it holds the confidential concerns, so it is readable by its owner only')
    .argument('<file>', 'the backup file to write (replaced atomically if it exists)')
    .action(
      action(async (ctx, file: string) => {
        const dump = await ctx.store.dump();
        const bytes = await writeJsonFile(file, dump);
        await chmod(file, 0o600);
        ctx.print(`Backed up to ${file} (${bytes.toLocaleString('en-GB')} bytes): ${describeDump(dump)}. It holds the confidential concerns: keep it as safe as the store.`);
      }),
    );
};
