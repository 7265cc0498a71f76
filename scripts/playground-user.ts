/**
 * Who the Playground lets you be: `.m365agentsplayground.yml` names one `currentUser` and the other demo `users`.
 * `npm run playground -- --as <name>` swaps the named person in as `currentUser` (into a copy of the file; the
 * committed one is unchanged), so trying the bot as the headteacher is one command, not an edit.
 */

/** One person of the config: its `key: value` fields in file order. */
type Person = Array<[key: string, value: string]>;

const FIELD = /^\s*(?:- )?(\w+):\s*(.*)$/;

/** The lines of the block starting at `start`: the line itself and those indented deeper than `indent` spaces. */
function blockEnd(lines: readonly string[], start: number, indent: number): number {
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith(' '.repeat(indent + 1)) && !lines[end]!.trimStart().startsWith('- ')) end += 1;
  return end;
}

const fieldsOf = (lines: readonly string[]): Person => lines.map((l) => FIELD.exec(l)).flatMap((m) => (m ? [[m[1]!, m[2]!] as [string, string]] : []));
const valueOf = (p: Person, key: string) => p.find(([k]) => k === key)?.[1] ?? '';

/** Whether `wanted` names this person: their full name, first name, or the start of their e-mail. */
function isNamed(p: Person, wanted: string): boolean {
  const w = wanted.trim().toLowerCase();
  return [valueOf(p, 'name'), valueOf(p, 'givenName'), valueOf(p, 'email').split('@')[0] ?? ''].some((v) => v.toLowerCase() === w);
}

/** The config with `wanted` as the current user and the previous one among the users; comments left out. */
export function configAs(config: string, wanted: string): { config: string; name: string } | { error: string } {
  const lines = config.split('\n').filter((l) => !l.trimStart().startsWith('#'));
  const current = lines.indexOf('currentUser:');
  if (current < 0) return { error: 'The Playground config has no currentUser.' };
  const currentEnd = blockEnd(lines, current, 0);
  const entries = lines.flatMap((l, i) => (l.startsWith('  - id:') && i > currentEnd ? [i] : []));
  const people = entries.map((start) => ({ start, end: blockEnd(lines, start, 2), person: fieldsOf(lines.slice(start, blockEnd(lines, start, 2))) }));
  const chosen = people.find((p) => isNamed(p.person, wanted));
  const me = fieldsOf(lines.slice(current + 1, currentEnd));
  if (isNamed(me, wanted)) return { config: lines.join('\n'), name: valueOf(me, 'name') };
  if (!chosen) return { error: `No one called "${wanted}" in the Playground config: try ${[me, ...people.map((p) => p.person)].map((p) => valueOf(p, 'givenName') || valueOf(p, 'name')).join(', ')}.` };
  const asCurrent = chosen.person.map(([k, v]) => `  ${k}: ${v}`);
  const asUser = me.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`);
  const swapped = [...lines.slice(0, current + 1), ...asCurrent, ...lines.slice(currentEnd, chosen.start), ...asUser, ...lines.slice(chosen.end)];
  return { config: swapped.join('\n'), name: valueOf(chosen.person, 'name') };
}
