import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the tests run against: `TEST_DATABASE_URL` (`.ci/run` starts one and sets it). Without it the
 * PostgreSQL tests are skipped, with a note saying so.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** `describe` when a test database is configured; otherwise the block is skipped and a note says why. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) return describe(name, body);
  describe(name, () => {
    it.skip('TEST_DATABASE_URL is not set: these PostgreSQL tests are skipped (.ci/run starts a server and sets it)', () => undefined);
  });
  process.stderr.write(`NOTE: TEST_DATABASE_URL is not set: "${name}" (PostgreSQL) is skipped.\n`);
}

/**
 * Empty databases for tests, each a schema of its own in the test database (the URL names it as the connection's
 * search_path), so tests and test files never see each other's records. `dropAll` removes them.
 */
export class TestDatabases {
  private readonly schemas: string[] = [];

  async make(): Promise<string> {
    const schema = `sib_test_${randomBytes(6).toString('hex')}`;
    await this.admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    this.schemas.push(schema);
    const url = new URL(TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  }

  async dropAll(): Promise<void> {
    const schemas = this.schemas.splice(0);
    if (schemas.length) await this.admin((c) => c.query(`DROP SCHEMA ${schemas.join(', ')} CASCADE`));
  }

  private async admin(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }
}
