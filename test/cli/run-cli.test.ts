import { fixedClock } from '../../src/app/ports/clock.port.js';
import type { CliCommand } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { InvalidInputError } from '../../src/domain/errors.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import { runCliOn } from '../support/cli-run.js';

function capture() {
  const io = { out: '', err: '' };
  return { io, stdout: { write: (s: string) => (io.out += s) }, stderr: { write: (s: string) => (io.err += s) } };
}

describe('runCli', () => {
  it('when a command is registered, then it runs with the store, tenant, actor and clock, and exits 0', async () => {
    const seen: string[] = [];
    const hello: CliCommand = (program, action) => {
      program.command('hello <name>').action(
        action(async (ctx, name: string) => {
          seen.push(ctx.tenantId, ctx.actor, ctx.clock.now().toISOString(), ctx.store.kind);
          ctx.print(`Hello ${name}`);
        }),
      );
    };
    const { io, stdout, stderr } = capture();
    const code = await runCli(['hello', 'Alex'], { commands: [hello], store: new MemoryStore(), clock: fixedClock('2026-11-23T09:00:00Z'), tenantId: 't1', actor: 'cli:me', env: {}, stdout, stderr });
    expect(code).toBe(0);
    expect(io.out).toBe('Hello Alex\n');
    expect(seen).toEqual(['t1', 'cli:me', '2026-11-23T09:00:00.000Z', 'memory']);
  });

  it('when no actor is given, then the actor is cli:<os user>', async () => {
    let actor = '';
    const who: CliCommand = (program, action) => void program.command('who').action(action(async (ctx) => void (actor = ctx.actor)));
    const { stdout, stderr } = capture();
    await runCli(['who'], { commands: [who], store: new MemoryStore(), env: {}, stdout, stderr });
    expect(actor).toMatch(/^cli:.+/);
  });

  it.each([
    [['bogus'], "error: unknown command 'bogus'"],
    [['import-schools'], "error: missing required argument 'file'"],
    [['export', 'a.json', 'b.json'], "error: too many arguments for 'export'. Expected 1 argument but got 2."],
  ])('when the command line is %j, then it exits 1 with one line', async (argv, line) => {
    const { code, out, err } = await runCliOn(new MemoryStore(), argv);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`${line}\n`);
  });

  it('when asked for help, then it lists the commands on stdout and exits 0', async () => {
    const { code, out } = await runCliOn(new MemoryStore(), ['--help']);
    expect(code).toBe(0);
    for (const c of ['import-schools', 'import-people', 'export', 'backup', 'restore', 'seed-demo']) expect(out).toContain(c);
  });

  it('when a setting is bad, then it exits 1 with the one line naming the setting', async () => {
    const { io, stdout, stderr } = capture();
    const code = await runCli(['export', 'x.json'], { env: { DATABASE_URL: 'mysql://db' }, stdout, stderr });
    expect(code).toBe(1);
    expect(io.err).toMatch(/^error: Setting DATABASE_URL[: ].*postgres/);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('when a command fails with a domain error, then its message is the one line; anything else is labelled unexpected', async () => {
    const failing: CliCommand = (program, action) => {
      program.command('refuse').action(action(async () => { throw new InvalidInputError('The file is wrong.\nReally.'); }));
      program.command('crash').action(action(async () => { throw new TypeError('x is undefined'); }));
    };
    const run = async (argv: string[]) => {
      const { io, stdout, stderr } = capture();
      const code = await runCli(argv, { commands: [failing], store: new MemoryStore(), env: {}, stdout, stderr });
      return { code, err: io.err };
    };
    expect(await run(['refuse'])).toEqual({ code: 1, err: 'error: The file is wrong. Really.\n' });
    expect(await run(['crash'])).toEqual({ code: 1, err: 'error (unexpected): x is undefined\n' });
  });
});
