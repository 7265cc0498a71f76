import { z } from 'zod/v4';
import { UrnSchema } from '../../domain/school.js';
import type { SchoolLookup } from '../../app/schools/find-school.js';
import { expandCard, type AdaptiveCard } from './template.js';

/**
 * Up to this many schools are buttons; more go in a drop-down with one Choose button, since Teams shows at most
 * six actions in a card and would hide the rest.
 */
export const MAX_CHOICE_BUTTONS = 5;

/** The dataset the card's type-ahead asks Teams to search (answered by the `application/search` route). */
export const SCHOOLS_DATASET = 'schools';

/** How a school is shown in a choice: its name and URN, since names repeat across the county. */
export const schoolTitle = (s: { urn: string; name: string }) => `${s.name} (${s.urn})`;

/**
 * The school choice card: shown when a name fits several schools. Its `school` input is a
 * type-ahead (Teams searches the `schools` dataset as the person types, see school-search.handlers.ts) holding the
 * schools that fit as its own choices, for clients without the search, beside one Choose button. Up to
 * MAX_CHOICE_BUTTONS schools that fit are also buttons. Either sends the command's own verb with
 * `{ school: <URN>, context }`, so any command that names a school can use it.
 */
export const SchoolChoiceCardSchema = z
  .object({
    prompt: z.string().min(1),
    /** The Action.Execute verb each choice sends, e.g. `healthCheck.open`. */
    verb: z.string().min(1),
    /** Anything else the command needs back with the choice (e.g. a template id); opaque here. */
    context: z.string().default(''),
    choices: z.array(z.object({ urn: UrnSchema, name: z.string().min(1) })).min(1),
    more: z.boolean().default(false),
  })
  .transform((d) => ({ ...d, dataset: SCHOOLS_DATASET, asButtons: d.choices.length <= MAX_CHOICE_BUTTONS, choices: d.choices.map((c) => ({ ...c, title: schoolTitle(c) })) }));
export type SchoolChoiceCard = z.input<typeof SchoolChoiceCardSchema>;

/** What a pressed choice sends: a button's own data, or the drop-down's value (input id `school`) with Choose's. */
export const SchoolChoiceDataSchema = z.object({ school: UrnSchema, context: z.string().optional() });
export type SchoolChoiceData = z.infer<typeof SchoolChoiceDataSchema>;

export function renderSchoolChoiceCard(data: SchoolChoiceCard): AdaptiveCard {
  return expandCard('school-choice', SchoolChoiceCardSchema, data);
}

/**
 * The reply to a school lookup that did not find exactly one school: a choice card when several fit,
 * a sentence when none did. `verb` is what each choice sends back.
 */
export function schoolLookupReply(lookup: Exclude<SchoolLookup, { kind: 'found' }>, verb: string, context = ''): string | { text: string; card: AdaptiveCard } {
  if (lookup.kind === 'none') {
    if (lookup.registerEmpty) return 'The register holds no open schools yet, so there is no school to choose. An administrator imports them (the import-schools command).';
    return lookup.query ? `I couldn't find a school matching "${lookup.query}". Try its URN or another part of its name.` : 'Name the school: its URN or part of its name.';
  }
  const prompt = lookup.query ? `Several schools match "${lookup.query}".` : 'Which school?';
  return { text: prompt, card: renderSchoolChoiceCard({ prompt, verb, context, choices: lookup.schools.map((s) => ({ urn: s.urn, name: s.name })), more: lookup.more }) };
}
