import type { Command } from 'commander';
import type { Clock } from '../app/ports/clock.port.js';
import type { Store } from '../app/ports/store.port.js';
import type { Config } from '../config.js';
import type { AgendaTemplate } from '../domain/agenda-template.js';
import type { TimeZone } from '../domain/time-zone.js';

/**
 * What every admin command runs with: the store the bot uses (from the same environment), the tenant
 * its records carry, who is acting (`cli:<os user>`, for the audit log), the time, and a way to print
 * one line of its report.
 */
export interface CliContext {
  store: Store;
  tenantId: string;
  actor: string;
  clock: Clock;
  /** The validated environment (the bot's own settings), for commands that need more than the store. */
  config: Config;
  /** TIMEZONE (`config.timezone`) with its formatters, made once for the command: the zone its dates are read in. */
  timeZone: TimeZone;
  /** The agenda templates shipped with the release (`templates/`), read once when the command runs. */
  builtInTemplates: readonly AgendaTemplate[];
  /** Prints one line of the report on standard output. */
  print(line: string): void;
}

/** What a command that opens its stores itself runs with (`migrate`, `migrate-store`): everything but the store. */
export type StorelessCliContext = Omit<CliContext, 'store'>;

/**
 * Turns a command's action into a commander action: the context is built (and the store opened) only
 * when the command really runs, not for `--help`, and the store is closed afterwards whatever happens.
 * `withoutStore` does the same without opening the configured store, for commands that name their stores.
 */
export interface CliAction {
  <A extends unknown[]>(action: (ctx: CliContext, ...args: A) => Promise<void>): (...args: A) => Promise<void>;
  withoutStore<A extends unknown[]>(action: (ctx: StorelessCliContext, ...args: A) => Promise<void>): (...args: A) => Promise<void>;
}

/**
 * One admin command: adds itself to the program with commander's API and wraps its action with
 * `action`. Register it with one line in `src/cli/commands.ts`. Bad input is reported by throwing
 * a DomainError (usually InvalidInputError) before anything is written: the CLI prints its message
 * as one line and exits 1.
 *
 * @example
 * export const helloCommand: CliCommand = (program, action) =>
 *   program.command('hello <name>').description('Greets someone').action(action(async (ctx, name: string) => ctx.print(`Hello ${name}`)));
 */
export type CliCommand = (program: Command, action: CliAction) => void;
