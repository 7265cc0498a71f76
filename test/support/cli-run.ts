import { fixedClock } from '../../src/app/ports/clock.port.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { runCli } from '../../src/cli/run-cli.js';

export const CLI_TENANT = 'tenant-cli';

/** Runs the admin CLI in-process against the given store; returns the exit code and what it printed. */
export async function runCliOn(store: Store, argv: string[], at = '2026-11-23T09:00:00Z', env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    store,
    clock: fixedClock(at),
    tenantId: CLI_TENANT,
    actor: 'cli:tester',
    env,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}
