import { z } from 'zod/v4';
import type { VisitType } from './agenda-template.js';
import { DEFAULT_COVERAGE_BY, type CoverageSchool, type CoverageTarget } from './coverage.js';
import type { School } from './school.js';
import type { DatedVisit } from './visit.js';

/**
 * Coverage programmes: each kind of visit is its own programme, with its own target, date and school
 * population, so one programme's visits never count toward another's target. The SACRE's target (a
 * quarter of all schools before July, in the SACRE's action plan) counts SACRE RE visits only; an LA's annual visits, the
 * SIT's support visits and partnership development visits each have theirs. A programme groups the
 * agenda templates of its kind of visit (a template's `visitType`), built-in or added.
 */

export const ProgrammeIdSchema = z.enum(['sacre', 'annual', 'support', 'partnership']);
export type ProgrammeId = z.infer<typeof ProgrammeIdSchema>;

/**
 * The schools a programme's target is a share of: every open school, the LA's maintained schools, the
 * academies, or the schools that belong to at least one partnership.
 */
export const PopulationSchema = z.enum(['all', 'maintained', 'academies', 'partnerships']);
export type Population = z.infer<typeof PopulationSchema>;

export interface CoverageProgramme {
  id: ProgrammeId;
  /** In users' words, for the card's title. */
  name: string;
  /** The kinds of visit (templates' `visitType`) whose visits count toward it. */
  visitTypes: readonly VisitType[];
  target: CoverageTarget;
  population: Population;
}

/** Each programme as it stands until configured otherwise (COVERAGE_<PROGRAMME>_… settings). */
export const DEFAULT_PROGRAMMES: Readonly<Record<ProgrammeId, CoverageProgramme>> = {
  sacre: { id: 'sacre', name: 'SACRE RE visits', visitTypes: ['sacre'], target: { fraction: 0.25, by: DEFAULT_COVERAGE_BY }, population: 'all' },
  annual: { id: 'annual', name: 'LA annual visits', visitTypes: ['annual'], target: { fraction: 1, by: '07-31' }, population: 'all' },
  support: { id: 'support', name: 'SIT support visits', visitTypes: ['support'], target: { fraction: 1, by: '07-31' }, population: 'all' },
  partnership: { id: 'partnership', name: 'Partnership development visits', visitTypes: ['partnership'], target: { fraction: 1, by: '07-31' }, population: 'partnerships' },
};

/** A programme's settings as configured: a target percent, a date (MM-DD or YYYY-MM-DD) and a population, each optional. */
export interface ProgrammeSettings {
  targetPercent?: number;
  targetDate?: string;
  population?: Population;
}

/** The programme with its configured settings over its defaults. */
export function programmeOf(id: ProgrammeId, settings: ProgrammeSettings = {}): CoverageProgramme {
  const base = DEFAULT_PROGRAMMES[id];
  return {
    ...base,
    target: { fraction: settings.targetPercent === undefined ? base.target.fraction : settings.targetPercent / 100, by: settings.targetDate ?? base.target.by },
    population: settings.population ?? base.population,
  };
}

type PopulationSchool = CoverageSchool & Partial<Pick<School, 'governance' | 'partnerships'>>;

const inPopulation: Record<Population, (s: PopulationSchool) => boolean> = {
  all: () => true,
  maintained: (s) => s.governance === 'maintained',
  academies: (s) => s.governance === 'academy',
  partnerships: (s) => (s.partnerships ?? []).length > 0,
};

/** The schools a programme's target is a share of. */
export function programmeSchools<S extends PopulationSchool>(programme: Pick<CoverageProgramme, 'population'>, schools: readonly S[]): S[] {
  return schools.filter(inPopulation[programme.population]);
}

/**
 * The visits that count toward a programme, one per school: its kinds of visit only. A visit to a
 * partnership as a whole (no school seen) covers every school of that partnership for the partnership
 * programme, since the partnership was visited; for a school's entitlement it counts for none (see
 * entitlement.ts).
 */
export function programmeVisits(
  programme: Pick<CoverageProgramme, 'visitTypes'>,
  visits: readonly DatedVisit[],
  schools: readonly Pick<PopulationSchool, 'urn' | 'partnerships'>[],
): DatedVisit[] {
  return visits
    .filter((v) => v.visitType !== undefined && programme.visitTypes.includes(v.visitType))
    .flatMap((v) => {
      if (v.schoolUrn || !v.partnership) return [v];
      return schools.filter((s) => (s.partnerships ?? []).includes(v.partnership!)).map((s) => ({ ...v, schoolUrn: s.urn }));
    });
}
