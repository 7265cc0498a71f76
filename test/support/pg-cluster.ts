import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own (`.ci/start-postgres`: a throwaway cluster on 127.0.0.1), for the tests
 * that stop and start the server: the shared test server must stay up for the test files running beside them.
 */
export interface OwnCluster {
  url: string;
  /** `pg_ctl stop -m fast`: every connection ended, as a restart or failover ends them. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it for good and removes its files (`.ci/stop-postgres`). */
  remove(): Promise<void>;
}

export async function startOwnCluster(): Promise<OwnCluster> {
  const { stdout } = await run('.ci/start-postgres', [], { encoding: 'utf8' });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(stdout)![1]!;
  const dir = /PG_TEST_DIR=(\S+)/.exec(stdout)![1]!;
  const port = new URL(url).port;
  const { stdout: bins } = await run('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1'], { encoding: 'utf8' });
  const pgCtl = `${bins.trim()}/pg_ctl`;
  const asOwner = (args: string[]) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', pgCtl, ...args]) : run(pgCtl, args));
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  return {
    url,
    stop: async () => void (await asOwner(['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop'])),
    start: async () => void (await asOwner(['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', options, 'start'])),
    remove: async () => void (await run('.ci/stop-postgres', [], { env: { ...process.env, PG_TEST_DIR: dir } })),
  };
}
