import { importSchools } from '../app/registers/import-schools.js';
import type { CliCommand } from './cli-command.js';
import { readCsvFile } from './csv-file.js';
import { printImportReport } from './import-report.js';

/** `import-schools <file.csv>`: the GIAS establishment export, as downloaded, into the school register. */
export const importSchoolsCommand: CliCommand = (program, action) => {
  program
    .command('import-schools')
    .description('Add or update schools (by URN) from the DfE "Get Information about Schools" establishment export; a school in the register that has closed is marked closed, other closed establishments are skipped')
    .argument('<file>', 'the export as downloaded (edubasealldata*.csv, Windows-1252), optionally with our columns Cluster, Partnerships, LinkOfficerEmail, HeadteacherEmail, ChairOfGovernorsEmail, DioceseContactEmail, ReLeadEmail, VisitEntitlement')
    .option('--summary', 'print only the counts, not a line per school')
    .action(
      action(async (ctx, file: string, options: { summary?: boolean }) => {
        const report = await importSchools(ctx.store, ctx.tenantId, await readCsvFile(file), ctx.actor, ctx.clock);
        const school = (s: { urn: string; name: string }, detail?: string) => ({ key: s.urn, name: s.name, detail });
        printImportReport(
          ctx,
          `Schools from ${file}`,
          {
            added: report.added.map((s) => school(s)),
            updated: report.updated.map((s) => school(s, `changed: ${s.changed.join(', ')}`)),
            unchanged: report.unchanged.map((s) => school(s)),
            closed: report.closed.map((s) => school(s, s.closedOn ? `closed on ${s.closedOn}` : 'closed')),
            skipped: report.skipped.map((s) => school(s, `row ${s.row}: ${s.reason}`)),
          },
          options.summary,
        );
      }),
    );
};
