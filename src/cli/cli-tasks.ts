import { Command as Program } from 'commander';
import type { CliAction } from './cli-command.js';
import { cliCommands } from './commands.js';

/** One admin command line as the help card lists it. */
export interface CliTask {
  usage: string;
  summary: string;
}

/**
 * The admin CLI's commands (`npm run cli -- …`), read from the CLI's own registry so the help card lists
 * exactly the commands this build has. Built once at start-up (src/server.ts) and handed to the Teams
 * layer through BotDeps, so the Teams adapter never imports the CLI.
 */
export function cliTasks(): CliTask[] {
  const program = new Program();
  // Only the definitions are wanted: nothing here runs a command, so the action is never called.
  const never = () => async () => undefined;
  const definitionsOnly: CliAction = Object.assign(never, { withoutStore: never });
  for (const register of cliCommands) register(program, definitionsOnly);
  const line = (words: string[], command: Program) => ({
    usage: [...words, command.usage().replace(/\[options\]\s*/, '').replace(/\[command\]\s*/, '')].join(' ').trim(),
    summary: command.description(),
  });
  return program.commands.flatMap((c) => (c.commands.length ? c.commands.map((sub) => line([c.name(), sub.name()], sub)) : [line([c.name()], c)]));
}
