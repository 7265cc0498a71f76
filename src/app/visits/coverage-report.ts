import { coverage, type CoverageReport } from '../../domain/coverage.js';
import { entitlement, type EntitlementReport } from '../../domain/entitlement.js';
import { templateRecordId, type AgendaTemplate, type VisitType } from '../../domain/agenda-template.js';
import { NotAllowedError } from '../../domain/errors.js';
import { hasRole, type Person } from '../../domain/person.js';
import type { StoreReader } from '../ports/store.port.js';
import { allTemplateVersions } from './templates.js';

export interface CoverageReportOptions {
  /** Who asks: officers, SIT members and administrators see coverage (it names schools). */
  viewer: Pick<Person, 'roles'>;
  /** The report date (the clock's now, or the CLI's `--at`). */
  at: Date | string;
  /** IANA time zone the dates are read in (Config.timezone). */
  timeZone: string;
  /** Config.coverage: the share of schools to visit and the date it is due by (MM-DD of it is used each year). */
  target?: { targetPercent: number; targetDate?: string };
  /** Count only visits of this type toward coverage (e.g. `sacre` for the SACRE target); all types otherwise. */
  visitType?: VisitType;
  /** How many schools to suggest visiting next; by default what the target still needs. */
  suggest?: number;
  /** The built-in templates, as loaded once at start-up (BotDeps.builtInTemplates, CliContext.builtInTemplates). */
  builtIns: readonly AgendaTemplate[];
}

export interface CoverageAndEntitlement {
  coverage: CoverageReport;
  entitlement: EntitlementReport;
  visitType?: VisitType;
}

/**
 * The `coverage` report: schools visited this academic year against the coverage target, by cluster,
 * with declined visits apart and the schools to visit next; and every school's visits against its
 * entitlement, with those behind. Entitlement counts only visits whose template version counts toward
 * it (SACRE and partnership visits do not); a visit whose template version is unknown counts.
 */
export async function composeCoverageReport(store: StoreReader, tenantId: string, options: CoverageReportOptions): Promise<CoverageAndEntitlement> {
  if (!hasRole(options.viewer, 'officer', 'sit', 'admin')) throw new NotAllowedError('Only officers, SIT members and administrators can see visit coverage.');
  const [schools, visits, templates] = await Promise.all([
    store.find('schools', tenantId),
    store.find('visits', tenantId),
    allTemplateVersions(store, tenantId, options.builtIns),
  ]);
  const counts = new Map(templates.map((t) => [templateRecordId(t.id, t.version), t.countsTowardEntitlement]));
  const dates = { asOf: options.at, timeZone: options.timeZone };
  const target = options.target && { fraction: options.target.targetPercent / 100, by: options.target.targetDate };
  const coverageVisits = options.visitType ? visits.filter((v) => v.visitType === options.visitType) : visits;
  return {
    coverage: coverage(schools, coverageVisits, { ...dates, target, suggest: options.suggest }),
    entitlement: entitlement(
      schools,
      visits.filter((v) => counts.get(templateRecordId(v.templateId, v.templateVersion)) ?? true),
      dates,
    ),
    ...(options.visitType ? { visitType: options.visitType } : {}),
  };
}
