import { extname } from 'node:path';
import { importPlan } from '../app/action-plans/import-plan.js';
import { planFromCsv, planFromJson } from '../app/action-plans/plan-file.js';
import { InvalidInputError } from '../domain/errors.js';
import type { CliCommand } from './cli-command.js';
import { readCsvFile } from './csv-file.js';
import { readJsonFile } from './json-file.js';

/** `plan import <school> <file.csv|json>`: an action plan written elsewhere, stored as the school's draft. */
export const planCommand: CliCommand = (program, action) => {
  const plan = program.command('plan').description("Action plans: import one written elsewhere as a school's draft");
  plan
    .command('import')
    .description("Import a school's action plan as a draft (replaces a draft; never a live plan)")
    .argument('<school>', 'the school: its URN or part of its name')
    .argument('<file>', 'CSV, one row per milestone: priority, action, owner (school|la), ownerName, successCriteria, schoolResources, laSupport (;-separated), milestone, due (YYYY-MM-DD or DD/MM/YYYY); or JSON in the plan’s shape')
    .action(
      action(async (ctx, school: string, file: string) => {
        const kind = extname(file).toLowerCase();
        if (kind !== '.csv' && kind !== '.json') throw new InvalidInputError(`${file}: give a .csv or a .json file. Nothing was imported.`);
        const imported = kind === '.csv' ? planFromCsv(await readCsvFile(file)) : planFromJson(await readJsonFile(file));
        const report = await importPlan(ctx.store, ctx.tenantId, ctx.actor, school, imported, ctx.timeZone);
        const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
        ctx.print(
          `Imported the action plan for ${report.school.name} (${report.school.urn}) as a draft${report.replacedDraft ? ', replacing the earlier draft' : ''}: ` +
            `${count(report.priorities, 'priority', 'priorities')}, ${count(report.actions, 'action')}, ${count(report.milestones, 'milestone')}.`,
        );
        ctx.print(`The headteacher and the link officer finish and agree it in Teams: plan ${report.school.urn}.`);
      }),
    );
};
