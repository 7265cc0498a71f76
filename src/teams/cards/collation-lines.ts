import { z } from 'zod/v4';
import { MIN_GROUP } from '../../domain/collation.js';

/**
 * The words the anonymised digests (partnership digest, all-partnerships summary, SACRE collation) share: a theme
 * and its count, a heading or item left out because fewer than MIN_GROUP schools raised it, and the themes left out
 * beside those shown. Only counts and the agenda's own words reach these cards (see src/domain/collation.ts).
 */

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const ThemeCountSchema = z.object({ tag: z.string().min(1), count: z.number().int().min(0) });

/** A heading or agenda item as collated (`ThemeGroup`). */
export const ThemeGroupSchema = z.object({
  standing: z.enum(['shown', 'fewer', 'none']),
  count: z.number().int().min(0).optional(),
  themes: z.array(ThemeCountSchema),
  hiddenThemes: z.number().int().min(0),
});
export type ThemeGroupData = z.infer<typeof ThemeGroupSchema>;

/** The unit counted: schools, or partnerships in the all-partnerships summary. */
export type Unit = 'school' | 'partnership';

/** "1 theme raised by fewer than 3 schools is not shown", or '' when none was left out. */
export function hiddenThemesLine(hidden: number, unit: Unit): string {
  if (!hidden) return '';
  return `${plural(hidden, 'theme')} raised by fewer than ${MIN_GROUP} ${unit}s ${hidden === 1 ? 'is' : 'are'} not shown.`;
}

/** A group's lines for a card: its count after its title, its themes as facts, and what was left out. */
export function groupLines(group: ThemeGroupData, unit: Unit) {
  const note =
    group.standing === 'none'
      ? 'Nothing raised.'
      : group.standing === 'fewer'
        ? `Raised by fewer than ${MIN_GROUP} ${unit}s: not shown.`
        : [group.themes.length ? '' : `No theme was raised by ${MIN_GROUP} or more ${unit}s.`, hiddenThemesLine(group.hiddenThemes, unit)].filter(Boolean).join(' ');
  return {
    countText: group.standing === 'shown' ? ` (${plural(group.count ?? 0, unit)})` : '',
    facts: group.themes.map((t) => ({ title: t.tag, value: plural(t.count, unit) })),
    hasFacts: group.themes.length > 0,
    note,
  };
}

/** What every anonymised digest says at its foot. */
export function anonymityLine(unit: Unit): string {
  return unit === 'school'
    ? `No school or person is named and nothing anyone wrote is quoted: themes are counted across schools, and any group of fewer than ${MIN_GROUP} schools is left out.`
    : `No partnership, school or person is named and nothing anyone wrote is quoted: themes are counted across partnerships, and any group of fewer than ${MIN_GROUP} is left out.`;
}
