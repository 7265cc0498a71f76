import { z } from 'zod/v4';

/**
 * Theme tags: the visitor tags each answer that feeds a digest theme (a success, a challenge, a lesson
 * learned, a next step) with one or more themes from the template's list, so that the partnership and
 * SACRE digests count themes across schools rather than reading free text. The default list is the themes
 * the partnership report grouped its findings under; administrators edit a template's list in its JSON.
 */

/** The themes the partnership development visit report grouped its successes, challenges, lessons and next steps under. */
export const DEFAULT_THEME_TAGS = [
  'Collaboration and commitment',
  'Sharing expertise and CPD',
  'Support for vulnerable schools',
  'Recruitment',
  'How the partnership is organised and chaired',
  'Working with the LA and teaching school alliances',
  'Engaging schools and governors',
  'Changes of staff and leadership',
  'Accountability and moderation',
  'Relationships and trust',
  'Staff well-being',
  'Funding',
  'Transition',
  'Curriculum',
  'Data sharing',
] as const;

/** The digest themes whose answers carry tags. */
export const TAGGED_THEMES = ['success', 'challenge', 'lesson', 'nextStep'] as const;

/** A tag is shown as a choice and sent back comma-separated by a multi-select, so it holds no comma. */
export const ThemeTagSchema = z.string().trim().min(1).max(80).refine((t) => !t.includes(','), 'a theme tag holds no comma');

/** A template's list of theme tags: at least one, each once. */
export const ThemeTagListSchema = z
  .array(ThemeTagSchema)
  .min(1, 'a template needs at least one theme tag')
  .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, 'theme tags must differ from each other')
  .default(() => [...DEFAULT_THEME_TAGS]);

/** Tags chosen per answer, keyed by item id. */
export const AnswerTagsSchema = z.record(z.string(), z.array(ThemeTagSchema));
export type AnswerTags = z.infer<typeof AnswerTagsSchema>;

/** Whether an item's answers carry theme tags. */
export function carriesTags(item: { theme: string }): boolean {
  return (TAGGED_THEMES as readonly string[]).includes(item.theme);
}

/** A multi-select's value ("a,b") as the tags it holds, trimmed, each once. */
export function splitTags(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(',').map((t) => t.trim()).filter(Boolean))];
}

interface TaggedTemplate {
  items: ReadonlyArray<{ id: string; prompt: string; theme: string }>;
  themeTags: readonly string[];
}

/**
 * The list's spelling of a chosen tag, matched without regard to case (a template's tags differ regardless of case,
 * so at most one matches); undefined when the list has none. A press chooses a tag or two, so each is looked for
 * rather than a map of the whole list made on every press.
 */
function spellingOf(list: readonly string[], chosen: string): string | undefined {
  const lower = chosen.toLowerCase();
  return list.find((t) => t === chosen || t.toLowerCase() === lower);
}

/**
 * Checks the tags chosen for each answer against the template: only items that feed a digest theme carry
 * tags, only from the template's list (matched without regard to case, kept as the list spells them), and
 * on submit every such item that is answered carries at least one. Tags of an item left unanswered are
 * dropped. `field` is the tag input's id, given by `inputId`.
 */
export function validateAnswerTags(
  template: TaggedTemplate,
  raw: Readonly<Record<string, string | undefined>>,
  answered: ReadonlySet<string>,
  mode: 'draft' | 'submit',
  inputId: (itemId: string) => string,
): { tags: AnswerTags; errors: Array<{ field: string; message: string }> } {
  const tags: AnswerTags = {};
  const errors: Array<{ field: string; message: string }> = [];
  for (const item of template.items.filter(carriesTags)) {
    const chosen = splitTags(raw[item.id]);
    const spelt = chosen.map((t) => spellingOf(template.themeTags, t));
    const unknown = chosen.filter((_, i) => spelt[i] === undefined);
    if (unknown.length) {
      errors.push({ field: inputId(item.id), message: `"${unknown.join('", "')}" is not one of this agenda's themes: choose from its list for "${item.prompt}".` });
      continue;
    }
    if (!answered.has(item.id)) continue;
    if (!chosen.length) {
      if (mode === 'submit') errors.push({ field: inputId(item.id), message: `Choose at least one theme for "${item.prompt}", so the digest can count it.` });
      continue;
    }
    tags[item.id] = spelt as string[];
  }
  return { tags, errors };
}
