import { readdir, readFile } from 'node:fs/promises';
import { AgendaTemplateSchema, formatPath, type AgendaTemplate } from '../domain/agenda-template.js';
import { InvalidInputError } from '../domain/errors.js';
import { worded } from '../domain/issue-wording.js';

/**
 * The agenda templates shipped with the release as `templates/<id>.json`. The bot (src/server.ts) and the
 * CLI read them once when they start and hand them to the use cases, which never touch the disk: the files
 * ship with the release and do not change while it runs.
 */

/** Where the built-in templates live: `templates/` at the project root (the same from src/ and dist/). */
export const BUILT_IN_TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

/**
 * Reads and validates every built-in template, ordered by file name. A broken built-in is a release bug,
 * so it stops start-up with the file and field named.
 */
export async function loadBuiltInTemplates(dir: URL = BUILT_IN_TEMPLATES_DIR): Promise<AgendaTemplate[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = AgendaTemplateSchema.safeParse(JSON.parse(await readFile(new URL(file, dir), 'utf8')), worded);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InvalidInputError(`Built-in template ${file} is invalid: ${formatPath(issue.path)}: ${issue.message}`, formatPath(issue.path));
      }
      if (`${parsed.data.id}.json` !== file) throw new InvalidInputError(`Built-in template ${file} has the id ${parsed.data.id}: the file must be named after its id.`, 'id');
      return parsed.data;
    }),
  );
}
