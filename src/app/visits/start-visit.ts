import { localDate } from '../../domain/academic-year.js';
import { isAgendaForRoles, whyNotAllowed, type AgendaTemplate } from '../../domain/agenda-template.js';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { filesVisits, type Person } from '../../domain/person.js';
import { matchPartnership, type School } from '../../domain/school.js';
import type { Zone } from '../../domain/time-zone.js';
import { IsoDateSchema } from '../../domain/visit.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store, StoreReader } from '../ports/store.port.js';
import { findSchool, type SchoolLookup } from '../schools/find-school.js';
import { openSchools } from '../schools/open-schools.js';
import { listTemplates, pinTemplateVersion, templatesAvailableTo } from './templates.js';
import { VISIT_INPUT } from './visit-values.js';
import { lastAgendaAt, openVisitAt } from './visit-defaults.js';

/**
 * What starting a visit offers, at one school or to a partnership as a whole: the agendas the visitor may use
 * there (for a partnership, its partnership agendas only), and those of their roles they may not yet (training
 * not recorded, not yet done or lapsed), with why. Agendas that are never for their roles (an officer's, to a
 * SACRE visitor) are left out.
 */
export interface VisitStartOptions {
  /** The school visited; absent for a visit to a partnership as a whole. */
  school?: School;
  /** The partnership visited as a whole (`visit <partnership name>`). */
  partnership?: string;
  templates: AgendaTemplate[];
  /** Agendas held back (training not recorded), each with the reason in words the officer can act on. */
  unavailable: Array<{ name: string; reason: string }>;
  /** Today, as the default planned date. */
  today: string;
  /** The agenda the visitor used last at this school, offered first when it is among `templates`. */
  lastTemplateId?: string;
}

export type PrepareVisitResult = Exclude<SchoolLookup, { kind: 'found' }> | ({ kind: 'options' } & VisitStartOptions);

const ONLY_VISITORS = 'Only school improvement officers, SIT members and SACRE visitors file visits.';

type Place = { school: School } | { partnership: string };

/** A partnership as a whole is visited with a partnership agenda only. */
const fitsPlace = (place: Place) => (t: Pick<AgendaTemplate, 'visitType'>) => !('partnership' in place) || t.visitType === 'partnership';

async function optionsFor(store: StoreReader, tenantId: string, actor: Person, place: Place, today: string, builtIns: readonly AgendaTemplate[]): Promise<VisitStartOptions> {
  const [all, available, lastTemplateId] = await Promise.all([
    listTemplates(store, tenantId, builtIns),
    templatesAvailableTo(store, tenantId, actor, builtIns, today),
    'school' in place ? lastAgendaAt(store, tenantId, actor, place.school.urn) : undefined,
  ]);
  const templates = available.filter(fitsPlace(place));
  const offered = new Set(templates.map((t) => t.id));
  return {
    ...place,
    templates,
    unavailable: all
      .filter(fitsPlace(place))
      .filter((t) => !offered.has(t.id) && isAgendaForRoles(actor, t))
      .flatMap((t) => {
        const reason = whyNotAllowed(actor, t, today);
        return reason ? [{ name: t.name, reason }] : [];
      }),
    today,
    ...(lastTemplateId && offered.has(lastTemplateId) ? { lastTemplateId } : {}),
  };
}

/**
 * `visit <school>` or `visit <partnership name>`: a partnership's exact name starts a visit to the partnership
 * as a whole (partnership agendas only); otherwise it finds the school (a choice when the name is ambiguous)
 * and the agendas the visitor may start there. Only officers, SIT members and SACRE visitors file visits.
 */
export async function prepareVisit(
  store: StoreReader,
  tenantId: string,
  clock: Clock,
  timeZone: Zone,
  actor: Person,
  query: string,
  builtIns: readonly AgendaTemplate[],
): Promise<PrepareVisitResult> {
  if (!filesVisits(actor)) throw new NotAllowedError(ONLY_VISITORS);
  const today = localDate(clock.now(), timeZone);
  const partnership = matchPartnership(await openSchools(store, tenantId), query);
  if (partnership) return { kind: 'options', ...(await optionsFor(store, tenantId, actor, { partnership }, today, builtIns)) };
  const lookup = await findSchool(store, tenantId, query, actor);
  if (lookup.kind !== 'found') return lookup;
  return { kind: 'options', ...(await optionsFor(store, tenantId, actor, { school: lookup.school }, today, builtIns)) };
}

/** The same options for a school picked by URN (from the choice card). */
export async function visitOptionsForSchool(
  store: StoreReader,
  tenantId: string,
  clock: Clock,
  timeZone: Zone,
  actor: Person,
  urn: string,
  builtIns: readonly AgendaTemplate[],
): Promise<VisitStartOptions> {
  if (!filesVisits(actor)) throw new NotAllowedError(ONLY_VISITORS);
  const school = (await store.find('schools', tenantId, { urn }))[0];
  if (!school) throw new NotFoundError(`The school ${urn}`);
  return optionsFor(store, tenantId, actor, { school }, localDate(clock.now(), timeZone), builtIns);
}

/** Where the visit is: a school (`urn`), or a partnership as a whole (`partnership`, no school). */
export interface StartVisitInput {
  urn?: string;
  partnership?: string;
  templateId: string;
  plannedDate?: string;
}

/**
 * Starts a visit: a `planned` visit against the newest version of the agenda, which is pinned in the store
 * so the visit reads the same after a release changes the built-in file. Refused, with the reason, to anyone
 * who may not use the agenda (not an officer, or not trained for it by today, or whose training has lapsed), however the request was made (an old
 * card's button included). The idempotency key makes a double press start one visit, and a visit the visitor
 * already has open with this agenda at this place is resumed (`resumed`) rather than started again.
 *
 * A partnership development visit to a school records the school's partnership, with the school as the one
 * seen (so it counts toward that school's entitlement); one to a partnership as a whole has no school.
 */
export async function startVisit(
  deps: { store: Store; builtInTemplates: readonly AgendaTemplate[]; clock: Clock; timeZone: Zone },
  tenantId: string,
  actor: Person,
  input: StartVisitInput,
  idempotencyKey: string,
): Promise<{ visitId: string; replayed: boolean; resumed: boolean }> {
  if (!filesVisits(actor)) throw new NotAllowedError(ONLY_VISITORS);
  const template = (await listTemplates(deps.store, tenantId, deps.builtInTemplates)).find((t) => t.id === input.templateId);
  if (!template) throw new InvalidInputError('Choose one of the agendas offered.', 'templateId');
  const refusal = whyNotAllowed(actor, template, localDate(deps.clock.now(), deps.timeZone));
  if (refusal) throw new NotAllowedError(refusal);
  const plannedDate = input.plannedDate?.trim() || undefined;
  if (plannedDate && !IsoDateSchema.safeParse(plannedDate).success) throw new InvalidInputError('Choose the planned date from the calendar.', VISIT_INPUT.plannedDate);
  const open = openVisitAt(await deps.store.find('visits', tenantId, { visitorId: actor.id }), input);
  if (open) return { visitId: open.id, replayed: false, resumed: true };
  const { value, replayed } = await deps.store.transact(
    async (tx) => {
      const where = await placeOf(tx, tenantId, input, template);
      await pinTemplateVersion(tx, tenantId, template);
      const visit = await tx.insert(
        'visits',
        tenantId,
        {
          ...where,
          templateId: template.id,
          templateVersion: template.version,
          visitType: template.visitType,
          visitorId: actor.id,
          plannedDate,
          attendees: [],
          answers: {},
          answerTags: {},
          themes: [],
          status: 'planned',
        },
        { action: 'visit.started' },
      );
      return visit.id;
    },
    { actor: actor.id, idempotencyKey, serializable: true },
  );
  return { visitId: value, replayed, resumed: false };
}

/** The school (and, for a partnership agenda, its partnership) or the partnership alone a new visit is to. */
async function placeOf(tx: StoreReader, tenantId: string, input: StartVisitInput, template: AgendaTemplate): Promise<{ schoolUrn?: string; partnership?: string }> {
  if (input.urn) {
    const school = (await tx.find('schools', tenantId, { urn: input.urn }))[0];
    if (!school) throw new NotFoundError(`The school ${input.urn}`);
    const partnership = template.visitType === 'partnership' ? school.partnerships[0] : undefined;
    return { schoolUrn: school.urn, ...(partnership ? { partnership } : {}) };
  }
  const partnership = input.partnership && matchPartnership(await openSchools(tx, tenantId), input.partnership);
  if (!partnership) throw new NotFoundError(input.partnership ? `The partnership ${input.partnership}` : 'The school');
  if (template.visitType !== 'partnership') throw new InvalidInputError('A partnership is visited with a partnership agenda: choose one of the agendas offered.', 'templateId');
  return { partnership };
}
