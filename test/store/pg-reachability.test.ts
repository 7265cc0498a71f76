import { StoreUnreachableError } from '../../src/domain/errors.js';
import { isUnreachable, withReachability } from '../../src/store/postgres/pg-reachability.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('telling an unreachable PostgreSQL from a refusal', () => {
  it('when the server is down, restarting or ended the connection, then it is unreachable', () => {
    for (const e of [withCode('ECONNREFUSED'), withCode('ECONNRESET'), withCode('57P01', 'terminating connection due to administrator command'), withCode('57P03'), withCode('08006'), new Error('Connection terminated unexpectedly')]) {
      expect(isUnreachable(e)).toBe(true);
    }
  });

  it('when the database refused the statement itself, then it is not', () => {
    for (const e of [withCode('40001'), withCode('23505'), withCode('42P01'), new Error('boom')]) expect(isUnreachable(e)).toBe(false);
  });

  it('when a read fails to connect and then succeeds, then the read answers; when it never connects, then it is StoreUnreachableError with no address in it', async () => {
    let tries = 0;
    await expect(withReachability(async () => (++tries < 2 ? Promise.reject(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432')) : 'read'))).resolves.toBe('read');
    const never = withReachability(() => Promise.reject(withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432')));
    await expect(never).rejects.toThrow(StoreUnreachableError);
    await expect(never).rejects.not.toThrow(/10\.0\.0\.5/);
  });
});
