import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { InvalidInputError } from '../../src/domain/errors.js';
import { poolConfig, redactedUrl } from '../../src/store/postgres/pg-connection.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

describe('connecting to PostgreSQL: pool size and TLS from the settings', () => {
  const url = 'postgres://bot:s3cret@db.example.org:5432/sib';

  it('when the URL names no sslmode, then the connection is plain and the pool holds DATABASE_POOL_SIZE connections', () => {
    expect(poolConfig({ url, poolSize: 4 })).toMatchObject({ connectionString: url, max: 4, ssl: false });
  });

  it.each([
    ['require', { rejectUnauthorized: false }],
    ['verify-full', { rejectUnauthorized: true }],
  ])('when sslmode=%s, then TLS is used as psql would, and the parameter is not passed on to the driver', (mode, ssl) => {
    const config = poolConfig({ url: `${url}?sslmode=${mode}&application_name=x` });
    expect(config.ssl).toMatchObject(ssl);
    expect(config.connectionString).toBe(`${url}?application_name=x`);
  });

  it('when DATABASE_SSL_CA names a file, then its CA is trusted and the certificate checked even under sslmode=require; verify-ca skips the host name', async () => {
    const ca = join(await dirs.make(), 'ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const required = poolConfig({ url: `${url}?sslmode=require`, sslCaFile: ca }).ssl as { rejectUnauthorized: boolean; ca: string };
    expect(required).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') });
    const chainOnly = poolConfig({ url: `${url}?sslmode=verify-ca`, sslCaFile: ca }).ssl as { checkServerIdentity?: () => unknown };
    expect(chainOnly.checkServerIdentity?.()).toBeUndefined();
  });

  it('when the sslmode or the CA file is wrong, then it is one line naming the setting', () => {
    expect(() => poolConfig({ url: `${url}?sslmode=always` })).toThrow(new InvalidInputError('DATABASE_URL: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full.'));
    expect(() => poolConfig({ url: `${url}?sslmode=verify-full`, sslCaFile: '/nowhere/ca.pem' })).toThrow(/^DATABASE_SSL_CA: \/nowhere\/ca\.pem could not be read \(ENOENT\)\.$/);
  });

  it('when the URL is shown, then its password is not', () => {
    expect(redactedUrl(url)).toBe('postgres://bot:***@db.example.org:5432/sib');
  });
});
