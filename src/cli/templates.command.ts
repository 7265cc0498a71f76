import { addTemplate, listTemplates } from '../app/visits/templates.js';
import type { AgendaTemplate } from '../domain/agenda-template.js';
import type { CliCommand } from './cli-command.js';
import { readJsonFile } from './json-file.js';

/** One line per template: what an administrator needs to pick a template or check an addition. */
export function describeTemplate(t: AgendaTemplate): string {
  const traits = [
    t.visitType,
    t.trainingRequired ? 'training required' : undefined,
    t.schoolGetsCopy ? `school gets a copy${t.copyAlsoTo.length ? ` (also ${t.copyAlsoTo.join(', ')})` : ''}` : undefined,
    t.countsTowardEntitlement ? 'counts toward entitlement' : undefined,
    `${t.items.length} item${t.items.length === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return `${t.id} v${t.version}: ${t.name} (${traits.join('; ')})`;
}

/**
 * `templates list`: the newest version of each agenda template, built-in or added.
 * `templates add <file.json>`: adds an agenda template; an existing id gets its next version. A bad
 * file is refused with the field path named (e.g. `items[3].kind`) and nothing stored.
 */
export const templatesCommand: CliCommand = (program, action) => {
  const templates = program.command('templates').description('List or add agenda templates');

  templates
    .command('list')
    .description('List the newest version of every agenda template')
    .action(
      action(async (ctx) => {
        for (const t of await listTemplates(ctx.store, ctx.tenantId, ctx.builtInTemplates)) ctx.print(describeTemplate(t));
      }),
    );

  templates
    .command('add <file>')
    .description('Add an agenda template from a JSON file (an existing id gets the next version)')
    .action(
      action(async (ctx, file: string) => {
        const { template, created } = await addTemplate(ctx.store, ctx.tenantId, await readJsonFile(file), ctx.actor, ctx.builtInTemplates);
        ctx.print(created ? `Added ${describeTemplate(template)}` : `Unchanged: ${file} matches ${template.id} v${template.version}, so nothing was added`);
      }),
    );
};
