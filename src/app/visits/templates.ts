import { readdir, readFile } from 'node:fs/promises';
import {
  AgendaTemplateSchema,
  formatPath,
  fromStoredTemplate,
  latestVersions,
  mayUseTemplate,
  parseAgendaTemplate,
  sameTemplateContent,
  templateRecordId,
  toStoredTemplate,
  type AgendaTemplate,
} from '../../domain/agenda-template.js';
import { InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { Store, StoreReader, StoreTransaction } from '../ports/store.port.js';

/**
 * Agenda templates as the rest of the bot sees them: the built-ins shipped as `templates/<id>.json`
 * merged with the versions an administrator added to the store. Template versions never change once
 * stored, so a visit keeps the version it was started with by holding its id and version.
 */

/** Where the built-in templates live: `templates/` at the project root (the same from src/ and dist/). */
export const BUILT_IN_TEMPLATES_DIR = new URL('../../../templates/', import.meta.url);

/**
 * Reads and validates every built-in template. A broken built-in is a release bug, so it stops
 * whoever asked with the file and field named.
 */
export async function loadBuiltInTemplates(dir: URL = BUILT_IN_TEMPLATES_DIR): Promise<AgendaTemplate[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = AgendaTemplateSchema.safeParse(JSON.parse(await readFile(new URL(file, dir), 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InvalidInputError(`Built-in template ${file} is invalid: ${formatPath(issue.path)}: ${issue.message}`, formatPath(issue.path));
      }
      if (`${parsed.data.id}.json` !== file) throw new InvalidInputError(`Built-in template ${file} has the id ${parsed.data.id}: the file must be named after its id.`, 'id');
      return parsed.data;
    }),
  );
}

/**
 * The built-ins for callers that do not pass them yet, read once per process. The bot reads them once at
 * start-up and hands them down (BotDeps.builtInTemplates); until every visit use case takes them from there,
 * this keeps the others from reading and parsing four files on every request. The files ship with the
 * release and never change while it runs; a failed read is not kept, so the next call reports it again.
 */
const builtInsRead: { pending?: Promise<AgendaTemplate[]> } = {};
function builtInsOnce(): Promise<AgendaTemplate[]> {
  builtInsRead.pending ??= loadBuiltInTemplates().catch((error: unknown) => {
    builtInsRead.pending = undefined;
    throw error;
  });
  return builtInsRead.pending;
}

/**
 * Every version of every template in reach of the tenant: built-ins, then stored versions (which win
 * when both hold the same id and version, since visits were started with the stored one).
 */
export async function allTemplateVersions(store: StoreReader, tenantId: string, builtIns?: readonly AgendaTemplate[]): Promise<AgendaTemplate[]> {
  const stored = (await store.find('templates', tenantId)).map(fromStoredTemplate);
  const byKey = new Map<string, AgendaTemplate>();
  for (const t of [...(builtIns ?? (await builtInsOnce())), ...stored]) byKey.set(templateRecordId(t.id, t.version), t);
  return [...byKey.values()];
}

/** The newest version of each template, built-in or added, ordered by name. */
export async function listTemplates(store: StoreReader, tenantId: string, builtIns?: readonly AgendaTemplate[]): Promise<AgendaTemplate[]> {
  return latestVersions(await allTemplateVersions(store, tenantId, builtIns));
}

/** One template: the given version, or its newest. Throws NotFoundError naming the id (and version). */
export async function getTemplate(
  store: StoreReader,
  tenantId: string,
  id: string,
  version?: number,
  builtIns?: readonly AgendaTemplate[],
): Promise<AgendaTemplate> {
  const versions = (await allTemplateVersions(store, tenantId, builtIns)).filter((t) => t.id === id);
  const found = version === undefined ? latestVersions(versions)[0] : versions.find((t) => t.version === version);
  if (!found) throw new NotFoundError(version === undefined ? `The agenda template ${id}` : `Version ${version} of the agenda template ${id}`, id);
  return found;
}

/** The templates a person may start a visit with: officers only, and only those they are trained for where training is required. */
export async function templatesAvailableTo(
  store: StoreReader,
  tenantId: string,
  person: Pick<Person, 'roles' | 'trainedFor'>,
  builtIns?: readonly AgendaTemplate[],
): Promise<AgendaTemplate[]> {
  return (await listTemplates(store, tenantId, builtIns)).filter((t) => mayUseTemplate(person, t));
}

export type AddedTemplate = {
  template: AgendaTemplate;
  /** False when the file matched the newest version exactly, so nothing was stored. */
  created: boolean;
};

/**
 * Adds an administrator's template (parsed JSON). It is validated first (InvalidInputError naming the
 * bad field path, nothing stored); a new id starts at version 1, an existing id (built-in or added)
 * gets the next version; re-adding a template identical to its newest version stores nothing.
 * The caller has checked the actor is an administrator (the CLI runs as one).
 */
export async function addTemplate(store: Store, tenantId: string, json: unknown, actor: string, builtIns?: readonly AgendaTemplate[]): Promise<AddedTemplate> {
  const input = parseAgendaTemplate(json);
  const shipped = builtIns ?? (await builtInsOnce());
  const { value } = await store.transact<AddedTemplate>(
    async (tx) => {
      const versions = (await allTemplateVersions(tx, tenantId, shipped)).filter((t) => t.id === input.id);
      const newest = latestVersions(versions)[0];
      const template = AgendaTemplateSchema.parse({ ...input, version: (newest?.version ?? 0) + 1 });
      if (newest && sameTemplateContent(newest, template)) return { template: newest, created: false };
      await tx.insert('templates', tenantId, toStoredTemplate(template, actor), { action: 'template.added' });
      return { template, created: true };
    },
    { actor },
  );
  return value;
}

/**
 * Makes sure the template version a visit is started with is held in the store, so the visit can be
 * shown as it was filled in even after a release replaces the built-in file with a newer version.
 * Call it inside the transaction that creates the visit; a version already stored is left alone.
 */
export async function pinTemplateVersion(tx: StoreTransaction, tenantId: string, template: AgendaTemplate): Promise<void> {
  if (await tx.get('templates', tenantId, templateRecordId(template.id, template.version))) return;
  await tx.insert('templates', tenantId, toStoredTemplate(template, 'built-in'), { action: 'template.pinned' });
}
