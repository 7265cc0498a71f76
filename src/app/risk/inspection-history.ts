import type { InspectionOutcome } from '../../domain/inspection.js';
import { DEFAULT_REPORT_CARD_AREAS, reportCardAreasFor } from '../../domain/inspection.js';
import type { School } from '../../domain/school.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { StoreReader } from '../ports/store.port.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';

/** One inspection as the history shows it, each framework in its own words (never converted into the other). */
export interface InspectionRow {
  date: string;
  framework: string;
  summary: string;
}

/** What the inspection card shows: the school, its history (newest first), and the areas a new report card grades. */
export interface InspectionHistoryView {
  urn: string;
  schoolName: string;
  riskLevel: string;
  causingConcern: boolean;
  history: InspectionRow[];
  areas: string[];
}

function rowOf(o: InspectionOutcome): InspectionRow {
  if (o.framework === 'legacy') {
    return { date: o.date, framework: 'Single-word judgement', summary: o.category ? `${o.overall} (${o.category})` : o.overall };
  }
  const grades = Object.entries(o.grades).map(([area, grade]) => `${area}: ${grade}`);
  const parts = [`safeguarding ${o.safeguardingMet ? 'met' : 'not met'}`, ...(o.category ? [`category: ${o.category}`] : []), ...grades];
  return { date: o.date, framework: 'Report card', summary: parts.join('; ') };
}

/** The school's inspection history with both frameworks side by side, and the configured areas it would be graded on. */
export function inspectionHistoryView(school: School, areas: readonly string[] = DEFAULT_REPORT_CARD_AREAS): InspectionHistoryView {
  return {
    urn: school.urn,
    schoolName: school.name,
    riskLevel: school.riskLevel,
    causingConcern: school.causingConcern,
    history: [...school.inspections].sort((a, b) => b.date.localeCompare(a.date)).map(rowOf),
    areas: reportCardAreasFor(school, areas),
  };
}

/** `inspection <school>` for an officer: the school's history and the form, or the choice when several schools match. */
export async function openInspection(
  store: StoreReader,
  tenantId: string,
  actor: Person,
  query: string,
  areas?: readonly string[],
): Promise<{ kind: 'found'; view: InspectionHistoryView } | Exclude<SchoolLookup, { kind: 'found' }>> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only officers and SIT members can record an inspection.');
  const lookup = await findSchool(store, tenantId, query, actor);
  return lookup.kind === 'found' ? { kind: 'found', view: inspectionHistoryView(lookup.school, areas) } : lookup;
}
