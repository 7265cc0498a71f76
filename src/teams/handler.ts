import type { TurnContext } from 'botbuilder';
import type { AnswerPrivacy } from '../domain/answer-privacy.js';
import type { Person, Role } from '../domain/person.js';
import type { AdaptiveCard } from './cards/template.js';
import type { BotDeps } from './deps.js';
import { roleNames } from './roles.js';

/** Who a command or card action is for: people holding any of these roles, or every registered person. */
export type Audience = readonly Role[] | 'everyone';

/** Teams' conversation types: a 1:1 chat with the bot, a team channel, or a group chat. */
export type ConversationType = 'personal' | 'channel' | 'groupChat';

/** What a reply carries: text alone, or a card with text as its notification preview and fallback. */
export type Reply = string | { text: string; card: AdaptiveCard };

/** What a card action answers with for a reply: its card, or its text when it has none. */
export function asCard(reply: Reply): AdaptiveCard | string {
  return typeof reply === 'string' ? reply : reply.card;
}

/** The one context a command handler receives. */
export interface CommandContext {
  turn: TurnContext;
  deps: BotDeps;
  /** The registered person who typed the command; their role for this command is already checked. */
  person: Person;
  /** What followed the command name, as typed, trimmed (e.g. the school in `visit Oakwood`). */
  args: string;
  conversationType: ConversationType;
  /** Every registered command, so `help` can list them. */
  commands: readonly Command[];
  reply(message: Reply): Promise<void>;
}

/**
 * A chat command, as data: `help` lists it to the people in `roles`, and the dispatcher checks the role
 * before calling the handler. Names are lower-case words; the longest name that starts the text wins,
 * so `register sit` and `register partnership` can sit beside each other.
 */
export interface Command {
  name: string;
  /** How to type it, when it takes arguments, e.g. `visit ‹school name or URN›`: placeholders in single guillemets, since Teams reads `<…>` in a card or message as markup and drops it. */
  usage?: string;
  roles: Audience;
  /**
   * Who `help` lists it to, when that is narrower than `roles`: a command open to everyone whose use case decides
   * (e.g. `sef`, which a headteacher known only by the school register's e-mail may use).
   */
  listedFor?: Audience;
  /**
   * The command this one is another name for (e.g. `healthchecks` for `healthcheck` alone): Teams' command menu,
   * which holds at most ten a scope, leaves it out, since the command it names is there.
   */
  aliasOf?: string;
  /**
   * Why the command is left out of Teams' command menu (at most ten a scope, all taken in its scope): it works when
   * typed, and `help` lists it. Unset: the menu offers it.
   */
  offMenu?: string;
  /** One line for `help`, in the person's words; for everyone, and for whoever holds none of the roles in `summaries`. */
  summary: string;
  /**
   * The line by role, where what a command does differs by who types it (an officer proposes a risk level, a
   * headteacher agrees or disputes it): `help` shows each person the lines of the roles they hold, and no other.
   */
  summaries?: readonly { roles: readonly Role[]; summary: string }[];
  /**
   * What someone would really type, in their words (e.g. `visit ‹school›`): `help` shows it under the line, with
   * `SCHOOL_PLACEHOLDER` filled by one of the reader's own schools. It starts with `name`.
   */
  example?: string;
  /** The example by role, where what a person types differs by who they are (a headteacher's `plan` alone opens their school's); as `summaries`. */
  examples?: readonly { roles: readonly Role[]; example: string }[];
  /** Where it can be used; anywhere when unset. */
  where?: ConversationType;
  /**
   * Who its answer is for (`AnswerPrivacy`): `namesSchools` is answered in a 1:1 chat or the registered SIT
   * channel, `asker` in the asker's 1:1 chat alone; asked anywhere else, the dispatcher sends the answer to the
   * asker's 1:1 chat and tells the conversation so in one line. Unset: answered where asked (it names nobody).
   */
  privacy?: AnswerPrivacy;
  handler(ctx: CommandContext): Promise<void>;
}

/** The one context a card action (Action.Execute or a refresh) handler receives. */
export interface CardActionContext {
  turn: TurnContext;
  deps: BotDeps;
  person: Person;
  /** The action's data merged with the card's input values, as Teams sends it: parse it with the card's zod schema. */
  data: unknown;
  /** Whether this is the card asking for its refreshed view (not a button press). */
  isRefresh: boolean;
}

/**
 * An Action.Execute verb and its handler. The handler returns the card that replaces the pressed one
 * (for the person, or for everyone when it carries a `refresh`) or a short message to show.
 * Refresh verbs that show each viewer their own view should be for `everyone` and decide inside.
 */
export interface CardAction {
  verb: string;
  roles: Audience;
  handler(ctx: CardActionContext): Promise<AdaptiveCard | string>;
}

export function isFor(person: Pick<Person, 'roles'>, audience: Audience): boolean {
  return audience === 'everyone' || audience.some((r) => person.roles.includes(r));
}

/** Whether `help` lists the command to the person: its `listedFor`, else its `roles`. */
export function isListedFor(person: Pick<Person, 'roles'>, command: Pick<Command, 'roles' | 'listedFor'>): boolean {
  return isFor(person, command.listedFor ?? command.roles);
}

/** The command's line in this person's `help`: the lines for the roles they hold, else its one summary. */
export function summaryFor(person: Pick<Person, 'roles'>, command: Pick<Command, 'summary' | 'summaries'>): string {
  const mine = (command.summaries ?? []).filter((s) => s.roles.some((r) => person.roles.includes(r))).map((s) => s.summary);
  return mine.length > 0 ? [...new Set(mine)].join(' ') : command.summary;
}

/** Where an example names a school: `help` puts a school of the reader's there, and leaves it as it is when the register holds none. */
export const SCHOOL_PLACEHOLDER = '‹school›';

/**
 * The command's example in this person's `help`: the first for a role they hold, else its one example, naming
 * `school` (as the person would type it) where it says `SCHOOL_PLACEHOLDER`.
 */
export function exampleFor(person: Pick<Person, 'roles'>, command: Pick<Command, 'example' | 'examples'>, school?: string): string | undefined {
  const example = (command.examples ?? []).find((e) => e.roles.some((r) => person.roles.includes(r)))?.example ?? command.example;
  return school ? example?.replaceAll(SCHOOL_PLACEHOLDER, school) : example;
}

/** Words for a role list in a refusal: "an admin", "an officer or a SIT member", "an officer, a SIT member or a SACRE visitor". */
export function describeAudience(audience: Audience): string {
  if (audience === 'everyone') return 'anyone registered';
  const names = audience.map((r) => roleNames[r]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? 'nobody');
}

/** Finds the command the text starts with, longest name first, and what follows it. */
export function matchCommand(commands: readonly Command[], text: string): { command: Command; args: string } | undefined {
  const typed = text.replace(/\s+/g, ' ').trim();
  const lower = typed.toLowerCase();
  const found = commands
    .filter((c) => lower === c.name || lower.startsWith(`${c.name} `))
    .sort((a, b) => b.name.length - a.name.length)[0];
  return found ? { command: found, args: typed.slice(found.name.length).trim() } : undefined;
}
