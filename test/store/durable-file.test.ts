import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFileInPieces } from '../../src/store/durable-file.js';
import { TimeSlices, type SliceClock } from '../../src/store/time-slices.js';
import { TempDirs } from './fixtures/temp-dir.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

/**
 * A clock that moves only when told: making a piece takes `pieceMs` of the work's time, and each turn of the loop
 * finds requests waiting that take `othersMs`. The pauses the work takes for them are recorded, not slept.
 */
function busyLoop(pieceMs: number, othersMs: number) {
  let now = 0;
  const pauses: number[] = [];
  const clock: SliceClock = {
    now: () => now,
    turn: async () => {
      now += othersMs;
    },
    sleep: async (ms) => {
      pauses.push(ms);
      now += ms;
    },
  };
  function* pieces(count: number): Generator<Buffer> {
    for (let i = 0; i < count; i++) {
      now += pieceMs;
      yield Buffer.from(`piece ${i}\n`);
    }
  }
  return { clock, pauses, pieces };
}

describe('replaceFileInPieces', () => {
  it('gives way to waiting requests between the pieces of a background write, for the time the pieces took', async () => {
    const file = join(await dirs.make(), 'partition.json');
    const loop = busyLoop(5, 2);
    const head = { length: 65, text: (sum: string) => `${sum}\n` };

    await replaceFileInPieces(file, head, loop.pieces(4), TimeSlices.background(loop.clock));

    // A quarter share: 5 ms of work owes the others 15 ms, of which the turn already gave them 2.
    expect(loop.pauses).toEqual([13, 13, 13, 13]);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n').slice(1)).toEqual(['piece 0', 'piece 1', 'piece 2', 'piece 3', '']);
  });

  it('does not pause when nothing else is waiting', async () => {
    const file = join(await dirs.make(), 'partition.json');
    const loop = busyLoop(5, 0);

    await replaceFileInPieces(file, { length: 65, text: (sum: string) => `${sum}\n` }, loop.pieces(4), TimeSlices.background(loop.clock));

    expect(loop.pauses).toEqual([]);
  });
});
