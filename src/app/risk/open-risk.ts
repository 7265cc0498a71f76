import { localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';
import { openSchools } from '../schools/open-schools.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { openRiskChange } from '../../domain/risk-dialogue.js';
import type { RiskChange } from '../../domain/risk.js';
import type { School } from '../../domain/school.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';
import type { RiskChangeView } from './risk-change-view.js';
import type { RiskDeps } from './risk-deps.js';
import { viewRiskChange } from './risk-dialogue.js';

/** The proposal form for a school with no proposal under discussion: its level, how it got there, and the choices. */
export interface RiskFormView {
  urn: string;
  schoolName: string;
  riskLevel: string;
  causingConcern: boolean;
  levels: string[];
  /** Past proposals and outcomes, newest first. */
  history: Array<{ on: string; line: string }>;
}

export type OpenRiskResult =
  | { kind: 'form'; form: RiskFormView }
  | { kind: 'change'; view: RiskChangeView }
  /** A headteacher's school with no proposal to answer. */
  | { kind: 'noProposal'; schoolName: string }
  | Exclude<SchoolLookup, { kind: 'found' }>;

const OUTCOME: Record<RiskChange['status'], string> = {
  proposed: 'proposed, waiting',
  agreed: 'agreed',
  disputed: 'disputed',
  revised: 'revised',
  withdrawn: 'withdrawn',
};

export function riskHistory(changes: readonly RiskChange[], timeZone: Zone): RiskFormView['history'] {
  return [...changes]
    .sort((a, b) => b.proposedAt.localeCompare(a.proposedAt))
    .map((c) => ({
      on: localDate(c.proposedAt, timeZone),
      line: `${c.fromLevel} → ${c.proposedLevel}: ${OUTCOME[c.status]}${c.source === 'inspection' ? ' (rapid response to an inspection)' : ''}`,
    }));
}

function formOf(deps: RiskDeps, school: School, changes: readonly RiskChange[]): RiskFormView {
  return {
    urn: school.urn,
    schoolName: school.name,
    riskLevel: school.riskLevel,
    causingConcern: school.causingConcern,
    levels: [...deps.scale.levels],
    history: riskHistory(changes, deps.timeZone),
  };
}

/**
 * `risk <school>`: for an officer, the proposal under discussion if there is one, else the form to propose a level.
 * A headteacher (by role or by the register's e-mail) opens their own school's proposal, to answer it (`risk` alone
 * finds their school); nobody else may.
 */
export async function openRisk(deps: RiskDeps, tenantId: string, actor: Person, query: string): Promise<OpenRiskResult> {
  const officer = isOfficer(actor);
  const lookup = !officer && !query.trim() ? await ownSchool(deps, tenantId, actor) : await findSchool(deps.store, tenantId, query, actor);
  if (lookup.kind !== 'found') return lookup;
  const { school } = lookup;
  if (!officer && !isSchoolHeadteacher(actor, school)) throw new NotAllowedError("Only officers and the school's headteacher can open its risk level.");
  const changes = await deps.store.find('riskChanges', tenantId, { schoolUrn: school.urn });
  const open = openRiskChange(changes, school.urn);
  if (open) return { kind: 'change', view: await viewRiskChange(deps, tenantId, actor, open.id) };
  if (!officer) return { kind: 'noProposal', schoolName: school.name };
  return { kind: 'form', form: formOf(deps, school, changes) };
}

/** The school a headteacher leads, when they typed none. */
async function ownSchool(deps: RiskDeps, tenantId: string, actor: Person): Promise<SchoolLookup> {
  const own = (await openSchools(deps.store, tenantId)).filter((s) => isSchoolHeadteacher(actor, s));
  return own.length === 1 ? { kind: 'found', school: own[0]! } : findSchool(deps.store, tenantId, '', actor);
}
