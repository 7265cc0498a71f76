import { hasRole } from '../../domain/person.js';
import { renderHelpCard } from '../cards/help.card.js';
import { roleTitles } from '../roles.js';
import { isFor, type Command } from './command.js';

/**
 * Admin work done on the server rather than in Teams (DESIGN.md "Admin CLI"); shown to administrators
 * so they know where the rest of their job lives.
 */
export const CLI_TASKS = [
  { usage: 'import-schools <file.csv>', summary: 'Import or update schools from the GIAS establishment export.' },
  { usage: 'import-people <file.csv>', summary: 'Import or update people, their roles, schools and training.' },
  { usage: 'templates list | add <file.json>', summary: 'List agenda templates, or add one.' },
  { usage: 'digest <sit|partnership|concerns|committee> [--preview]', summary: 'Post a digest now, or print it without posting.' },
  { usage: 'jobs run-due [--at <date>]', summary: 'Run every reminder, digest and retry that is due.' },
  { usage: 'export <file.json>', summary: 'Export every record (never confidential concerns).' },
  { usage: 'backup <file> | restore <file>', summary: 'Take a consistent copy of the whole store, or put one back.' },
];

/** `help`: the commands this person may use, straight from the command registry, so it never lists what they cannot do. */
export const helpCommand: Command = {
  name: 'help',
  roles: 'everyone',
  summary: 'See what you can do here.',
  async handler({ person, commands, reply }) {
    const mine = commands.filter((c) => isFor(person, c.roles));
    const card = renderHelpCard({
      name: person.name,
      roles: person.roles.map((r) => roleTitles[r]).join(', '),
      commands: mine.map((c) => ({ usage: c.usage ?? c.name, summary: c.summary })),
      cliTasks: hasRole(person, 'admin') ? CLI_TASKS : [],
    });
    await reply({ text: `You can use: ${mine.map((c) => c.name).join(', ')}.`, card });
  },
};
