import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { cardSamples, pictureFile } from '../../scripts/card-samples.js';
import { cardNames, cardSchemas, renderCard } from '../../src/teams/cards/render.js';
import { CARDS_DIR } from '../../src/teams/cards/template.js';
import { validateCard } from '../support/cards.js';

/**
 * The user docs show a picture of every card, rendered from scripts/card-samples.ts by `npm run docs:cards`.
 * These checks keep the samples (and so the pictures) in step with the cards: a new card needs a sample, and a
 * changed schema or template that a sample no longer fits fails here rather than in front of a reader.
 */
const DOCS = new URL('../../docs/', import.meta.url);
const USER_DOCS = ['officers.md', 'headteachers.md', 'administrators.md'];

describe('the card samples behind the docs pictures', () => {
  it('when a template is in cards/, then it has at least one sample', () => {
    const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    const sampled = new Set<string>(cardSamples.map((s) => s.card));
    expect(templates.filter((t) => !sampled.has(t))).toEqual([]);
    expect(cardNames.filter((n) => !sampled.has(n))).toEqual([]);
  });

  it('when samples are listed, then each picture has its own file name', () => {
    const files = cardSamples.map(pictureFile);
    expect(files.filter((f, i) => files.indexOf(f) !== i)).toEqual([]);
  });

  it.each(cardSamples.map((s) => [pictureFile(s), s] as const))('when %s is rendered, then its data fits the card schema and the card is valid', (_file, sample) => {
    const parsed = cardSchemas[sample.card].safeParse(sample.data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(() => validateCard(renderCard(sample.card, sample.data))).not.toThrow();
  });

  it('when a picture is in docs/cards, then a sample still makes it (no stale pictures of a card that changed name or went)', () => {
    const known = new Set(cardSamples.map(pictureFile));
    const pictures = readdirSync(new URL('cards/', DOCS)).filter((f) => f.endsWith('.png'));
    expect(pictures.filter((f) => !known.has(f))).toEqual([]);
  });

  it('when the user docs embed a card picture, then the picture is a sample’s and is committed', () => {
    const known = new Set(cardSamples.map(pictureFile));
    const embedded = USER_DOCS.flatMap((doc) => [...readFileSync(new URL(doc, DOCS), 'utf8').matchAll(/\]\(cards\/([^)\s]+\.png)\)/g)].map((m) => m[1]!));
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.filter((f) => !known.has(f) || !existsSync(new URL(`cards/${f}`, DOCS)))).toEqual([]);
  });
});
