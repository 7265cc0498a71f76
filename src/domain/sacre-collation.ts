import type { AgendaItem } from './agenda-template.js';
import { DIGEST_HEADINGS, findingsOf, groupThemes, MIN_GROUP, type CollationVisit, type DayPeriod, type HeadingTheme, type ThemeCount, type ThemeGroup } from './collation.js';
import { declineReasonGroup } from './decline-reasons.js';
import type { Zone } from './time-zone.js';
import { visitDate, visitsBetween } from './visit.js';

/**
 * The SACRE collation (the SACRE protocol: outcomes of all visits collated and published without identifying the
 * schools, declined visits recorded): every SACRE RE visit of the period, by agenda item under the four headings
 * with the themes raised at each, the ratings and choices of the agenda counted, and the declines with their reasons
 * grouped. The same rule as every collation (collation.ts): counts and the agenda's own words only, groups of fewer
 * than MIN_GROUP schools left out.
 */

export type SacreItem = Pick<AgendaItem, 'id' | 'prompt' | 'kind' | 'theme'>;

export interface ItemCollation extends ThemeGroup {
  itemId: string;
  prompt: string;
}

export interface SacreHeading {
  theme: HeadingTheme;
  title: string;
  items: ItemCollation[];
}

/** A rating, choice or yes/no item: how many schools gave each answer (each school's latest visit). */
export interface AnswerCollation {
  itemId: string;
  prompt: string;
  /** Schools that answered. */
  answered: number;
  /** Answers given by at least MIN_GROUP schools. */
  counts: ThemeCount[];
  /** Schools whose answer was given by fewer than MIN_GROUP schools, left out. */
  hidden: number;
}

export interface DeclineCollation {
  /** Schools that declined a visit in the period. */
  schools: number;
  /** Reason groups (decline-reasons.ts) given by at least MIN_GROUP schools. */
  groups: ThemeCount[];
  /** Schools whose reason group holds fewer than MIN_GROUP, left out. */
  hidden: number;
}

export type SacreCollation =
  | { enough: true; visited: number; visits: number; headings: SacreHeading[]; answers: AnswerCollation[]; declines: DeclineCollation }
  | { enough: false; declines: DeclineCollation };

/** Counts of distinct schools per value, with the groups under MIN_GROUP folded into `hidden`. */
function countSchools(pairs: ReadonlyArray<{ school: string; value: string }>): { counts: ThemeCount[]; hidden: number; total: number } {
  const byValue = new Map<string, Set<string>>();
  for (const { school, value } of pairs) byValue.set(value, (byValue.get(value) ?? new Set()).add(school));
  const all = [...byValue].map(([tag, s]) => ({ tag, count: s.size })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  const counts = all.filter((c) => c.count >= MIN_GROUP);
  return { counts, hidden: all.filter((c) => c.count < MIN_GROUP).reduce((n, c) => n + c.count, 0), total: new Set(pairs.map((p) => p.school)).size };
}

/** The latest visit of each school, by the day it took place (then when it was submitted). */
function latestPerSchool(visits: readonly CollationVisit[], timeZone: Zone): CollationVisit[] {
  const when = (v: CollationVisit) => `${visitDate(v, timeZone)} ${v.submittedAt ?? ''}`;
  const latest = new Map<string, CollationVisit>();
  for (const v of visits) {
    const held = latest.get(v.schoolUrn!);
    if (!held || when(v) > when(held)) latest.set(v.schoolUrn!, v);
  }
  return [...latest.values()];
}

/**
 * Collates the SACRE RE visits (`visitType` sacre) to schools in the period. `items` are the agenda's items (the
 * newest version of each SACRE agenda), in agenda order: their prompts are the only words shown besides theme names.
 */
export function collateSacre(items: readonly SacreItem[], visits: readonly CollationVisit[], period: DayPeriod, timeZone: Zone): SacreCollation {
  const ours = visitsBetween(
    visits.filter((v) => v.visitType === 'sacre' && !!v.schoolUrn && (v.status === 'submitted' || v.status === 'declined')),
    period.from,
    period.to,
    timeZone,
  );
  const declinedVisits = ours.filter((v) => v.status === 'declined');
  const reasons = countSchools(declinedVisits.map((v) => ({ school: v.schoolUrn!, value: declineReasonGroup(v.declinedReason) })));
  const declines: DeclineCollation = { schools: reasons.total, groups: reasons.counts, hidden: reasons.hidden };
  const submitted = ours.filter((v) => v.status === 'submitted');
  const visited = new Set(submitted.map((v) => v.schoolUrn!)).size;
  if (visited < MIN_GROUP) return { enough: false, declines };

  const findings = submitted.flatMap((v) => v.themes.map((t) => ({ itemId: t.itemId, raised: findingsOf({ themes: [t] }, v.schoolUrn!) })));
  const headings = DIGEST_HEADINGS.map((h) => ({
    ...h,
    items: items
      .filter((i) => i.theme === h.theme)
      .map((i) => ({ itemId: i.id, prompt: i.prompt, ...groupThemes(findings.filter((f) => f.itemId === i.id).flatMap((f) => f.raised)) })),
  }));
  const latest = latestPerSchool(submitted, timeZone);
  const answers = items
    .filter((i) => i.kind !== 'text')
    .map((i) => {
      const c = countSchools(latest.flatMap((v) => (v.answers[i.id] ? [{ school: v.schoolUrn!, value: v.answers[i.id]! }] : [])));
      return { itemId: i.id, prompt: i.prompt, answered: c.total, counts: c.counts, hidden: c.hidden };
    });
  return { enough: true, visited, visits: submitted.length, headings, answers, declines };
}
