import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../../src/domain/errors.js';
import { loadBuiltInTemplates } from '../../src/store/built-in-templates.js';

const trial = { id: 'trial-visit', version: 1, name: 'Trial visit', description: 'A visit used in tests.', visitType: 'other', items: [{ id: 'summary', prompt: 'Summary', kind: 'text', required: true }] };

describe('loadBuiltInTemplates', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'templates-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const dirUrl = () => pathToFileURL(`${dir}/`);

  it('when the bot starts, then the four shipped templates load and validate', async () => {
    expect((await loadBuiltInTemplates()).map((t) => t.id)).toEqual(['la-annual-visit', 'partnership-development-visit', 'sacre-re-visit', 'sit-support-visit']);
  });

  it('when a shipped template is broken, then start-up stops naming the file and the field', async () => {
    await writeFile(path.join(dir, 'trial-visit.json'), JSON.stringify({ ...trial, items: [{ id: 'summary', prompt: 'Summary', kind: 'essay' }] }));
    await expect(loadBuiltInTemplates(dirUrl())).rejects.toThrow(InvalidInputError);
    await expect(loadBuiltInTemplates(dirUrl())).rejects.toThrow(/trial-visit\.json is invalid: items\[0\]\.kind/);
  });

  it('when a file is not named after its id, then it is refused', async () => {
    await writeFile(path.join(dir, 'other-name.json'), JSON.stringify(trial));
    await expect(loadBuiltInTemplates(dirUrl())).rejects.toThrow('Built-in template other-name.json has the id trial-visit: the file must be named after its id.');
  });
});
