/**
 * `npm run docs:cards`: renders every card sample (scripts/card-samples.ts) through the bot's own templates and
 * takes a picture of each, as Teams would show it, into docs/cards/<name>.png for the user docs.
 *
 * The cards are drawn by the Adaptive Cards SDK's browser bundle (the renderer family Teams uses) in headless
 * Chromium, with a Teams-like light host config. Nothing is fetched: the page is built in memory, the SDK is
 * injected from node_modules, and any request the page makes is refused. Each picture is then reduced to a small
 * palette with pngquant, so the docs stay light. docs/cards/pictures.json records what each picture was drawn from,
 * so a test can tell when a card changed and its picture did not (see card-picture-page.ts). Needs Debian's Chromium, its British locale (for dd/mm/yyyy date
 * inputs) and pngquant: `apt-get install -y chromium chromium-l10n pngquant`. Not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as AdaptiveCardsSdk from 'adaptivecards';
import { chromium } from 'playwright-core';
import { cardSchemas, renderCard } from '../src/teams/cards/render.js';
import { CARD_WIDTH, HOST_CONFIG, MANIFEST, PAGE, PICTURES_DIR, readManifest, withPictures } from './card-picture-page.js';
import { cardSamples, pictureFile, type CardSample } from './card-samples.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PNGQUANT = 'pngquant';
const SDK_BUNDLE = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
/** Past this a picture is too heavy for a docs page; the script says so rather than fail. */
const LARGE_PICTURE_BYTES = 120_000;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Date inputs follow the browser's own language (on Linux, from the environment), not the page's: British dates, as in a UK tenant's Teams. */
const BRITISH = { LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' };

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
  mkdirSync(PICTURES_DIR, { recursive: true });
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
      const path = join(PICTURES_DIR, file);
      squeeze(await page.locator('#frame').screenshot({ animations: 'disabled', caret: 'hide' }), path);
      const bytes = statSync(path).size;
      console.log(`${file}: ${Math.round(bytes / 1024)} KB${bytes > LARGE_PICTURE_BYTES ? ' (large: shorten its sample)' : ''}`);
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  // Only the pictures drawn are recorded anew; those of samples that went are forgotten.
  const files = new Set(cardSamples.map(pictureFile));
  const manifest = withPictures(readManifest(), samples);
  const kept = { ...manifest, pictures: Object.fromEntries(Object.entries(manifest.pictures).filter(([file]) => files.has(file))) };
  writeFileSync(MANIFEST, `${JSON.stringify(kept, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
