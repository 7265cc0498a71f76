import { userInfo } from 'node:os';
import { Command, CommanderError } from 'commander';
import { systemClock, type Clock } from '../app/ports/clock.port.js';
import type { Store } from '../app/ports/store.port.js';
import { loadConfig, ConfigError, type Env } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { timeZoneNamed } from '../domain/time-zone.js';
import { loadBuiltInTemplates } from '../store/built-in-templates.js';
import { openStore } from '../store/open-store.js';
import type { CliAction, CliCommand, CliContext, StorelessCliContext } from './cli-command.js';
import { cliCommands } from './commands.js';

/** Where the CLI writes: process.stdout / process.stderr, or a buffer in tests. */
export interface CliOutput {
  write(text: string): unknown;
}

export interface CliOptions {
  stdout: CliOutput;
  stderr: CliOutput;
  /** A store to use instead of opening the configured one; the caller keeps it open. */
  store?: Store;
  clock?: Clock;
  /** The environment to read settings from (default: process.env). */
  env?: Env;
  /** Overrides the tenant from the settings (BOT_TENANT_ID, or `local`). */
  tenantId?: string;
  /** Overrides `cli:<os user>`. */
  actor?: string;
  /** Overrides the registered commands (tests of the CLI machinery). */
  commands?: readonly CliCommand[];
}

/**
 * Runs one admin command and returns the exit code: 0 on success, 1 on bad input or failure, with
 * one line on stderr saying what was wrong. Commands validate before they write, so a failed command
 * has changed nothing.
 */
export async function runCli(argv: readonly string[], options: CliOptions): Promise<number> {
  const program = new Command('npm run cli --')
    .description('School Improvement Bot administration: registers, templates, digests, jobs, export and backup.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => options.stdout.write(s), writeErr: (s) => options.stderr.write(s) });
  const action = actionRunner(options);
  // Commands created after exitOverride/configureOutput inherit them, nested subcommands included.
  for (const command of options.commands ?? cliCommands) command(program, action);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    // Commander has already printed its own one-line error (or the help text that was asked for).
    if (e instanceof CommanderError) return e.exitCode;
    options.stderr.write(`${oneLine(e)}\n`);
    return 1;
  }
}

function actionRunner(options: CliOptions): CliAction {
  const context = async (): Promise<StorelessCliContext> => {
    const config = loadConfig(options.env ?? process.env);
    return {
      config,
      timeZone: timeZoneNamed(config.timezone),
      clock: options.clock ?? systemClock,
      // Before any store is opened: a broken built-in template is a release bug and stops the command.
      builtInTemplates: Object.freeze(await loadBuiltInTemplates()),
      tenantId: options.tenantId ?? config.tenantId,
      actor: options.actor ?? `cli:${osUser()}`,
      print: (line) => options.stdout.write(`${line}\n`),
    };
  };
  const withStore = <A extends unknown[]>(run: (ctx: CliContext, ...args: A) => Promise<void>) => async (...args: A) => {
    const bare = await context();
    const store = options.store ?? (await openStore({ ...bare.config.store, now: () => bare.clock.now() }));
    try {
      await run({ ...bare, store }, ...args);
    } finally {
      if (!options.store) await store.close();
    }
  };
  const withoutStore = <A extends unknown[]>(run: (ctx: StorelessCliContext, ...args: A) => Promise<void>) => async (...args: A) => run(await context(), ...args);
  return Object.assign(withStore, { withoutStore });
}

/** An error as the one line an administrator sees: our own errors say what to do; anything else is labelled unexpected. */
function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const flat = message.replace(/\s*\n\s*/g, ' ').trim();
  return e instanceof DomainError || e instanceof ConfigError ? `error: ${flat}` : `error (unexpected): ${flat}`;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // Some containers run as a uid with no passwd entry.
    return process.env.USER ?? 'unknown';
  }
}

