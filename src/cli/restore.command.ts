import type { StoreDump } from '../app/ports/store.port.js';
import type { CliCommand } from './cli-command.js';
import { describeDump } from './describe-dump.js';
import { readJsonFile } from './json-file.js';
import { longDateTime } from '../domain/human-date.js';

/**
 * `restore <file>`: replaces the whole store with a backup. The store validates the whole backup
 * before replacing anything, so a bad file is refused with nothing changed.
 */
export const restoreCommand: CliCommand = (program, action) => {
  program
    .command('restore')
    .description('Replace the whole store with a backup made by backup (checked in full first; a bad file changes nothing)')
    .argument('<file>', 'a backup file')
    .action(
      action(async (ctx, file: string) => {
        const dump = (await readJsonFile(file)) as StoreDump;
        await ctx.store.restore(dump);
        ctx.print(`Restored ${file}, taken on ${longDateTime(dump.takenAt, ctx.timeZone)}: ${describeDump(dump)}.`);
      }),
    );
};
