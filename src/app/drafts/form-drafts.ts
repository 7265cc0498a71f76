import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { anyTyped, mergedDraftValues, NOTHING_TO_SAVE, type FormDraft, type FormDraftKind } from '../../domain/form-draft.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store, StoreReader, StoreTransaction } from '../ports/store.port.js';

/** Which draft: one per author, form and school. */
export interface DraftKey {
  kind: FormDraftKind;
  urn: string;
}

/** What a Save draft press sends: the values typed, and the version of the draft the form was opened with (0: none). */
export interface DraftSave extends DraftKey {
  values: Readonly<Record<string, string>>;
  draftVersion: number;
}

const draftOf = async (store: StoreReader, tenantId: string, author: Pick<Person, 'id'>, key: DraftKey): Promise<FormDraft | undefined> =>
  (await store.find('formDrafts', tenantId, { kind: key.kind, urn: key.urn, authorId: author.id }))[0];

/** The person's own draft of the form for the school, if they saved one; nobody else's is ever returned. */
export function findFormDraft(store: StoreReader, tenantId: string, author: Pick<Person, 'id'>, key: DraftKey): Promise<FormDraft | undefined> {
  return draftOf(store, tenantId, author, key);
}

const MOVED_ON = 'This draft was saved again, or submitted, from another card since this one was opened: open the form again to carry on from the latest.';

/** Who may keep a draft of the form: an officer or SIT member of a health check, the school's headteacher of its self-evaluation. */
async function checkMayDraft(tx: StoreReader, tenantId: string, author: Person, key: DraftKey): Promise<void> {
  const school = (await tx.find('schools', tenantId, { urn: key.urn }))[0];
  if (!school) throw new NotFoundError(`The school ${key.urn}`);
  if (key.kind === 'healthCheck' && !isOfficer(author)) throw new NotAllowedError('Only a school improvement officer or SIT member can hold a health check.');
  if (key.kind === 'selfEvaluation' && !isSchoolHeadteacher(author, school)) throw new NotAllowedError(`Only the headteacher of ${school.name} can save a draft of its self-evaluation.`);
}

/**
 * Saves what the person typed as their draft of the form, without checking that it is complete. Every input the
 * card sent replaces the draft's value for it, an emptied one too (kept as '', so the text it held does not come
 * back); an input the card did not have keeps the draft's value. A first draft with nothing typed is refused. The
 * form carries the draft's version it was opened with: a save from a card older than the stored draft (or whose
 * draft has since been submitted) is refused, so a stale card never overwrites.
 */
export async function saveFormDraft(deps: { store: Store; clock: Clock }, tenantId: string, author: Person, save: DraftSave): Promise<FormDraft> {
  if (!anyTyped(save.values) && save.draftVersion === 0) throw new InvalidInputError(NOTHING_TO_SAVE);
  const savedAt = deps.clock.now().toISOString();
  const { value } = await deps.store.transact(
    async (tx) => {
      await checkMayDraft(tx, tenantId, author, save);
      const existing = await draftOf(tx, tenantId, author, save);
      if ((existing?.version ?? 0) !== save.draftVersion) throw new ConflictError(MOVED_ON);
      const values = mergedDraftValues(existing?.values, save.values);
      if (existing) return tx.update('formDrafts', tenantId, existing.id, existing.version, { values, savedAt }, { action: 'formDraft.saved' });
      return tx.insert('formDrafts', tenantId, { kind: save.kind, urn: save.urn, authorId: author.id, values, savedAt }, { action: 'formDraft.saved' });
    },
    { actor: author.id, serializable: true },
  );
  return value;
}

/** Removes the author's draft of the form, once what it held has been submitted; within the submit's own unit of work. */
export async function discardFormDraft(tx: StoreTransaction, tenantId: string, author: Pick<Person, 'id'>, key: DraftKey): Promise<void> {
  const existing = await draftOf(tx, tenantId, author, key);
  if (existing) await tx.delete('formDrafts', tenantId, existing.id, 'any', { action: 'formDraft.submitted' });
}
