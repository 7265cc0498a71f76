import { coverage, type CoverageReport } from '../../domain/coverage.js';
import { programmeOf, programmeSchools, programmeVisits, type CoverageProgramme, type ProgrammeId, type ProgrammeSettings } from '../../domain/coverage-programme.js';
import { entitlement, type EntitlementReport } from '../../domain/entitlement.js';
import { templateRecordId, type AgendaTemplate } from '../../domain/agenda-template.js';
import { NotAllowedError } from '../../domain/errors.js';
import { hasRole, type Person } from '../../domain/person.js';
import type { TimeZone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { allTemplateVersions } from './templates.js';

export interface CoverageReportOptions {
  /** Who asks: officers, SIT members and administrators see coverage (it names schools). */
  viewer: Pick<Person, 'roles'>;
  /** The report date (the clock's now, or the CLI's `--at`). */
  at: Date | string;
  /** IANA time zone the dates are read in (Config.timezone). */
  timeZone: TimeZone;
  /** The programme reported on: SACRE RE visits unless another is asked for. */
  programme?: ProgrammeId;
  /** Config.coverage: each programme's configured target, date and schools. */
  programmes?: Partial<Record<ProgrammeId, ProgrammeSettings>>;
  /** Config.visitEntitlementDefault: the visits a year of a school the register gives no number for. */
  defaultEntitlement: number;
  /** How many schools to suggest visiting next; by default what the target still needs. */
  suggest?: number;
  /** The built-in templates, as loaded once at start-up (BotDeps.builtInTemplates, CliContext.builtInTemplates). */
  builtIns: readonly AgendaTemplate[];
}

export interface CoverageAndEntitlement {
  programme: CoverageProgramme;
  coverage: CoverageReport;
  entitlement: EntitlementReport;
}

/**
 * The `coverage` report for one programme: its schools visited this academic year by its own kinds of
 * visit against its own target, by cluster (equal numbers), with declined visits apart and the schools
 * to visit next; and every school's visits against its entitlement, with those behind. Entitlement counts
 * only visits whose template version counts toward it (not safeguarding advice or audits, nor SACRE
 * visits) and at which the school was seen; a visit whose template version is unknown counts.
 */
export async function composeCoverageReport(store: StoreReader, tenantId: string, options: CoverageReportOptions): Promise<CoverageAndEntitlement> {
  if (!hasRole(options.viewer, 'officer', 'sit', 'admin')) throw new NotAllowedError('Only officers, SIT members and administrators can see visit coverage.');
  const [schools, visits, templates] = await Promise.all([
    store.find('schools', tenantId),
    store.find('visits', tenantId),
    allTemplateVersions(store, tenantId, options.builtIns),
  ]);
  const programmeId = options.programme ?? 'sacre';
  const programme = programmeOf(programmeId, options.programmes?.[programmeId]);
  const counts = new Map(templates.map((t) => [templateRecordId(t.id, t.version), t.countsTowardEntitlement]));
  const dates = { asOf: options.at, timeZone: options.timeZone };
  return {
    programme,
    coverage: coverage(programmeSchools(programme, schools), programmeVisits(programme, visits, schools), { ...dates, target: programme.target, suggest: options.suggest }),
    entitlement: entitlement(
      schools,
      visits.filter((v) => counts.get(templateRecordId(v.templateId, v.templateVersion)) ?? true),
      { ...dates, defaultEntitlement: options.defaultEntitlement },
    ),
  };
}
