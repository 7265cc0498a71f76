import type { Zone } from '../../domain/time-zone.js';
import { findFormDraft } from '../drafts/form-drafts.js';
import type { FormDraft } from '../../domain/form-draft.js';
import { academicYearOf, localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import { EARLY_YEARS_OR_SIXTH_FORM, HEALTH_CHECK_AREAS, latestHealthCheck, nextHealthCheckDue, previousActionFor, suggestedStageChoice, type StageChoice } from '../../domain/health-check.js';
import type { Rag } from '../../domain/rag.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { Clock } from '../ports/clock.port.js';
import type { StoreReader } from '../ports/store.port.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';

/** One area on the health-check form, with what the last check said of it so the impact of its action is judged. */
export interface HealthCheckFormArea {
  id: string;
  title: string;
  previousRating?: Rag;
  previousAction?: string;
  /** Only the early years or sixth form: the officer says which applies, or that neither does. */
  choosesStage?: boolean;
}

/** What the officer needs to fill in a health check for one school. */
export interface HealthCheckForm {
  urn: string;
  schoolName: string;
  /** Today, as the default meeting date. */
  heldOn: string;
  areas: HealthCheckFormArea[];
  /** The early years or sixth form choice suggested by the school's stages; none when it has both. */
  stageChoice?: StageChoice;
  /** The check this one follows on from; submitting is refused if another has been filed since. */
  previous?: { id: string; heldOn: string; nextDue: string };
}

/** `held`: the school's check for this academic year is already filed (by its id), so it is shown, not a blank form. */
export type OpenHealthCheckResult = Exclude<SchoolLookup, { kind: 'found' }> | { kind: 'form'; form: HealthCheckForm; draft?: FormDraft } | { kind: 'held'; checkId: string; schoolName: string };

/**
 * Starts a health check for the school the officer named: the nine areas, each beside the previous check's
 * rating and required action, with the early years or sixth form suggested from the school's stages; once this
 * academic year's check is filed, that check instead (`held`). Only officers and SIT members hold health checks.
 * The officer's own saved draft of the check, if any, comes with the form to resume from.
 */
export async function openHealthCheck(
  store: StoreReader,
  tenantId: string,
  clock: Clock,
  timeZone: Zone,
  actor: Person,
  schoolQuery: string,
  /** False for the form sent back after a conflict: the officer chose to file another check. */
  showHeld = true,
): Promise<OpenHealthCheckResult> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only a school improvement officer or SIT member can hold a health check.');
  const lookup = await findSchool(store, tenantId, schoolQuery, actor);
  if (lookup.kind !== 'found') return lookup;
  const { school } = lookup;
  const previous = latestHealthCheck(await store.find('healthChecks', tenantId, { urn: school.urn }));
  const thisYear = academicYearOf(clock.now(), timeZone);
  if (showHeld && previous && previous.heldOn >= thisYear.start && previous.heldOn <= thisYear.end) return { kind: 'held', checkId: previous.id, schoolName: school.name };
  const draft = await findFormDraft(store, tenantId, actor, { kind: 'healthCheck', urn: school.urn });
  return {
    kind: 'form',
    ...(draft ? { draft } : {}),
    form: {
      urn: school.urn,
      schoolName: school.name,
      heldOn: localDate(clock.now(), timeZone),
      areas: HEALTH_CHECK_AREAS.map((a) => ({
        id: a.id,
        title: a.title,
        previousRating: previous?.areas.find((r) => r.area === a.id)?.rating,
        previousAction: previousActionFor(previous, a.id),
        ...(a.id === EARLY_YEARS_OR_SIXTH_FORM ? { choosesStage: true } : {}),
      })),
      stageChoice: suggestedStageChoice(school),
      previous: previous && { id: previous.id, heldOn: previous.heldOn, nextDue: nextHealthCheckDue(previous.heldOn) },
    },
  };
}
