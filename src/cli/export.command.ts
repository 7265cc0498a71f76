import { exportRecords } from '../app/registers/export-records.js';
import type { CliCommand } from './cli-command.js';
import { writeJsonFile } from './json-file.js';

/** `export <file.json>`: every record of the tenant except confidential concerns and draft visits, names of staff redacted, individual staff support plans as their frame only, one array per collection. */
export const exportCommand: CliCommand = (program, action) => {
  program
    .command('export')
    .description('Write every record to a JSON file, one array per collection: no confidential concern, draft visit or record of the bot\'s own plumbing, the names of staff in visit notes and every word of an individual staff support plan redacted')
    .argument('<file>', 'the JSON file to write (replaced if it exists)')
    .action(
      action(async (ctx, file: string) => {
        const records = await exportRecords(ctx.store, ctx.tenantId, ctx.builtInTemplates);
        await writeJsonFile(file, records, { pretty: true });
        const counts = Object.entries(records).map(([c, rows]) => `${c} ${rows.length}`);
        ctx.print(`Exported to ${file}: ${counts.join(', ')}.`);
      }),
    );
};
