import { z } from 'zod/v4';
import { storedRecord } from './record.js';
import { InspectionOutcomeSchema } from './inspection.js';
import { IsoDateSchema } from './iso-date.js';

/** DfE's unique reference number: six digits. */
export const UrnSchema = z.string().regex(/^\d{6}$/, 'a URN is six digits');

/** Maintained schools are *required* to complete a self-evaluation, academies and free schools are *invited* (Rutland plan 3.1). */
export const GovernanceSchema = z.enum(['maintained', 'academy', 'other']);
export type Governance = z.infer<typeof GovernanceSchema>;

/** A school whose risk nobody has assessed yet: below every level of the scale. */
export const UNASSESSED = 'unassessed';

/**
 * A level of the organisation's risk scale (low / medium / high / intensive by default; see risk.ts), or
 * `unassessed`. The scale is configuration, so a stored level is its name rather than a fixed list.
 */
export const RiskLevelSchema = z.string().trim().min(1).max(40);
export type RiskLevel = z.infer<typeof RiskLevelSchema>;

/** The school's postal address from GIAS (Street, Locality, Address3, Town, County (name), Postcode): where strategy meetings are held. */
export const SchoolAddressSchema = z.object({
  street: z.string().max(200).optional(),
  locality: z.string().max(200).optional(),
  address3: z.string().max(200).optional(),
  town: z.string().max(200).optional(),
  county: z.string().max(200).optional(),
  postcode: z.string().max(20).optional(),
});
export type SchoolAddress = z.infer<typeof SchoolAddressSchema>;

/** The trust's core entitlement (DDAT: at least six visits a year): the default of the organisation's setting. */
export const DEFAULT_VISIT_ENTITLEMENT = 6;

export const SchoolStatusSchema = z.enum(['open', 'closed']);
export type SchoolStatus = z.infer<typeof SchoolStatusSchema>;

const email = z.string().email().transform((e) => e.toLowerCase());

export const SchoolSchema = storedRecord({
  urn: UrnSchema,
  name: z.string().min(1),
  /** GIAS "PhaseOfEducation (name)", e.g. Primary, Secondary, All-through, Nursery, 16 plus. */
  phase: z.string().default('Not applicable'),
  /** GIAS "TypeOfEstablishment (name)", e.g. Voluntary aided school, Academy converter. */
  establishmentType: z.string().default(''),
  /** GIAS "EstablishmentTypeGroup (name)", e.g. Local authority maintained schools, Academies, Free Schools. */
  establishmentGroup: z.string().default(''),
  governance: GovernanceSchema,
  religiousCharacter: z.string().optional(),
  diocese: z.string().optional(),
  hasNursery: z.boolean().default(false),
  hasSixthForm: z.boolean().default(false),
  cluster: z.string().optional(),
  partnerships: z.array(z.string().min(1)).default(() => []),
  headteacherName: z.string().optional(),
  headteacherEmail: email.optional(),
  linkOfficerEmail: email.optional(),
  chairOfGovernorsEmail: email.optional(),
  dioceseContactEmail: email.optional(),
  reLeadEmail: email.optional(),
  address: SchoolAddressSchema.optional(),
  riskLevel: RiskLevelSchema.default(UNASSESSED),
  causingConcern: z.boolean().default(false),
  /** Visits a year this school is entitled to; absent, the organisation's default (VISIT_ENTITLEMENT_DEFAULT) applies. */
  visitEntitlement: z.number().int().min(0).max(100).optional(),
  inspections: z.array(InspectionOutcomeSchema).default(() => []),
  /** GIAS says the establishment has closed: it is kept for its history but takes no new work and counts in no report. */
  status: SchoolStatusSchema.default('open'),
  /** The day it closed (YYYY-MM-DD), when GIAS gives one. */
  closedOn: IsoDateSchema.optional(),
});
export type School = z.infer<typeof SchoolSchema>;

/** Whether the school is still open: closed schools drop out of lookups for new work, coverage, entitlement and lists. */
export function isOpen(school: { status?: SchoolStatus }): boolean {
  return school.status !== 'closed';
}

/** Church schools invite the diocese to strategy meetings. */
export function isChurchSchool(school: Pick<School, 'religiousCharacter'>): boolean {
  const rc = school.religiousCharacter?.trim().toLowerCase();
  return !!rc && !['none', 'does not apply', 'not applicable', 'no religious character'].includes(rc);
}

/** Maps GIAS's establishment type group onto maintained / academy, which decides self-evaluation duties. */
export function governanceOf(establishmentGroup: string, establishmentType = ''): Governance {
  const g = `${establishmentGroup} ${establishmentType}`.toLowerCase();
  // "Non-maintained special school" contains "maintained": it is run by a charity, so it is tested first.
  if (/non-maintained/.test(g)) return 'other';
  if (/academ|free school/.test(g)) return 'academy';
  if (/maintained|community|voluntary|foundation|local authority/.test(g)) return 'maintained';
  return 'other';
}

/**
 * Finds schools by URN or by (part of) their name, case-insensitively. An exact URN or an exact name
 * wins outright; otherwise every school with a word of its name starting with the text is returned (those whose
 * name starts with it first), for a choice card.
 */
export function matchSchools<S extends Pick<School, 'urn' | 'name'>>(schools: readonly S[], query: string): S[] {
  const q = comparableName(query);
  if (!q) return [];
  const byUrn = schools.filter((s) => s.urn === q);
  if (byUrn.length) return byUrn;
  const exact = schools.filter((s) => comparableName(s.name) === q);
  if (exact.length) return exact;
  // From the start of a word only ("st" finds St Mary's, never Castle), names starting with it first.
  const startsWord = (name: string) => ` ${name}`.includes(` ${q}`);
  const startsName = (s: S) => (comparableName(s.name).startsWith(q) ? 0 : 1);
  return schools.filter((s) => startsWord(comparableName(s.name))).sort((a, b) => startsName(a) - startsName(b) || a.name.localeCompare(b.name));
}

/**
 * The shortest way to name a school that `matchSchools` resolves to it alone: the fewest leading words of its name,
 * in lower case as people type it ("oakwood", "st joseph's"), else its full name when no shorter start is distinctive,
 * or its URN when another school has the very same name.
 */
export function shortSchoolName<S extends Pick<School, 'urn' | 'name'>>(schools: readonly S[], school: S): string {
  const words = comparableName(school.name).split(' ');
  for (let n = 1; n < words.length; n += 1) {
    const start = words.slice(0, n).join(' ');
    // A lone short word ("st", "the") reads as a typo, not a school, even when it happens to be distinctive.
    if (start.length < 4) continue;
    const matches = matchSchools(schools, start);
    if (matches.length === 1 && matches[0]!.urn === school.urn) return start;
  }
  // Two schools of the same name (an infant and a junior school both called after the village) are told apart by URN.
  const full = comparableName(school.name);
  return matchSchools(schools, full).length === 1 ? full : school.urn;
}

/**
 * The school partnership a person named, as the register spells it: an exact match (ignoring case, accents and
 * curly apostrophes) of a partnership some school belongs to; undefined when none is called that.
 */
export function matchPartnership(schools: readonly Pick<School, 'partnerships'>[], query: string): string | undefined {
  const q = comparableName(query);
  if (!q) return undefined;
  return schools.flatMap((s) => s.partnerships).find((p) => comparableName(p) === q);
}

/**
 * A name as people type it: GIAS writes curly apostrophes ("St Mary’s") and accents that a keyboard
 * rarely does, so both sides are folded to plain lower-case letters before comparing.
 */
function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
