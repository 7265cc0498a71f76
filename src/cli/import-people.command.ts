import { importPeople } from '../app/registers/import-people.js';
import type { CliCommand } from './cli-command.js';
import { readCsvFile } from './csv-file.js';
import { printImportReport } from './import-report.js';

/** `import-people <file.csv>`: officers, headteachers, leads and their roles, schools and training. */
export const importPeopleCommand: CliCommand = (program, action) => {
  program
    .command('import-people')
    .description('Add or update people (by e-mail, then Entra object id) with their roles, schools and training')
    .argument('<file>', 'CSV with columns email,name,aadObjectId,roles,schools,trainedFor; roles, schools (URNs) and trainedFor (template ids, optionally id@YYYY-MM-DD) are ;-separated')
    .option('--summary', 'print only the counts, not a line per person')
    .action(
      action(async (ctx, file: string, options: { summary?: boolean }) => {
        const report = await importPeople(ctx.store, ctx.tenantId, await readCsvFile(file), ctx.actor, ctx.builtInTemplates);
        const person = (p: { email: string; name: string }, detail?: string) => ({ key: p.email, name: p.name, detail });
        printImportReport(
          ctx,
          `People from ${file}`,
          {
            added: report.added.map((p) => person(p)),
            updated: report.updated.map((p) => person(p, `changed: ${p.changed.join(', ')}`)),
            unchanged: report.unchanged.map((p) => person(p)),
          },
          options.summary,
        );
      }),
    );
};
