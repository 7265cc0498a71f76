import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { pictureHash, PICTURES_DIR, REDRAW_COMMAND, readManifest, stalePictures } from '../../scripts/card-picture-page.js';
import { cardSamples, pictureFile } from '../../scripts/card-samples.js';

/**
 * The docs' card pictures are drawn by `npm run docs:cards`, which records in docs/cards/pictures.json a hash of
 * what each was drawn from (the expanded card, the host config, the page and its width). Re-expanding every sample
 * here, without a browser, tells which pictures no longer show their card.
 */
describe('the docs pictures of the cards', () => {
  it('when a card, its sample or the pictures’ look changed, then its picture has been redrawn', () => {
    const stale = stalePictures(readManifest(), cardSamples);
    const cards = [...new Set(cardSamples.filter((s) => stale.includes(pictureFile(s))).map((s) => s.card))];
    const command = stale.length === cardSamples.length ? REDRAW_COMMAND : `${REDRAW_COMMAND} -- ${cards.join(' ')}`;
    const advice = stale.length ? `Out of date: ${stale.join(', ')}. Redraw them with: ${command}` : '';
    expect(advice).toBe('');
  });

  it('when a sample is drawn twice, then it is the same picture (nothing random or dated by the clock in a sample)', () => {
    expect(cardSamples.filter((s) => pictureHash(s) !== pictureHash(s)).map(pictureFile)).toEqual([]);
  });

  it('when a picture is recorded as drawn, then its file is committed and a sample still makes it', () => {
    const files = new Set(cardSamples.map(pictureFile));
    const recorded = Object.keys(readManifest().pictures);
    expect(recorded.filter((f) => !files.has(f) || !existsSync(join(PICTURES_DIR, f)))).toEqual([]);
  });
});
