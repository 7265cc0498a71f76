import { localDate } from '../../domain/academic-year.js';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { DEFAULT_REPORT_CARD_AREAS, reportCardAreasFor, reportCardInspection, ReportCardInputSchema, type ReportCardInput } from '../../domain/inspection.js';
import { areaKey } from '../../domain/self-evaluation.js';
import { isOfficer, type Person } from '../../domain/person.js';
import { rapidResponse } from '../../domain/risk.js';
import { linkOfficerOf } from '../../domain/school-roles.js';
import { enqueueDelivery, queuedStanding } from '../delivery/enqueue.js';
import { toldOf, type Told } from '../notices/told.js';
import { inspectionHistoryView, type InspectionHistoryView } from './inspection-history.js';
import type { RiskDeps } from './risk-deps.js';

export interface RecordedInspection {
  view: InspectionHistoryView;
  /** Set when the inspection put the school on the list of schools causing concern at once. */
  rapidResponse?: { level: string; told?: Told };
  /** The link officer's notice, recorded with the inspection, for the caller to send once it has answered. */
  outboxIds: string[];
}

/**
 * An officer records a report-card inspection: checked against the configured areas the school is graded on,
 * added to its inspection history beside any earlier single-word judgement (never converted). A category of
 * concern puts the school on the list at once (rapid response): its level is raised to the concern threshold,
 * the change is kept in `riskChanges` as applied from the inspection, and the link officer is told.
 */
/** What the inspection card sends: the date, safeguarding `met` or `notMet`, the category (`none` or empty for none), and each area's grade by its key. */
export interface TypedInspection {
  date?: string;
  safeguarding?: string;
  category?: string;
  /** Grade by area key (`areaKey`). */
  grades: Record<string, string | undefined>;
}

/** The report card from what was typed, for the areas this school is graded on. */
function reportCardInput(typed: TypedInspection, areas: readonly string[]): ReportCardInput {
  const missing = areas.filter((a) => !typed.grades[areaKey(a)]);
  if (missing.length) throw new InvalidInputError(`Choose a grade for every area; none yet for: ${missing.join(', ')}.`, 'grades');
  const parsed = ReportCardInputSchema.safeParse({
    date: typed.date,
    grades: Object.fromEntries(areas.map((a) => [a, typed.grades[areaKey(a)]])),
    safeguardingMet: typed.safeguarding === 'met' ? true : typed.safeguarding === 'notMet' ? false : undefined,
    category: typed.category && typed.category !== 'none' ? typed.category : undefined,
  });
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]!.path[0] ?? '');
  const messages: Record<string, string> = { date: 'Give the date of the inspection.', safeguardingMet: 'Say whether safeguarding is met.', category: 'Choose a category, or none.' };
  throw new InvalidInputError(messages[field] ?? 'Choose a grade for every area.', field);
}

export async function recordInspection(deps: RiskDeps, tenantId: string, actor: Person, urn: string, typed: TypedInspection, idempotencyKey: string): Promise<RecordedInspection> {
  if (!isOfficer(actor)) throw new NotAllowedError('Only officers and SIT members can record an inspection.');
  const now = deps.clock.now();
  const { value } = await deps.store.transact(
    async (tx) => {
      const school = (await tx.find('schools', tenantId, { urn }))[0];
      if (!school) throw new NotFoundError(`The school ${urn}`);
      const areas = deps.areas ?? DEFAULT_REPORT_CARD_AREAS;
      const outcome = reportCardInspection(reportCardInput(typed, reportCardAreasFor(school, areas)), school, areas, localDate(now, deps.timeZone));
      const rapid = rapidResponse(deps.scale, school, outcome, actor.id, now.toISOString());
      await tx.update('schools', tenantId, school.id, school.version, { inspections: [...school.inspections, outcome], ...(rapid?.school ?? {}) }, { action: 'inspection.recorded' });
      if (!rapid) return { outboxIds: [] as string[], level: undefined };
      const change = await tx.insert('riskChanges', tenantId, rapid.change, { action: 'risk.rapidResponse' });
      const officer = linkOfficerOf(school, await tx.find('people', tenantId));
      const outboxIds = officer
        ? [
            await enqueueDelivery(
              tx,
              {
                tenantId,
                to: { person: officer.id },
                content: {
                  kind: 'message',
                  message: { text: `Rapid response: ${school.name} (${school.urn}) is now causing concern at ${rapid.school.riskLevel}, after ${rapid.change.evidence} Type concerns to see the list, or strategy ${school.urn} to book its strategy meetings.` },
                },
                about: `the rapid response for ${school.name}`,
                requestedBy: actor.id,
                idempotencyKey: `risk.rapidResponse:${change.id}:${officer.id}`,
              },
              now,
            ),
          ]
        : [];
      return { outboxIds, level: rapid.school.riskLevel };
    },
    { actor: actor.id, idempotencyKey, serializable: true },
  );
  const school = (await deps.store.find('schools', tenantId, { urn }))[0]!;
  const view = inspectionHistoryView(school, deps.areas);
  if (!value.level) return { view, outboxIds: [] };
  const [standing] = await queuedStanding(deps, tenantId, value.outboxIds);
  const told: Told = standing ? toldOf(standing) : { name: 'the link officer', notice: 'none', problem: `${school.name} has no link officer registered to tell.` };
  return { view, rapidResponse: { level: value.level, told }, outboxIds: value.outboxIds };
}
