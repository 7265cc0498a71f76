import {
  AgendaTemplateSchema,
  fromStoredTemplate,
  latestVersions,
  mayUseTemplate,
  parseAgendaTemplate,
  sameTemplateContent,
  templateRecordId,
  toStoredTemplate,
  type AgendaTemplate,
} from '../../domain/agenda-template.js';
import type { IsoDate } from '../../domain/academic-year.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { Store, StoreReader, StoreTransaction } from '../ports/store.port.js';

/**
 * Agenda templates as the rest of the bot sees them: the built-ins shipped as `templates/<id>.json`
 * (read once at start-up by src/store/built-in-templates.ts and passed in as `builtIns`) merged with the
 * versions an administrator added to the store. Template versions never change once
 * stored, so a visit keeps the version it was started with by holding its id and version.
 */

/**
 * Every version of every template in reach of the tenant: built-ins, then stored versions (which win
 * when both hold the same id and version, since visits were started with the stored one).
 */
export async function allTemplateVersions(store: StoreReader, tenantId: string, builtIns: readonly AgendaTemplate[]): Promise<AgendaTemplate[]> {
  const stored = (await store.find('templates', tenantId)).map(fromStoredTemplate);
  const byKey = new Map<string, AgendaTemplate>();
  for (const t of [...builtIns, ...stored]) byKey.set(templateRecordId(t.id, t.version), t);
  return [...byKey.values()];
}

/** The newest version of each template, built-in or added, ordered by name. */
export async function listTemplates(store: StoreReader, tenantId: string, builtIns: readonly AgendaTemplate[]): Promise<AgendaTemplate[]> {
  return latestVersions(await allTemplateVersions(store, tenantId, builtIns));
}

/** One template: the given version, or its newest. Throws NotFoundError naming the id (and version). */
export async function getTemplate(
  store: StoreReader,
  tenantId: string,
  id: string,
  version: number | undefined,
  builtIns: readonly AgendaTemplate[],
): Promise<AgendaTemplate> {
  const versions = (await allTemplateVersions(store, tenantId, builtIns)).filter((t) => t.id === id);
  const found = version === undefined ? latestVersions(versions)[0] : versions.find((t) => t.version === version);
  if (!found) throw new NotFoundError(version === undefined ? `The agenda template ${id}` : `Version ${version} of the agenda template ${id}`, id);
  return found;
}

/**
 * The template version a visit was started with. `startVisit` pins that version in the store in the unit
 * of work that creates the visit (`pinTemplateVersion`), so the store alone answers, whatever built-ins
 * the running release ships: which is what lets the visit's notices be composed wherever they are sent
 * from (the outbox job included) without the built-ins. NotFoundError naming the id and version otherwise.
 *
 * Read as the one record that holds it, by the id every stored version has (`templateRecordId`), rather than by
 * listing every version: every press on an agenda reads it.
 */
export async function pinnedTemplate(store: StoreReader, tenantId: string, visit: { templateId: string; templateVersion: number }): Promise<AgendaTemplate> {
  const stored = await store.get('templates', tenantId, templateRecordId(visit.templateId, visit.templateVersion));
  if (!stored) throw new NotFoundError(`Version ${visit.templateVersion} of the agenda template ${visit.templateId}`, visit.templateId);
  return fromStoredTemplate(stored);
}

/**
 * The templates a person may start a visit with on `today` (`mayUseTemplate`): those of their roles, and where
 * training is required only those they have been trained for by then and whose training has not lapsed.
 */
export async function templatesAvailableTo(
  store: StoreReader,
  tenantId: string,
  person: Pick<Person, 'roles' | 'trainedFor'>,
  builtIns: readonly AgendaTemplate[],
  today: IsoDate,
): Promise<AgendaTemplate[]> {
  return (await listTemplates(store, tenantId, builtIns)).filter((t) => mayUseTemplate(person, t, today));
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
export async function addTemplate(store: Store, tenantId: string, json: unknown, actor: string, builtIns: readonly AgendaTemplate[]): Promise<AddedTemplate> {
  const input = parseAgendaTemplate(json);
  const { value } = await store.transact<AddedTemplate>(
    async (tx) => {
      const versions = (await allTemplateVersions(tx, tenantId, builtIns)).filter((t) => t.id === input.id);
      const newest = latestVersions(versions)[0];
      const template = AgendaTemplateSchema.parse({ ...input, version: (newest?.version ?? 0) + 1 });
      if (newest && sameTemplateContent(newest, template)) return { template: newest, created: false };
      await tx.insert('templates', tenantId, toStoredTemplate(template, actor), { action: 'template.added' });
      return { template, created: true };
    },
    { actor, serializable: true },
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
