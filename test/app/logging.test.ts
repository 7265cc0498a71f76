import { loggableError } from '../../src/app/logging.js';

describe('loggableError', () => {
  it('when an error message carries what someone typed, then only its name, code, status and frames are kept', () => {
    const err = Object.assign(new Error('Concern: the head said something private'), { code: 'E_TEST', statusCode: 503 });
    const logged = loggableError(err);
    expect(logged).toMatchObject({ name: 'Error', code: 'E_TEST', statusCode: 503 });
    expect(logged.at).toMatch(/logging\.test\.ts/);
    expect(JSON.stringify(logged)).not.toContain('private');
  });

  it('when something other than an Error is thrown, then its type is named', () => {
    expect(loggableError('a note text')).toEqual({ name: 'string', code: undefined, statusCode: undefined, at: undefined });
  });
});
