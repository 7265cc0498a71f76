/**
 * `npm run docs:cards`: renders every card sample (scripts/card-samples.ts) through the bot's own templates and
 * takes a picture of each, as Teams would show it, into docs/cards/<name>.png for the user docs.
 *
 * The cards are drawn by the Adaptive Cards SDK's browser bundle (the renderer family Teams uses) in headless
 * Chromium, with a Teams-like light host config. Nothing is fetched: the page is built in memory, the SDK is
 * injected from node_modules, and any request the page makes is refused. Each picture is then reduced to a small
 * palette with pngquant, so the docs stay light. Needs Debian's Chromium, its British locale (for dd/mm/yyyy date
 * inputs) and pngquant: `apt-get install -y chromium chromium-l10n pngquant`. Not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as AdaptiveCardsSdk from 'adaptivecards';
import { chromium } from 'playwright-core';
import { cardSchemas, renderCard } from '../src/teams/cards/render.js';
import { cardSamples, pictureFile, type CardSample } from './card-samples.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PNGQUANT = 'pngquant';
const OUT_DIR = fileURLToPath(new URL('../docs/cards/', import.meta.url));
const SDK_BUNDLE = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
/** Teams' chat column is wider, but a card in it is drawn at most about this wide. */
const CARD_WIDTH = 500;
/** Past this a picture is too heavy for a docs page; the script says so rather than fail. */
const LARGE_PICTURE_BYTES = 120_000;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Date inputs follow the browser's own language (on Linux, from the environment), not the page's: British dates, as in a UK tenant's Teams. */
const BRITISH = { LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' };

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
const HOST_CONFIG = {
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

const PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>${PAGE_CSS}</style></head>
<body><div id="frame"><div class="sender"><b>School Improvement Bot</b>12:00</div><div id="card"></div></div></body></html>`;

/** A screenshot's thousands of anti-aliasing shades, cut to a palette: a third of the bytes, no visible change. */
function squeeze(png: Buffer, path: string): void {
  const raw = `${path}.raw.png`;
  writeFileSync(raw, png);
  try {
    execFileSync(PNGQUANT, ['--quality=50-90', '--speed', '1', '--strip', '--force', '--output', path, raw]);
  } finally {
    rmSync(raw, { force: true });
  }
}

function checkTools(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`);
  try {
    execFileSync(PNGQUANT, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('pngquant is needed to keep the pictures small: apt-get install -y pngquant.');
  }
}

/** Validates every sample against its card's schema first: a sample that no longer fits stops the run, naming it. */
function checkSamples(samples: readonly CardSample[]): void {
  const problems = samples.flatMap((s) => {
    const parsed = cardSchemas[s.card].safeParse(s.data);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${pictureFile(s)}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  });
  if (problems.length) throw new Error(`Card samples that do not fit their card's schema:\n- ${problems.join('\n- ')}`);
}

async function main(): Promise<void> {
  checkSamples(cardSamples);
  // `npm run docs:cards -- <card> …` redraws only those cards' pictures (after changing one card, the rest stay).
  const only = process.argv.slice(2);
  const samples = only.length ? cardSamples.filter((s) => only.includes(s.card)) : cardSamples;
  if (only.length && samples.length === 0) throw new Error(`No card samples for: ${only.join(', ')}`);
  checkTools();
  mkdirSync(OUT_DIR, { recursive: true });
  // A fresh profile each run: nothing from an earlier run (or a person's own browser) can change the pictures.
  const profile = mkdtempSync(join(tmpdir(), 'card-pictures-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...BRITISH },
    viewport: { width: CARD_WIDTH + 64, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    offline: true,
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.route('**/*', (route) => route.abort());
    await page.setContent(PAGE);
    await page.addScriptTag({ path: SDK_BUNDLE });
    for (const sample of samples) {
      const file = pictureFile(sample);
      const card = renderCard(sample.card, sample.data);
      const warnings = await page.locator('#card').evaluate(
        (host, { card, hostConfig }) => {
          const sdk = (globalThis as unknown as { AdaptiveCards: typeof AdaptiveCardsSdk }).AdaptiveCards;
          const adaptive = new sdk.AdaptiveCard();
          adaptive.hostConfig = new sdk.HostConfig(hostConfig);
          const context = new sdk.SerializationContext(sdk.Versions.v1_5);
          adaptive.parse(card, context);
          const rendered = adaptive.render();
          if (!rendered) return ['the SDK rendered nothing'];
          host.replaceChildren(rendered);
          return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
        },
        { card, hostConfig: HOST_CONFIG },
      );
      // Teams' chart elements (Chart.*) are unknown to the SDK, which shows their fallback (as a Teams client that
      // cannot draw the chart would): the picture shows that fallback. Teams' dynamic type-ahead (`choices.data`) is
      // Teams' own too: the SDK files it under 1.6 and draws the static choices, as a client without it would.
      const chartWithFallback = (m: string) => /^Unknown element type "Chart\.[A-Za-z]+"\. Fallback will be used if present\.$/.test(m);
      const typeAhead = (m: string) => m === 'Property "choices.data" is supported in version 1.6, but you are using version 1.5.';
      const problems = warnings.filter((m) => !chartWithFallback(m) && !typeAhead(m));
      if (problems.length) throw new Error(`${file}: the Adaptive Cards SDK reported: ${problems.join('; ')}`);
      const path = join(OUT_DIR, file);
      squeeze(await page.locator('#frame').screenshot({ animations: 'disabled', caret: 'hide' }), path);
      const bytes = statSync(path).size;
      console.log(`${file}: ${Math.round(bytes / 1024)} KB${bytes > LARGE_PICTURE_BYTES ? ' (large: shorten its sample)' : ''}`);
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
