import { z } from 'zod/v4';
import { storedRecord } from './record.js';
import { InvalidInputError } from './errors.js';
import { filesVisits, hasRole, isOfficer, isTrainedFor, trainingStanding, type Person } from './person.js';
import type { IsoDate } from './academic-year.js';
import { ThemeTagListSchema } from './theme-tags.js';
import type { School } from './school.js';
import { worded } from './issue-wording.js';
import { sameJson } from './json-value.js';

/**
 * Agenda templates: the named, versioned list of items a visitor fills in at a visit. Templates are
 * data (built-ins under `templates/<id>.json`, an administrator's in the `templates` collection), so
 * this module only holds their schema and rules; reading the files is the app layer's job.
 */

/** A template id is a slug: lower-case words joined by hyphens, e.g. `sacre-re-visit`. */
export const TemplateIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case letters and digits joined by hyphens, e.g. sacre-re-visit');

/** An item id doubles as the card input id, so it is a simple identifier. */
export const ItemIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, 'an item id starts with a letter and holds only letters, digits, - and _');

export const ItemKindSchema = z.enum(['text', 'rag', 'choice', 'yesno']);
export type ItemKind = z.infer<typeof ItemKindSchema>;

/** The digest theme an answer feeds (the four headings of the partnership report, plus open concerns). */
export const ThemeSchema = z.enum(['success', 'challenge', 'lesson', 'nextStep', 'concern', 'none']);
export type Theme = z.infer<typeof ThemeSchema>;

/** Which digest collates a template's visits: SACRE, LA annual, SIT support, partnership, or another kind. */
export const VisitTypeSchema = z.enum(['sacre', 'annual', 'support', 'partnership', 'other']);
export type VisitType = z.infer<typeof VisitTypeSchema>;

/** Who receives the school's copy of a submitted note, besides the headteacher (read from the School record). */
export const CopyRecipientSchema = z.enum(['reLead', 'chairOfGovernors', 'linkOfficer', 'diocese']);
export type CopyRecipient = z.infer<typeof CopyRecipientSchema>;

/**
 * The input id of the confidential concern every agenda offers. It is a domain rule, not an item of
 * any template: what is typed there is stored in the `concerns` collection, never in the visit.
 */
export const CONFIDENTIAL_CONCERN_INPUT_ID = 'confidentialConcern';
export const CONFIDENTIAL_CONCERN_PROMPT =
  'Any concern to raise in confidence? It goes to the concerns lead only and is kept apart from this note: the school, its copy and every report never see it.';

export const AgendaItemSchema = z
  .object({
    id: ItemIdSchema.refine((id) => id !== CONFIDENTIAL_CONCERN_INPUT_ID, `"${CONFIDENTIAL_CONCERN_INPUT_ID}" is reserved for the confidential concern every agenda offers`),
    prompt: z.string().trim().min(1),
    kind: ItemKindSchema,
    /** The answers to pick from; only (and always) for `choice`. */
    options: z.array(z.string().trim().min(1)).optional(),
    required: z.boolean().default(false),
    theme: ThemeSchema.default('none'),
    /** A hint shown under the prompt. */
    help: z.string().trim().min(1).optional(),
    /** What is typed here names members of staff: an export shows "[redacted]" in its place. */
    holdsNames: z.boolean().optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    // Options holding a bad one are left out of `item` (zod 4 keeps no half-checked optional field), though given.
    const badOption = ctx.issues.some((i) => i.path?.[0] === 'options');
    if (item.kind === 'choice' && !badOption && (!item.options || item.options.length < 2)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: 'a choice item needs at least two options' });
    }
    if (item.kind !== 'choice' && (item.options || badOption)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: `only choice items have options, not ${item.kind} items` });
    }
    if (item.options && new Set(item.options).size !== item.options.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: 'options must differ from each other' });
    }
  });
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

const templateShape = {
  id: TemplateIdSchema,
  name: z.string().trim().min(1),
  version: z.number().int().min(1),
  description: z.string().trim().min(1),
  visitType: VisitTypeSchema,
  /** A visitor must be trained for this template before starting it (SACRE protocol, seed 000 point 3). */
  trainingRequired: z.boolean().default(false),
  /** How many months training for this template stays valid; after that the visitor renews it. Unset: it never lapses. */
  trainingValidForMonths: z.number().int().min(1).max(120).optional(),
  /** The school gets a copy of the submitted note (its headteacher), to mark accurate or disputed. */
  schoolGetsCopy: z.boolean().default(false),
  copyAlsoTo: z.array(CopyRecipientSchema).default(() => []),
  /** Whether these visits count toward the school's visit entitlement (DDAT: six a year). */
  countsTowardEntitlement: z.boolean().default(true),
  /**
   * The themes a visitor tags each success, challenge, lesson learned and next step with, so digests count
   * them across schools (theme-tags.ts); the partnership report's themes unless the template lists its own.
   */
  themeTags: ThemeTagListSchema,
  /** Suggested attendees, in users' words, e.g. "RE lead", "Governor representative". */
  attendees: z.array(z.string().trim().min(1)).default(() => []),
  items: z.array(AgendaItemSchema).min(1, 'a template needs at least one item'),
};

function uniqueItemIds(t: { items: { id: string }[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  t.items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['items', i, 'id'], message: `item id "${item.id}" is used twice` });
    seen.add(item.id);
  });
}

/** A complete agenda template, as shipped in `templates/<id>.json` and as used by a visit. */
export const AgendaTemplateSchema = z.object(templateShape).strict().superRefine(uniqueItemIds);
export type AgendaTemplate = z.infer<typeof AgendaTemplateSchema>;

/**
 * What an administrator adds: a template whose version may be left out, since the next version
 * for its id is assigned when it is stored (a given version is ignored).
 */
export const AgendaTemplateInputSchema = z
  .object({ ...templateShape, version: templateShape.version.optional() })
  .strict()
  .superRefine(uniqueItemIds);
export type AgendaTemplateInput = z.infer<typeof AgendaTemplateInputSchema>;

/**
 * A template version in the `templates` collection. The record's own `version` is its write version,
 * so the template's id and version are held as `templateId` and `templateVersion`; the record id is
 * `<templateId>@<templateVersion>`, so one version can only ever be stored once.
 */
const { id: _id, version: _version, ...contentShape } = templateShape;
export const StoredAgendaTemplateSchema = storedRecord({
  templateId: TemplateIdSchema,
  templateVersion: z.number().int().min(1),
  ...contentShape,
  /** Who added it: a person id, `cli:<user>`, or `built-in` for a built-in pinned when first used. */
  addedBy: z.string().min(1),
});
export type StoredAgendaTemplate = z.infer<typeof StoredAgendaTemplateSchema>;

export function templateRecordId(templateId: string, version: number): string {
  return `${templateId}@${version}`;
}

/** The stored form of a template version (without the record meta the store adds). */
export function toStoredTemplate(t: AgendaTemplate, addedBy: string): Omit<StoredAgendaTemplate, 'tenantId' | 'version' | 'createdAt' | 'updatedAt'> {
  const { id, version, ...content } = t;
  return { id: templateRecordId(id, version), templateId: id, templateVersion: version, ...content, addedBy };
}

/** The template a stored record holds. */
export function fromStoredTemplate(r: StoredAgendaTemplate): AgendaTemplate {
  const { templateId, templateVersion, addedBy: _a, id: _i, tenantId: _t, version: _v, createdAt: _c, updatedAt: _u, ...content } = r;
  return { id: templateId, version: templateVersion, ...content };
}

/** Turns a zod path into the form a person reads in a file: `items[3].kind`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(the template)';
}

/**
 * Validates an administrator's template. Throws InvalidInputError naming each bad field by its path,
 * e.g. `items[3].kind: Invalid enum value...`; `field` holds the first path.
 */
export function parseAgendaTemplate(json: unknown): AgendaTemplateInput {
  const result = AgendaTemplateInputSchema.safeParse(json, worded);
  if (result.success) return result.data;
  // A value of the wrong kind (a list where text goes) is told once: zod 4 also runs the text's length check on it,
  // which would add "Array must contain …" for a field that takes text.
  const mistyped = new Set(result.error.issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)));
  const told = result.error.issues.filter((i) => i.code === 'invalid_type' || !mistyped.has(formatPath(i.path)));
  const issues = told.map((i) => `${formatPath(i.path)}: ${i.message}`);
  throw new InvalidInputError(`The template is not valid: ${issues.join('; ')}`, formatPath(result.error.issues[0].path));
}

/** Keeps the newest version of each template id, ordered by name (then id) for a stable list. */
export function latestVersions(templates: readonly AgendaTemplate[]): AgendaTemplate[] {
  const latest = new Map<string, AgendaTemplate>();
  for (const t of templates) {
    const held = latest.get(t.id);
    if (!held || t.version > held.version) latest.set(t.id, t);
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Whether two templates say the same thing, ignoring their version numbers. */
export function sameTemplateContent(a: AgendaTemplate, b: AgendaTemplate): boolean {
  return sameJson({ ...a, version: 0 }, { ...b, version: 0 });
}

/**
 * Whether the person's roles let them file this agenda's visits at all, training aside: officers and SIT
 * members any agenda, SACRE visitors the SACRE's (visits of the `sacre` kind, such as `sacre-re-visit`) alone.
 */
export function isAgendaForRoles(person: Pick<Person, 'roles'>, template: Pick<AgendaTemplate, 'visitType'>): boolean {
  return isOfficer(person) || (hasRole(person, 'sacreVisitor') && template.visitType === 'sacre');
}

type TemplateUse = Pick<AgendaTemplate, 'id' | 'name' | 'trainingRequired' | 'trainingValidForMonths' | 'visitType'>;

/**
 * Whether the person may start a visit with the template: an agenda for their roles, and trained for it where
 * training is required. Given `today` (starting a visit, listing the agendas to start), the training must have
 * happened by then and, where the template says how long it stays valid, not have lapsed; without it (finishing
 * a visit already started) any training recorded for the template will do.
 */
export function mayUseTemplate(person: Pick<Person, 'roles' | 'trainedFor'>, template: TemplateUse, today?: IsoDate): boolean {
  return whyNotAllowed(person, template, today) === undefined;
}

/** Why a person may not start a template, in words they can act on; undefined when they may (see `mayUseTemplate`). */
export function whyNotAllowed(person: Pick<Person, 'roles' | 'trainedFor'>, template: TemplateUse, today?: IsoDate): string | undefined {
  if (!filesVisits(person)) return 'Only officers, SIT members and SACRE visitors file visits.';
  if (!isAgendaForRoles(person, template)) return `SACRE visitors file SACRE visits only, not "${template.name}".`;
  if (!template.trainingRequired) return undefined;
  const standing =
    today === undefined
      ? isTrainedFor(person, template.id)
        ? { kind: 'trained' as const }
        : { kind: 'none' as const }
      : trainingStanding(person, template.id, today, template.trainingValidForMonths);
  const ask = `ask an administrator to record your training for ${template.id}`;
  switch (standing.kind) {
    case 'trained':
      return undefined;
    case 'none':
      return `"${template.name}" visits need training first: ${ask}.`;
    case 'future':
      return `"${template.name}" visits need training first: yours is recorded for ${standing.date}, so you can start one from that day.`;
    case 'expired':
      return `Your training for "${template.name}" visits expired on ${standing.expiredOn} (it lasts ${template.trainingValidForMonths} months): renew it, then ${ask} with the new date.`;
    case 'undated':
      return `Training for "${template.name}" visits lasts ${template.trainingValidForMonths} months and yours has no date: ${ask} with the date you trained.`;
  }
}

const copyRecipientEmail: Record<CopyRecipient, (s: School) => string | undefined> = {
  reLead: (s) => s.reLeadEmail,
  chairOfGovernors: (s) => s.chairOfGovernorsEmail,
  linkOfficer: (s) => s.linkOfficerEmail,
  diocese: (s) => s.dioceseContactEmail,
};

/**
 * The addresses the school's copy of a submitted note goes to: the headteacher and whoever the
 * template names, those the school record holds, each once. Empty when the school gets no copy.
 */
export function copyRecipients(template: Pick<AgendaTemplate, 'schoolGetsCopy' | 'copyAlsoTo'>, school: School): string[] {
  if (!template.schoolGetsCopy) return [];
  const emails = [school.headteacherEmail, ...template.copyAlsoTo.map((r) => copyRecipientEmail[r](school))];
  return [...new Set(emails.filter((e): e is string => !!e))];
}
