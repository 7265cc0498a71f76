/**
 * The admin CLI: `npm run cli -- <command>` (see `npm run cli -- --help`). It reads the same
 * environment as the bot and works on the same store, which serialises its writes with the bot's.
 */
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
