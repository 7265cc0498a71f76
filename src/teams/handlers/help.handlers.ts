import { describePerson } from '../../app/people/describe-person.js';
import { exampleSchool } from '../../app/schools/example-school.js';
import { mayNameOwnSchoolIn } from '../../domain/answer-privacy.js';
import { hasRole, type Person } from '../../domain/person.js';
import { renderHelpCard } from '../cards/help.card.js';
import { roleTitles } from '../roles.js';
import { exampleFor, isListedFor, summaryFor, type Command } from '../handler.js';

/**
 * The help card's lines for someone with these roles: the commands listed for them, each with the line and the
 * example for their roles, the examples naming `school` (one of the reader's, as they would type it) where they name one.
 */
export function helpLines(listedAs: Pick<Person, 'roles'>, commands: readonly Command[], school?: string): { usage: string; summary: string; example: string }[] {
  return commands
    .filter((c) => isListedFor(listedAs, c))
    .map((c) => ({ usage: c.usage ?? c.name, summary: summaryFor(listedAs, c), example: exampleFor(listedAs, c, school) ?? '' }));
}

/**
 * `help`: the commands this person may use, straight from the command registry, so it never lists what they cannot do.
 * A headteacher known only by the school register's e-mail is listed a headteacher's commands too, as the use cases
 * behind them accept them. In a 1:1 chat the examples name one of their own schools, else the register's first, never a
 * made-up one; elsewhere they read ‹school›.
 */
export const helpCommand: Command = {
  name: 'help',
  roles: 'everyone',
  summary: 'See what you can do here.',
  example: 'help',
  async handler({ deps, person, commands, conversationType, reply }) {
    const [me, school] = await Promise.all([
      describePerson(deps.store, deps.tenantId, person),
      mayNameOwnSchoolIn({ kind: conversationType }) ? exampleSchool(deps.store, deps.tenantId, person) : undefined,
    ]);
    const headsBySchoolRegister = me.schools.some((s) => s.as === 'headteacher') && !hasRole(person, 'headteacher');
    const listedAs = headsBySchoolRegister ? { roles: [...person.roles, 'headteacher' as const] } : person;
    const mine = commands.filter((c) => isListedFor(listedAs, c));
    const card = renderHelpCard({
      name: person.name,
      roles: person.roles.map((r) => roleTitles[r]).join(', '),
      commands: helpLines(listedAs, commands, school),
      cliTasks: hasRole(person, 'admin') ? deps.cliTasks.map((t) => ({ summary: t.summary })) : [],
    });
    await reply({ text: `You can use: ${mine.map((c) => c.name).join(', ')}.`, card });
  },
};
