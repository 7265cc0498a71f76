/**
 * The manifest's `commandLists`, built from the bot's command registry (`commands` in src/teams/routes.ts)
 * so the menu Teams shows under the compose box never drifts from what the bot answers.
 *
 * Teams shows at most 10 commands per scope, and the registry holds more, so each scope has a ranking of
 * the commands most useful there (below). Any registered command no ranking names still gets a place: it
 * goes into the first scope it may be used in that has room, or takes the place of that scope's
 * lowest-ranked entry that another list already shows. Only a command with no such place is left out, and
 * another name for a command (`aliasOf`), whose command is there, and a command marked `offMenu`.
 */
import type { Command } from '../src/teams/handler.js';

/** The bot scopes the app is installed in, in the order their lists are filled. */
export const MANIFEST_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type ManifestScope = (typeof MANIFEST_SCOPES)[number];

/** Teams' limits for a bot's command menu (its store validation; the JSON schema is looser). */
export const TEAMS_LIMITS = { commandsPerList: 10, title: 32, description: 128 } as const;

/**
 * The commands most useful in each scope, best first. Names the registry does not (yet) hold are skipped.
 * - personal, the 1:1 chat: the officer's and headteacher's own work (visits, notes, health checks, the
 *   self-evaluation, milestones, risk, inspections, a concern raised on its own), the concerns lead's
 *   confidential inbox, and the list of schools causing concern.
 * - team, a channel: what an administrator sets up there (register/unregister the digests) and what the
 *   SIT looks at together at its fortnightly meeting (digest, schools causing concern, coverage, allocation,
 *   strategy meetings).
 * - groupChat, an officer with a school's staff: the visit itself and the school's shared plans.
 */
export const COMMAND_RANKING: Record<ManifestScope, readonly string[]> = {
  personal: ['help', 'visit', 'visits', 'note', 'concern', 'healthcheck', 'sef', 'confidential', 'milestones', 'risk', 'inspection', 'concerns', 'plan', 'coverage', 'strategy', 'whoami'],
  team: ['help', 'register sit', 'register partnership', 'register concerns', 'unregister', 'digest', 'concerns', 'coverage', 'allocation', 'strategy', 'whoami'],
  groupChat: ['help', 'visit', 'note', 'healthcheck', 'sef', 'plan', 'milestones', 'strategy', 'risk', 'coverage'],
};

/** One entry of a manifest command list. */
export interface ManifestCommand {
  title: string;
  description: string;
}

/** One manifest command list: the commands Teams offers in one scope. */
export interface CommandList {
  scopes: [ManifestScope];
  commands: ManifestCommand[];
}

/** The lists, and the names of registered commands that found no place in any list. */
export interface CommandListsResult {
  commandLists: CommandList[];
  omitted: string[];
}

/**
 * The manifest scopes a command is suggested in: a team channel is Teams' `team` scope. A command whose answer is
 * the asker's alone (`privacy: 'asker'`) is suggested in the 1:1 chat only, where it is answered.
 */
export function scopesOf(command: Pick<Command, 'where' | 'privacy'>): ManifestScope[] {
  if (command.privacy === 'asker') return ['personal'];
  switch (command.where) {
    case undefined:
      return [...MANIFEST_SCOPES];
    case 'channel':
      return ['team'];
    default:
      return [command.where];
  }
}

/**
 * Cuts text to `max` characters at the last clause boundary outside brackets, ending it with a full stop:
 * the end of a sentence or a `;` if one is far enough in, else a `:` or an opening bracket, else a comma;
 * failing all three, at a word, ending with an ellipsis.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Last boundary of each strength: [sentence or ';', ':' or ' (', ','].
  const last = [-1, -1, -1];
  let depth = 0;
  for (let i = 0; i < max; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') {
      if (depth === 0 && text[i - 1] === ' ') last[1] = i - 1;
      depth++;
    } else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0 && text[i + 1] === ' ') {
      const strength = '.;'.includes(ch) ? 0 : ch === ':' ? 1 : ch === ',' ? 2 : -1;
      if (strength >= 0) last[strength] = i;
    }
  }
  const cut = last.find((i) => i >= max / 3);
  if (cut !== undefined) return `${text.slice(0, cut).replace(/[\s.;:,]+$/, '')}.`;
  const word = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, word > 0 ? word : max - 1).trimEnd()}…`;
}

/** What Teams shows beside a command: how to type it (when it takes more than its name), then its summary. */
export function describeCommand(command: Pick<Command, 'name' | 'usage' | 'summary'>): string {
  const usage = command.usage && command.usage !== command.name ? `${command.usage} — ` : '';
  if (usage.length > TEAMS_LIMITS.description / 2) return shorten(command.usage!, TEAMS_LIMITS.description);
  return usage + shorten(command.summary, TEAMS_LIMITS.description - usage.length);
}

/** Builds one command list per scope from the registry; throws when a command's name is longer than Teams allows. */
export function buildCommandLists(registry: readonly Command[], ranking: Record<ManifestScope, readonly string[]> = COMMAND_RANKING): CommandListsResult {
  const tooLong = registry.find((c) => c.name.length > TEAMS_LIMITS.title);
  if (tooLong) throw new Error(`The command "${tooLong.name}" is longer than the ${TEAMS_LIMITS.title} characters Teams allows a command title.`);

  const byName = new Map(registry.map((c) => [c.name, c]));
  const lists = new Map<ManifestScope, Command[]>(
    MANIFEST_SCOPES.map((scope) => [
      scope,
      ranking[scope]
        .map((name) => byName.get(name))
        .filter((c): c is Command => c !== undefined && scopesOf(c).includes(scope))
        .slice(0, TEAMS_LIMITS.commandsPerList),
    ]),
  );
  const listedElsewhere = (command: Command, scope: ManifestScope) => MANIFEST_SCOPES.some((s) => s !== scope && lists.get(s)!.includes(command));

  const omitted: string[] = [];
  for (const command of registry) {
    // Another name for a command the menu shows: its place is better given to a command of its own.
    if (command.aliasOf) continue;
    // Left out on purpose (`offMenu`): its scope's ten places hold commands more used there.
    if (command.offMenu) continue;
    if (MANIFEST_SCOPES.some((scope) => lists.get(scope)!.includes(command))) continue;
    const placed = scopesOf(command).some((scope) => {
      const list = lists.get(scope)!;
      if (list.length < TEAMS_LIMITS.commandsPerList) {
        list.push(command);
        return true;
      }
      const victim = list.findLastIndex((c) => listedElsewhere(c, scope));
      if (victim < 0) return false;
      list.splice(victim, 1, command);
      return true;
    });
    if (!placed) omitted.push(command.name);
  }

  const commandLists = MANIFEST_SCOPES.filter((scope) => lists.get(scope)!.length > 0).map(
    (scope): CommandList => ({ scopes: [scope], commands: lists.get(scope)!.map((c) => ({ title: c.name, description: describeCommand(c) })) }),
  );
  return { commandLists, omitted };
}
