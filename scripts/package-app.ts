/**
 * `npm run package`: builds the Teams app package an administrator uploads, `manifest/build/school-improvement-bot.zip`.
 *
 * It reads `manifest/manifest.json`, fills its `${{NAME}}` placeholders from the environment (and `.env`),
 * rebuilds the bot's command lists from the command registry, validates the result offline against the
 * Teams JSON schema bundled in @microsoft/app-manifest for the manifest's version, checks the icons, and
 * zips manifest.json, color.png and outline.png at the root of the archive, as Teams expects.
 * Any problem stops it with one line and exit code 1.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import type { Command } from '../src/teams/handler.js';
import { buildCommandLists, type CommandList } from './command-lists.js';
import { ICON_SIZES } from './make-icons.js';

/** A problem that stops packaging; its message is the one line printed. */
export class PackageError extends Error {
  override name = 'PackageError';
}

export type Env = Record<string, string | undefined>;

export interface PackageOptions {
  env: Env;
  /** The command registry to list; the bot's own (`commands` in src/teams/routes.ts) by default. */
  commands?: readonly Command[];
  /** Folder holding manifest.json and the icons; `manifest/` by default. */
  manifestDir?: string;
  /** Where the zip is written; `manifest/build/school-improvement-bot.zip` by default. */
  outFile?: string;
}

export interface PackageResult {
  outFile: string;
  /** The manifest as written into the zip. */
  manifest: Record<string, unknown>;
  /** Registered commands Teams' 10-per-list limit left out of every command list. */
  omittedCommands: string[];
  /** Things worth knowing that do not stop packaging (e.g. developer links left at their defaults). */
  notes: string[];
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;
const VERSION = /^\d+\.\d+\.\d+$/;

/** Developer links used when unset, so a test package can be built; a note says to set them before publishing. */
const DEVELOPER_DEFAULTS = {
  DEVELOPER_NAME: 'School Improvement Team',
  DEVELOPER_WEBSITE_URL: 'https://www.example.com/',
  DEVELOPER_PRIVACY_URL: 'https://www.example.com/privacy',
  DEVELOPER_TERMS_URL: 'https://www.example.com/terms',
} as const;

/**
 * The value of every placeholder, checked. `undefined` (only BOT_DOMAIN) means "leave the entry out":
 * a bot needs no valid domain unless its cards open pages on its own host.
 */
function placeholderValues(env: Env, packageVersion: string, notes: string[]): Record<string, string | undefined> {
  const get = (key: string) => (env[key]?.trim() ? env[key]!.trim() : undefined);
  const botId = get('BOT_ID');
  if (!botId) throw new PackageError('BOT_ID is required: set it to the Microsoft App ID of the Azure Bot (a GUID), in the environment or .env.');
  if (!GUID.test(botId)) throw new PackageError(`BOT_ID "${botId}" is not a GUID (the Azure Bot's Microsoft App ID, e.g. 00000000-0000-0000-0000-000000000000).`);
  const appId = get('APP_ID') ?? botId;
  if (!GUID.test(appId)) throw new PackageError(`APP_ID "${appId}" is not a GUID.`);
  const version = get('APP_VERSION') ?? packageVersion;
  if (!VERSION.test(version)) throw new PackageError(`APP_VERSION "${version}" must be three numbers, e.g. 1.0.3 (raise it for each upload that updates the app).`);
  const domain = get('BOT_DOMAIN');
  if (domain !== undefined && !HOST.test(domain)) throw new PackageError(`BOT_DOMAIN "${domain}" must be a host name such as bot.example.org (no https:// and no path).`);

  const developer = Object.fromEntries(
    Object.entries(DEVELOPER_DEFAULTS).map(([key, fallback]) => {
      const value = get(key);
      if (value === undefined && key !== 'DEVELOPER_NAME') notes.push(`${key} is not set, so the package links to ${fallback}: set it to your organisation's page before publishing.`);
      if (value !== undefined && key !== 'DEVELOPER_NAME' && !value.startsWith('https://')) throw new PackageError(`${key} "${value}" must be an https:// address.`);
      return [key, value ?? fallback];
    }),
  );
  return { BOT_ID: botId, APP_ID: appId, APP_VERSION: version, BOT_DOMAIN: domain, ...developer };
}

/** Replaces every `${{NAME}}` in the manifest's strings; an array entry whose placeholder has no value is dropped. */
function fillPlaceholders(node: unknown, values: Record<string, string | undefined>, where = ''): unknown {
  if (typeof node === 'string') {
    let missing = false;
    const filled = node.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_match, name: string) => {
      if (!(name in values)) throw new PackageError(`manifest.json${where} uses the placeholder \${{${name}}}, which npm run package does not fill.`);
      const value = values[name];
      if (value === undefined) missing = true;
      return value ?? '';
    });
    return missing ? undefined : filled;
  }
  if (Array.isArray(node)) return node.map((item, i) => fillPlaceholders(item, values, `${where}[${i}]`)).filter((item) => item !== undefined);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        const filled = fillPlaceholders(value, values, `${where}.${key}`);
        if (filled === undefined) throw new PackageError(`manifest.json${where}.${key} needs a value its placeholder does not have.`);
        return [key, filled];
      }),
    );
  }
  return node;
}

/** The Teams schema for a manifest version, from the copy bundled in @microsoft/app-manifest: never fetched. */
async function bundledSchema(manifestVersion: unknown): Promise<object> {
  if (typeof manifestVersion !== 'string' || !/^\d+\.\d+$/.test(manifestVersion)) throw new PackageError('manifest.json has no manifestVersion such as "1.22".');
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) throw new PackageError(`manifestVersion ${manifestVersion} has no schema bundled in @microsoft/app-manifest: pick a version it ships.`);
  // The published schemas hold "\a" and "\v" escapes, which JSON does not allow.
  return JSON.parse((await readFile(file, 'utf8')).replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

/** Checks an icon's size and, for the outline icon, that it is white on transparent. Returns its bytes. */
async function checkIcon(manifestDir: string, file: unknown, kind: keyof typeof ICON_SIZES): Promise<{ name: string; data: Buffer }> {
  if (typeof file !== 'string' || !file || file.includes('/') || file.includes('\\')) throw new PackageError(`manifest.json icons.${kind} must name a file beside manifest.json.`);
  const full = path.join(manifestDir, file);
  if (!existsSync(full)) throw new PackageError(`The ${kind} icon ${full} is missing: run npm run icons.`);
  const data = await readFile(full);
  let png: PNG;
  try {
    png = PNG.sync.read(data);
  } catch {
    throw new PackageError(`The ${kind} icon ${full} is not a PNG file.`);
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) throw new PackageError(`The ${kind} icon ${full} is ${png.width}×${png.height}; Teams needs ${size}×${size}.`);
  if (kind === 'outline') {
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3]! > 0 && (png.data[i]! < 250 || png.data[i + 1]! < 250 || png.data[i + 2]! < 250)) {
        throw new PackageError(`The outline icon ${full} must be white on transparent; it has other colours.`);
      }
    }
  }
  return { name: file, data };
}

/** Builds, validates and writes the app package. Throws PackageError with a one-line message on any problem. */
export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const manifestDir = options.manifestDir ?? path.join(ROOT, 'manifest');
  const outFile = options.outFile ?? path.join(manifestDir, 'build', 'school-improvement-bot.zip');
  const registry = options.commands ?? (await import('../src/teams/routes.js')).commands;
  const notes: string[] = [];

  const packageJson = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  let template: unknown;
  try {
    template = JSON.parse(await readFile(path.join(manifestDir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new PackageError(`Cannot read ${path.join(manifestDir, 'manifest.json')}: ${(error as Error).message.split('\n')[0]}`);
  }
  const manifest = fillPlaceholders(template, placeholderValues(options.env, packageJson.version, notes)) as Record<string, unknown>;

  const bots = manifest.bots as Array<{ commandLists?: CommandList[] }> | undefined;
  if (!Array.isArray(bots) || bots.length !== 1) throw new PackageError('manifest.json must declare exactly one bot.');
  let built;
  try {
    built = buildCommandLists(registry);
  } catch (error) {
    throw new PackageError((error as Error).message);
  }
  bots[0]!.commandLists = built.commandLists;

  const schemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== schemaUrl) throw new PackageError(`manifest.json $schema must be ${schemaUrl}, matching its manifestVersion.`);
  const schema = await bundledSchema(manifest.manifestVersion);
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]);
  if (errors.length) {
    const first = errors[0]!.replace(/\. Details:.*$/, '').trim();
    throw new PackageError(`manifest.json does not match the Teams v${String(manifest.manifestVersion)} schema: ${first}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`);
  }

  const icons = manifest.icons as { color?: unknown; outline?: unknown };
  const color = await checkIcon(manifestDir, icons.color, 'color');
  const outline = await checkIcon(manifestDir, icons.outline, 'outline');

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  zip.addFile(color.name, color.data);
  zip.addFile(outline.name, outline.data);
  // Written beside and renamed, so a failed run never leaves half a zip for someone to upload.
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(`${outFile}.tmp`, zip.toBuffer());
  await rename(`${outFile}.tmp`, outFile);

  return { outFile, manifest, omittedCommands: built.omitted, notes };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    const result = await packageApp({ env: process.env });
    for (const note of result.notes) console.error(`note: ${note}`);
    if (result.omittedCommands.length) console.error(`note: Teams shows at most 10 commands per scope, so these are not in the menu (they still work when typed): ${result.omittedCommands.join(', ')}.`);
    console.log(`Wrote ${path.relative(process.cwd(), result.outFile)} (app ${String(result.manifest.id)}, version ${String(result.manifest.version)}).`);
  } catch (error) {
    console.error(error instanceof PackageError ? error.message : `Packaging failed: ${(error as Error).message.split('\n')[0]}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
