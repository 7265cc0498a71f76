import { InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import { IntelligenceNoteSchema, type IntelligenceNote, type IntelligenceSource } from '../../domain/intelligence-note.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store } from '../ports/store.port.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';
import { worded } from '../../domain/issue-wording.js';

export interface NoteInput {
  /** The school as typed (URN or part of its name), or its URN picked from the choice card. */
  school: string;
  source: IntelligenceSource;
  text: string;
}

export type FileNoteResult = Exclude<SchoolLookup, { kind: 'found' }> | { kind: 'filed'; note: IntelligenceNote; school: School; replayed: boolean };

/**
 * `note`: files a short piece of intelligence about a school, from a visit or from the finance, operations or
 * HR teams, for the SIT's fortnightly triangulation (DDAT policy, seed 004). Officers and SIT members only.
 * An ambiguous school name asks which school first; the idempotency key makes a repeated message file once.
 */
export async function fileNote(deps: { store: Store; clock: Clock }, tenantId: string, actor: Person, input: NoteInput, idempotencyKey: string): Promise<FileNoteResult> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only school improvement officers and SIT members file intelligence notes.');
  const text = input.text.trim();
  const checked = IntelligenceNoteSchema.shape.text.safeParse(text, worded);
  if (!checked.success) throw new InvalidInputError(`The note cannot be filed: ${checked.error.issues[0]!.message}.`, 'text');
  const lookup = await findSchool(deps.store, tenantId, input.school, actor);
  if (lookup.kind !== 'found') return lookup;
  const { school } = lookup;
  const { value, replayed } = await deps.store.transact(
    async (tx) => (await tx.insert('notes', tenantId, { schoolUrn: school.urn, source: input.source, text, author: actor.id, at: deps.clock.now().toISOString() }, { action: 'note.filed' })).id,
    { actor: actor.id, idempotencyKey },
  );
  return { kind: 'filed', note: (await deps.store.get('notes', tenantId, value))!, school, replayed };
}
