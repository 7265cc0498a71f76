import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppManifest } from '@microsoft/app-manifest';
import { jest } from '@jest/globals';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { commands } from '../../src/teams/routes.js';
import type { Command } from '../../src/teams/handler.js';
import { scopesOf, TEAMS_LIMITS, type CommandList } from '../../scripts/command-lists.js';
import type { PackageOptions } from '../../scripts/package-app.js';

const MANIFEST_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));
// @microsoft/app-manifest require()s strip-bom, an ES module that Jest's CommonJS loader cannot require on
// Node 20 (Node itself can, so `npm run package` needs no help). The package only strips a leading BOM with it.
jest.mock('strip-bom', () => (text: string) => text.replace(/^\uFEFF/, ''));
const { AppManifestUtils } = await import('@microsoft/app-manifest');
const { packageApp, PackageError } = await import('../../scripts/package-app.js');

const BOT_ID = '1b4f2a9e-3c1d-4e5f-8a7b-9c0d1e2f3a4b';

interface PackedManifest {
  id: string;
  manifestVersion: string;
  validDomains: string[];
  developer: { privacyUrl: string };
  bots: Array<{ botId: string; scopes: string[]; supportsFiles: boolean; commandLists: CommandList[] }>;
}

/** The Teams schema for a version, read from the copy @microsoft/app-manifest ships, as the script does. */
async function bundledSchema(version: string) {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const raw = await readFile(path.join(dir, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8');
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

describe('npm run package', () => {
  let work: string;
  let outFile: string;

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'app-package-'));
    outFile = path.join(work, 'build', 'app.zip');
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  const build = (env: PackageOptions['env'], options: Partial<PackageOptions> = {}) => packageApp({ env, outFile, commands, ...options });

  /** The zip's entries by name, and its manifest. */
  async function unpack() {
    const zip = new AdmZip(await readFile(outFile));
    const entries = new Map(zip.getEntries().map((e) => [e.entryName, e.getData()]));
    return { entries, manifest: JSON.parse(entries.get('manifest.json')!.toString('utf8')) as PackedManifest };
  }

  /** A copy of manifest/ in the temp folder, with manifest.json changed by `edit`, to try broken inputs. */
  async function brokenManifestDir(edit: (manifest: Record<string, unknown>) => void) {
    const dir = path.join(work, 'manifest');
    await mkdir(dir);
    const manifest = JSON.parse(await readFile(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
    edit(manifest);
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    for (const icon of ['color.png', 'outline.png']) await copyFile(path.join(MANIFEST_DIR, icon), path.join(dir, icon));
    return dir;
  }

  it('when BOT_ID is set, then the zip holds manifest.json and both icons at its root, and the manifest validates against the bundled Teams schema', async () => {
    await build({ BOT_ID, BOT_DOMAIN: 'bot.example.org' });

    const { entries, manifest } = await unpack();
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, await bundledSchema(manifest.manifestVersion))).toEqual([]);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: BOT_ID, scopes: ['personal', 'team', 'groupChat'], supportsFiles: false })]);
    expect(manifest.validDomains).toEqual(['bot.example.org']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('when APP_ID is set, then it is the app id and BOT_ID stays the bot id; without BOT_DOMAIN, no valid domain is listed', async () => {
    const appId = '0f3c9d2e-1a2b-4c3d-8e9f-a0b1c2d3e4f5';
    await build({ BOT_ID, APP_ID: appId });
    const { manifest } = await unpack();
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual([]);
  });

  it('when the developer links are not set, then the package is built and the notes say which to set before publishing', async () => {
    const result = await build({ BOT_ID, DEVELOPER_PRIVACY_URL: 'https://council.example.org/privacy/school-improvement' });
    expect(result.notes.map((n) => n.split(' ')[0])).toEqual(['DEVELOPER_WEBSITE_URL', 'DEVELOPER_TERMS_URL']);
    expect((await unpack()).manifest.developer.privacyUrl).toBe('https://council.example.org/privacy/school-improvement');
  });

  it('when packaged, then the icons are 192×192 in colour and 32×32 white on transparent', async () => {
    await build({ BOT_ID });
    const { entries } = await unpack();
    const color = PNG.sync.read(entries.get('color.png')!);
    const outline = PNG.sync.read(entries.get('outline.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const outlinePixels = Array.from({ length: outline.data.length / 4 }, (_, i) => [...outline.data.subarray(i * 4, i * 4 + 4)]);
    expect(outlinePixels.filter(([r, g, b, a]) => a! > 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
    expect(outlinePixels.some(([, , , a]) => a === 0)).toBe(true);
  });

  it('when packaged, then every registered command is in the command list of a scope it can be typed in, within Teams’ limits', async () => {
    const result = await build({ BOT_ID });
    const lists = (await unpack()).manifest.bots[0]!.commandLists;
    expect(result.omittedCommands).toEqual([]);
    for (const command of commands.filter((c) => !c.aliasOf && !c.offMenu)) {
      const listedIn = lists.filter((l) => l.commands.some((c) => c.title === command.name)).map((l) => l.scopes[0]);
      expect({ command: command.name, listed: listedIn.length > 0 }).toEqual({ command: command.name, listed: true });
      expect(listedIn.filter((scope) => !scopesOf(command).includes(scope))).toEqual([]);
    }
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(TEAMS_LIMITS.commandsPerList);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(TEAMS_LIMITS.title);
        expect(c.description.length).toBeLessThanOrEqual(TEAMS_LIMITS.description);
      }
    }
  });

  it('when a command is added to the registry, then the next package lists it, so the manifest never drifts from the code', async () => {
    const added: Command = { name: 'schools', roles: 'everyone', summary: 'List the schools you work with.', handler: async () => undefined };
    await build({ BOT_ID }, { commands: [...commands, added] });
    const titles = (await unpack()).manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toContain('schools');
  });

  it('when no registry is passed, then the bot’s own commands are listed', async () => {
    await packageApp({ env: { BOT_ID }, outFile });
    const titles = (await unpack()).manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(new Set(titles)).toEqual(new Set(commands.filter((c) => !c.aliasOf && !c.offMenu).map((c) => c.name)));
  });

  it.each([
    [{}, /^BOT_ID is required: set it to the Microsoft App ID of the Azure Bot/],
    [{ BOT_ID: '  ' }, /^BOT_ID is required/],
    [{ BOT_ID: 'school-bot' }, /^BOT_ID "school-bot" is not a GUID/],
    [{ BOT_ID, APP_ID: '42' }, /^APP_ID "42" is not a GUID/],
    [{ BOT_ID, BOT_DOMAIN: 'https://bot.example.org/api/messages' }, /^BOT_DOMAIN ".*" must be a host name such as bot.example.org/],
    [{ BOT_ID, APP_VERSION: '2' }, /^APP_VERSION "2" must be three numbers/],
    [{ BOT_ID, DEVELOPER_PRIVACY_URL: 'http://council.example.org/privacy' }, /^DEVELOPER_PRIVACY_URL ".*" must be an https:\/\/ address/],
  ])('when the environment is %j, then packaging stops with one clear line and writes no zip', async (env, message) => {
    const failure = build(env);
    await expect(failure).rejects.toThrow(PackageError);
    await expect(failure).rejects.toThrow(message);
    expect(existsSync(outFile)).toBe(false);
  });

  it('when the manifest breaks the Teams schema, then packaging stops naming the field', async () => {
    const manifestDir = await brokenManifestDir((m) => {
      (m.description as { short: string }).short = 'x'.repeat(81);
    });
    await expect(build({ BOT_ID }, { manifestDir })).rejects.toThrow(/^manifest.json does not match the Teams v1\.22 schema: \/description\/short must NOT have more than 80 characters\.$/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('when the manifest names a placeholder the script does not fill, then packaging stops naming it', async () => {
    const manifestDir = await brokenManifestDir((m) => {
      m.accentColor = '${{ACCENT}}';
    });
    await expect(build({ BOT_ID }, { manifestDir })).rejects.toThrow('manifest.json.accentColor uses the placeholder ${{ACCENT}}, which npm run package does not fill.');
  });

  it('when an icon has the wrong size, then packaging stops naming the icon and the size Teams needs', async () => {
    const manifestDir = await brokenManifestDir(() => undefined);
    await copyFile(path.join(MANIFEST_DIR, 'outline.png'), path.join(manifestDir, 'color.png'));
    await expect(build({ BOT_ID }, { manifestDir })).rejects.toThrow(/^The color icon .*color\.png is 32×32; Teams needs 192×192\.$/);
    expect(existsSync(outFile)).toBe(false);
  });

  it('when the outline icon has colour in it, then packaging stops saying it must be white on transparent', async () => {
    const manifestDir = await brokenManifestDir(() => undefined);
    const outline = new PNG({ width: 32, height: 32 });
    outline.data.fill(0);
    outline.data.set([35, 87, 137, 255], 0);
    await writeFile(path.join(manifestDir, 'outline.png'), PNG.sync.write(outline));
    await expect(build({ BOT_ID }, { manifestDir })).rejects.toThrow(/must be white on transparent/);
  });
});

describe('npm run package, as a command', () => {
  const script = fileURLToPath(new URL('../../scripts/package-app.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

  it('when BOT_ID is missing, then it prints one line naming BOT_ID and exits 1', async () => {
    // From an empty folder, so no .env of the developer's is read; without the test CA, whose path is relative.
    const cwd = await mkdtemp(path.join(tmpdir(), 'app-package-cli-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BOT_') && key !== 'APP_ID' && key !== 'NODE_EXTRA_CA_CERTS'));
    try {
      const run = spawnSync(tsx, [script], { cwd, env, encoding: 'utf8' });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr.trim().split('\n') }).toEqual({
        status: 1,
        stdout: '',
        stderr: [expect.stringMatching(/^BOT_ID is required: /)],
      });
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
