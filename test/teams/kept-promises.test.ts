import { KeptPromises } from '../../src/teams/kept-promises.js';

/** A maker that counts what it made: each made value names its key and how many were made before it. */
function counting() {
  const made: string[] = [];
  const make = (key: string) => () => {
    made.push(key);
    return Promise.resolve(`${key}#${made.length}`);
  };
  return { made, make };
}

describe('promises kept by key', () => {
  it('when the same key is asked for twice, then the second ask gets the first one\'s value and nothing new is made', async () => {
    const kept = new KeptPromises<string>(4);
    const { made, make } = counting();
    expect(await kept.get('a', make('a'))).toBe('a#1');
    expect(await kept.get('a', make('a'))).toBe('a#1');
    expect(made).toEqual(['a']);
  });

  it('when two keys are asked for, then each gets its own', async () => {
    const kept = new KeptPromises<string>(4);
    const { make } = counting();
    expect(await kept.get('a', make('a'))).toBe('a#1');
    expect(await kept.get('b', make('b'))).toBe('b#2');
    expect(await kept.get('a', make('a'))).toBe('a#1');
  });

  it('when making one fails, then that failure is not kept: the next ask makes it again', async () => {
    const kept = new KeptPromises<string>(4);
    await expect(kept.get('a', () => Promise.reject(new Error('no network')))).rejects.toThrow('no network');
    expect(await kept.get('a', () => Promise.resolve('made again'))).toBe('made again');
    expect(await kept.get('a', () => Promise.resolve('not asked'))).toBe('made again');
  });

  it('when a failing one had already been replaced when it fails, then its failure does not forget its replacement', async () => {
    const kept = new KeptPromises<string>(1);
    let fail!: (e: Error) => void;
    const failing = kept.get('a', () => new Promise<string>((_, reject) => (fail = reject)));
    // 'b' pushes 'a' out (one kept at most); a new 'a' then takes its place before the first one fails.
    await kept.get('b', () => Promise.resolve('b'));
    const second = kept.get('a', () => Promise.resolve('a again'));
    fail(new Error('refused'));
    await expect(failing).rejects.toThrow('refused');
    expect(await kept.get('a', () => Promise.resolve('not asked'))).toBe(await second);
  });

  it('when more keys are asked for than are kept, then the one asked for least recently is made again, not the one in use', async () => {
    const kept = new KeptPromises<string>(2);
    const { made, make } = counting();
    await kept.get('in use', make('in use'));
    await kept.get('other', make('other'));
    await kept.get('in use', make('in use'));
    await kept.get('third', make('third'));
    expect(await kept.get('in use', make('in use'))).toBe('in use#1');
    expect(await kept.get('other', make('other'))).toBe('other#4');
    expect(made).toEqual(['in use', 'other', 'third', 'other']);
  });
});
