import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCard } from '../src/teams/cards/render.js';
import { pictureFile, type CardSample } from './card-sample.js';

/**
 * What a docs picture of a card is drawn from, apart from the browser: the page around the card, the Teams-like host
 * config, the width, and the card as the bot expands it. `npm run docs:cards` draws with these and records a hash
 * of them per picture in docs/cards/pictures.json; test/docs recomputes the hashes without a browser, so a card,
 * sample or look that changed without its picture being redrawn fails there, naming the picture.
 */

/** The width of a card in the pictures: Teams' narrow chat column, or a phone. */
export const CARD_WIDTH = 400;
/** The command that redraws the pictures; with card names after `--`, only theirs. */
export const REDRAW_COMMAND = 'npm run docs:cards';
export const PICTURES_DIR = fileURLToPath(new URL('../docs/cards/', import.meta.url));
export const MANIFEST = fileURLToPath(new URL('../docs/cards/pictures.json', import.meta.url));

/** Segoe UI is Teams' font; on Linux the stack falls to Arial's metric twin, Liberation Sans. */
const FONT_STACK = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

const colour = (normal: string, subtle: string) => ({ default: normal, subtle });
/** Text colours on white and on the grey of an emphasis container alike. */
const TEXT_COLOURS = {
  default: colour('#242424', '#616161'),
  dark: colour('#242424', '#424242'),
  light: colour('#FFFFFF', '#F5F5F5'),
  accent: colour('#5B5FC7', '#6E72D4'),
  good: colour('#237B4B', '#3C8E5F'),
  warning: colour('#8A5A00', '#A26E00'),
  attention: colour('#C4314B', '#D05A6E'),
};
/** A light-theme host config in the manner of Teams': its purple accent, its text colours and sizes. */
export const HOST_CONFIG = {
  supportsInteractivity: true,
  fontTypes: {
    default: { fontFamily: FONT_STACK, fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 }, fontWeights: { lighter: 300, default: 400, bolder: 600 } },
    monospace: { fontFamily: "Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace", fontSizes: { small: 12, default: 13, medium: 15, large: 18, extraLarge: 22 }, fontWeights: { lighter: 300, default: 400, bolder: 600 } },
  },
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  containerStyles: { default: { backgroundColor: '#FFFFFF', foregroundColors: TEXT_COLOURS }, emphasis: { backgroundColor: '#F5F5F5', foregroundColors: TEXT_COLOURS } },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 12 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
  inputs: { label: { inputSpacing: 'small', requiredInputs: { suffix: ' *', suffixColor: 'attention' }, optionalInputs: {} }, errorMessage: { color: 'attention', size: 'small' } },
};

/** Teams' chat look around the card: the bot's name above a white card with a soft edge. */
const PAGE_CSS = `
  body { margin: 0; background: #F5F5F5; font-family: ${FONT_STACK}; }
  #frame { display: inline-block; padding: 12px 16px 16px; }
  .sender { font-size: 12px; color: #616161; margin: 0 0 6px 2px; }
  .sender b { color: #242424; font-weight: 600; margin-right: 8px; }
  #card { width: ${CARD_WIDTH}px; background: #FFF; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-pushButton { font: 600 14px ${FONT_STACK}; padding: 5px 12px; border-radius: 4px; border: 1px solid #D1D1D1; background: #FFF; color: #242424; cursor: pointer; min-height: 32px; }
  .ac-pushButton.style-positive, .ac-pushButton.expanded { background: #5B5FC7; border-color: #5B5FC7; color: #FFF; }
  .ac-pushButton.style-destructive { background: #C4314B; border-color: #C4314B; color: #FFF; }
  .ac-input { font: 14px ${FONT_STACK}; color: #242424; box-sizing: border-box; }
  .ac-textInput, .ac-dateInput, .ac-choiceSetInput-compact { width: 100%; min-height: 32px; padding: 5px 10px; border: 1px solid #E0E0E0; border-bottom-color: #8A8A8A; border-radius: 4px; background: #FFF; }
  .ac-textInput.ac-multiline { height: 64px; resize: none; }
  .ac-input-validation-failed { border-color: #C4314B; }
  .ac-toggleInput input, .ac-choiceSetInput-expanded input { accent-color: #5B5FC7; }
  ::placeholder { color: #8A8A8A; }
`;

export const PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>${PAGE_CSS}</style></head>
<body><div id="frame"><div class="sender"><b>School Improvement Bot</b>12:00</div><div id="card"></div></div></body></html>`;

/** The record of what each picture was drawn from: picture file → hash. */
export interface PictureManifest {
  redraw: string;
  pictures: Record<string, string>;
}

/** A hash of exactly what a sample's picture is drawn from: the expanded card, the host config, the page and width. */
export function pictureHash(sample: CardSample): string {
  const drawn = { width: CARD_WIDTH, page: PAGE, hostConfig: HOST_CONFIG, card: renderCard(sample.card, sample.data) };
  return createHash('sha256').update(JSON.stringify(drawn)).digest('hex').slice(0, 16);
}

export function readManifest(): PictureManifest {
  const empty = { redraw: REDRAW_COMMAND, pictures: {} };
  return existsSync(MANIFEST) ? { ...empty, ...(JSON.parse(readFileSync(MANIFEST, 'utf8')) as Partial<PictureManifest>) } : empty;
}

/** The manifest with these samples' pictures recorded, the others kept, files in order (a stable diff). */
export function withPictures(manifest: PictureManifest, samples: readonly CardSample[]): PictureManifest {
  const pictures: Record<string, string> = { ...manifest.pictures, ...Object.fromEntries(samples.map((s) => [pictureFile(s), pictureHash(s)])) };
  return { redraw: REDRAW_COMMAND, pictures: Object.fromEntries(Object.entries(pictures).sort(([a], [b]) => a.localeCompare(b))) };
}

/** Pictures whose card, sample or look changed since they were drawn, or that were never drawn. */
export function stalePictures(manifest: PictureManifest, samples: readonly CardSample[]): string[] {
  return samples.filter((s) => manifest.pictures[pictureFile(s)] !== pictureHash(s)).map(pictureFile);
}
