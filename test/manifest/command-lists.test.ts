import { commands } from '../../src/teams/routes.js';
import type { Command, ConversationType } from '../../src/teams/handler.js';
import { buildCommandLists, describeCommand, scopesOf, shorten, TEAMS_LIMITS } from '../../scripts/command-lists.js';

/** The chat commands the product's contract says are "also listed in the manifest's command list". */
const DESIGN_COMMANDS = [
  'help',
  'visit',
  'visits',
  'note',
  'concern',
  'confidential',
  'healthcheck',
  'sef',
  'risk',
  'concerns',
  'strategy',
  'plan',
  'milestones',
  'digest',
  'coverage',
  'allocation',
  'register sit',
  'register partnership',
  'register concerns',
  'unregister',
  'whoami',
];

const aCommand = (name: string, where?: ConversationType, summary = `Do ${name}.`): Command => ({ name, where, summary, roles: 'everyone', handler: async () => undefined });

const titlesByScope = (registry: readonly Command[]) =>
  Object.fromEntries(buildCommandLists(registry).commandLists.map((l) => [l.scopes[0], l.commands.map((c) => c.title)]));

describe('the manifest command lists', () => {
  it('when built from the bot’s registry, then every command the contract lists that the bot has is in some list', () => {
    const listed = new Set(buildCommandLists(commands).commandLists.flatMap((l) => l.commands.map((c) => c.title)));
    // A command marked offMenu (its scope's ten places are taken) is typed, not picked from the menu.
    const registered = DESIGN_COMMANDS.filter((name) => commands.some((c) => c.name === name && !c.offMenu));
    expect(registered).toContain('help');
    expect(registered.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('when the registry holds every contract command (and more), then none is left out and no list passes 10', () => {
    const channelOnly = new Set(['register sit', 'register partnership', 'register concerns', 'unregister']);
    const registry = [...DESIGN_COMMANDS, 'healthchecks'].map((name) => aCommand(name, channelOnly.has(name) ? 'channel' : undefined));
    const { commandLists, omitted } = buildCommandLists(registry);
    expect(omitted).toEqual([]);
    for (const list of commandLists) expect(list.commands.length).toBeLessThanOrEqual(10);
    const byScope = titlesByScope(registry);
    // The ranking puts each scope's most useful commands first.
    expect(byScope.personal!.slice(0, 4)).toEqual(['help', 'visit', 'visits', 'note']);
    expect(byScope.team!.slice(0, 6)).toEqual(['help', 'register sit', 'register partnership', 'register concerns', 'unregister', 'digest']);
    expect(byScope.groupChat).toContain('visit');
  });

  it("when a command's answer is the asker's alone, then it is suggested in the 1:1 chat only", () => {
    expect(scopesOf({ ...aCommand('visits'), privacy: 'asker' })).toEqual(['personal']);
    expect(scopesOf({ ...aCommand('coverage'), privacy: 'namesSchools' })).toEqual(['personal', 'team', 'groupChat']);
  });

  it('when a channel-only command is listed, then it is only in the team list', () => {
    expect(scopesOf(aCommand('unregister', 'channel'))).toEqual(['team']);
    expect(scopesOf(aCommand('help'))).toEqual(['personal', 'team', 'groupChat']);
    const byScope = titlesByScope([aCommand('help'), aCommand('unregister', 'channel')]);
    expect(byScope).toEqual({ personal: ['help'], team: ['help', 'unregister'], groupChat: ['help'] });
  });

  it('when a scope is full, then an unranked command takes the place of the lowest-ranked entry another list already shows', () => {
    const ranked = ['help', 'visit', 'visits', 'note', 'healthcheck', 'sef', 'milestones', 'risk', 'concerns', 'plan'].map((n) => aCommand(n, n === 'concerns' || n === 'visits' ? 'personal' : undefined));
    const fresh = aCommand('schools', 'personal');
    const { commandLists, omitted } = buildCommandLists([...ranked, fresh]);
    const personal = commandLists.find((l) => l.scopes[0] === 'personal')!.commands.map((c) => c.title);
    expect(omitted).toEqual([]);
    expect(personal).toHaveLength(10);
    expect(personal).toContain('schools');
    // plan is also in the group chat list, so it gave way; the personal-only ones stayed.
    expect(personal).not.toContain('plan');
    expect(personal).toEqual(expect.arrayContaining(['concerns', 'visits']));
  });

  it('when no scope has room for a command, then it is reported as left out', () => {
    const personalOnly = Array.from({ length: 11 }, (_, i) => aCommand(`task${i}`, 'personal'));
    expect(buildCommandLists(personalOnly).omitted).toEqual(['task10']);
  });

  it('when a command name is longer than Teams allows, then building stops naming it', () => {
    expect(() => buildCommandLists([aCommand('register partnership with a very long name')])).toThrow(
      'The command "register partnership with a very long name" is longer than the 32 characters Teams allows a command title.',
    );
  });

  it('when a command takes arguments, then its description starts with how to type it and fits in 128 characters', () => {
    const visit = { name: 'visit', usage: 'visit <school name or URN>', summary: 'Start a visit: pick the agenda and the date, then fill the agenda card (save a draft, submit, or record that the school declined).' };
    expect(describeCommand(visit)).toBe('visit <school name or URN> — Start a visit: pick the agenda and the date, then fill the agenda card.');
    expect(describeCommand({ name: 'help', summary: 'See what you can do here.' })).toBe('See what you can do here.');
    for (const c of commands) expect(describeCommand(c).length).toBeLessThanOrEqual(TEAMS_LIMITS.description);
  });

  it.each([
    ['Short enough.', 20, 'Short enough.'],
    ['Hold a check (nine areas, RAG-rated); on its own, list the checks.', 50, 'Hold a check (nine areas, RAG-rated).'],
    ['Post the review in this channel. Concerns never go to a channel.', 50, 'Post the review in this channel.'],
    ['Schools visited against the target, by cluster, declined apart, who next.', 66, 'Schools visited against the target, by cluster, declined apart.'],
    ['Onelongrunofwordswithoutanybreaks and then some more words here', 40, 'Onelongrunofwordswithoutanybreaks and…'],
  ])('when %j is cut to %i characters, then it ends at a clause: %j', (text, max, expected) => {
    expect(shorten(text, max)).toBe(expected);
    expect(shorten(text, max).length).toBeLessThanOrEqual(max);
  });
});
