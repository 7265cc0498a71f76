/**
 * `npm run playground`: the Microsoft 365 Agents Playground pointed at the bot on this machine, on the port the
 * bot listens on (PORT, 3978 when unset), with the Playground's telemetry turned off so that nothing leaves the
 * machine. The Playground reads `.m365agentsplayground.yml` from the repository root: the bot's name and the demo
 * people, so a newcomer can switch between being the officer and a headteacher.
 */
import { spawn } from 'node:child_process';

const port = process.env.PORT?.trim() || '3978';
if (!/^\d{1,5}$/.test(port)) {
  console.error(`PORT must be a port number (it is "${port}").`);
  process.exit(2);
}
const endpoint = `http://127.0.0.1:${port}/api/messages`;
console.log(`Agents Playground for the bot at ${endpoint} (telemetry off).`);

const child = spawn('agentsplayground', ['--app-endpoint', endpoint, '--channel-id', 'msteams', '--disable-telemetry', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  console.error(`Could not start the Agents Playground: ${err.message}. Run npm install first.`);
  process.exit(1);
});
