import type { z } from 'zod/v4';
import type { cardSchemas, CardName } from '../src/teams/cards/render.js';

/**
 * One sample of a card for the docs' pictures: the card, whose view it is, what it shows, and the data it is
 * rendered from. The samples themselves are in card-samples.ts and the files it gathers.
 */
export interface CardSample<N extends CardName = CardName> {
  card: N;
  /** Whose view this is, for cards that differ by viewer; part of the picture's file name. */
  view?: string;
  /** What the picture shows, for its alt text. */
  caption: string;
  data: z.input<(typeof cardSchemas)[N]>;
}

/** The picture's file name under docs/cards/: `<card>.png`, or `<card>-<view>.png` for a per-viewer card. */
export function pictureFile(sample: Pick<CardSample, 'card' | 'view'>): string {
  return `${sample.card}${sample.view ? `-${sample.view}` : ''}.png`;
}

