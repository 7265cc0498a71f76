/**
 * `npm run playground`: the Microsoft 365 Agents Playground pointed at the bot on this machine, on the port the
 * bot listens on (PORT, 3978 when unset), with the Playground's telemetry turned off so that nothing leaves the
 * machine. The Playground reads `.m365agentsplayground.yml` from the repository root: the bot's name and the demo
 * people. `npm run playground -- --as Adele` opens it as another of them (the Playground has no switch of its own).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configAs } from './playground-user.js';

const CONFIG = fileURLToPath(new URL('../.m365agentsplayground.yml', import.meta.url));

const port = process.env.PORT?.trim() || '3978';
if (!/^\d{1,5}$/.test(port)) {
  console.error(`PORT must be a port number (it is "${port}").`);
  process.exit(2);
}

/** `--as <name>` (or `--as=<name>`) is ours; every other argument goes to the Playground. */
function splitArgs(args: readonly string[]): { as?: string; rest: string[] } {
  const at = args.findIndex((a) => a === '--as' || a.startsWith('--as='));
  if (at < 0) return { rest: [...args] };
  const inline = args[at]!.startsWith('--as=');
  return { as: inline ? args[at]!.slice('--as='.length) : args[at + 1], rest: args.filter((_, i) => i !== at && (inline || i !== at + 1)) };
}

/** The config file for `--as <name>`: a copy with that person as the current user; none without `--as`. */
function configFor(as: string | undefined): { path?: string; who: string } {
  if (as === undefined) return { who: 'the current user of .m365agentsplayground.yml' };
  const swapped = configAs(readFileSync(CONFIG, 'utf8'), as);
  if ('error' in swapped) {
    console.error(swapped.error);
    process.exit(2);
  }
  const path = join(tmpdir(), `m365agentsplayground-${swapped.name.replace(/\W+/g, '-').toLowerCase()}.yml`);
  writeFileSync(path, swapped.config);
  return { path, who: swapped.name };
}

const { as, rest } = splitArgs(process.argv.slice(2));
const { path, who } = configFor(as);
const env = path ? { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: path } : process.env;
const endpoint = `http://127.0.0.1:${port}/api/messages`;
console.log(`Agents Playground for the bot at ${endpoint} as ${who} (telemetry off).`);

const child = spawn('agentsplayground', ['--app-endpoint', endpoint, '--channel-id', 'msteams', '--disable-telemetry', ...rest], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env,
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  console.error(`Could not start the Agents Playground: ${err.message}. Run npm install first.`);
  process.exit(1);
});
