import type { AgendaItem, AgendaTemplate } from '../../domain/agenda-template.js';
import { RagSchema, type Rag } from '../../domain/rag.js';
import { localDate } from '../../domain/academic-year.js';
import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import type { School } from '../../domain/school.js';
import type { Zone } from '../../domain/time-zone.js';
import { mayReadVisit, visitPlaceName, whyMayNotRead, type Visit } from '../../domain/visit.js';
import type { StoreReader } from '../ports/store.port.js';
import { pinnedTemplate } from './templates.js';

/** A visit with what it is read against: its template version, its school and who made it. */
export interface VisitContext {
  visit: Visit;
  template: AgendaTemplate;
  /** The school visited or seen; none for a visit to a partnership as a whole. */
  school?: School;
  visitorName: string;
}

/**
 * Loads a visit with the template version pinned when it was started (see `pinnedTemplate`) and its school (none
 * for a visit to a partnership as a whole); NotFoundError when any is gone.
 */
export async function loadVisit(store: StoreReader, tenantId: string, visitId: string): Promise<VisitContext> {
  const visit = await store.get('visits', tenantId, visitId);
  if (!visit) throw new NotFoundError('The visit', visitId);
  const [template, schools, visitor] = await Promise.all([
    pinnedTemplate(store, tenantId, visit),
    visit.schoolUrn ? store.find('schools', tenantId, { urn: visit.schoolUrn }) : Promise.resolve([]),
    store.get('people', tenantId, visit.visitorId),
  ]);
  if (visit.schoolUrn && !schools[0]) throw new NotFoundError(`The school ${visit.schoolUrn}`);
  return { visit, template, school: schools[0], visitorName: visitor?.name ?? 'an officer' };
}

const RAG_WORDS: Record<string, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
const YES_NO_WORDS: Record<string, string> = { yes: 'Yes', no: 'No' };

/** An answer in words: ratings and yes/no capitalised, text and choices as given. */
export function answerInWords(item: Pick<AgendaItem, 'kind'>, value: string): string {
  if (item.kind === 'rag') return RAG_WORDS[value] ?? value;
  if (item.kind === 'yesno') return YES_NO_WORDS[value] ?? value;
  return value;
}

/** A visit note as anyone allowed to read it sees it (the summary card and the school's copy). */
export interface VisitSummaryView {
  visitId: string;
  /** The school's URN; empty for a visit to a partnership as a whole. */
  urn: string;
  /** The school's name (with its partnership, for a partnership visit), or the partnership alone. */
  schoolName: string;
  templateName: string;
  status: Visit['status'];
  visitorName: string;
  plannedDate?: string;
  visitedDate?: string;
  attendees: Array<{ role: string; name: string }>;
  /** Every agenda item answered, in agenda order. */
  /** Each answer in words; a RAG rating also as its rating, for the card to colour. */
  answers: Array<{ prompt: string; answer: string; rating?: Rag }>;
  declinedReason?: string;
  copySentAt?: string;
  /** The headteacher's answer; `on` is the day they gave it, in the configured time zone. */
  response?: { verdict: 'accurate' | 'disputed'; byName: string; on: string; comment?: string };
  /** Only the school's headteacher, while the copy awaits their answer. */
  canRespond: boolean;
  /** Sentences for the person who just acted (how the copy and any concern went); never stored. */
  notices: string[];
}

/** The answers of a visit in agenda order, as prompt and answer in words (a RAG rating with its rating too). */
export function answeredItems(template: Pick<AgendaTemplate, 'items'>, visit: Pick<Visit, 'answers'>): Array<{ prompt: string; answer: string; rating?: Rag }> {
  return template.items.flatMap((item) => {
    const value = visit.answers[item.id];
    if (!value) return [];
    const rating = item.kind === 'rag' ? RagSchema.safeParse(value) : undefined;
    return [{ prompt: item.prompt, answer: answerInWords(item, value), ...(rating?.success ? { rating: rating.data } : {}) }];
  });
}

/**
 * Builds the summary for one viewer: the same content for all, the Accurate/Dispute buttons only for the
 * headteacher. Instants are shown as days in `timeZone` (the configured TIMEZONE). `names` names people by id
 * (`summaryNames`: whoever answered the school's copy).
 */
export function visitSummaryView(
  ctx: VisitContext,
  names: ReadonlyMap<string, string>,
  viewer: Pick<Person, 'roles' | 'schools' | 'email'> | undefined,
  notices: string[],
  timeZone: Zone,
): VisitSummaryView {
  const { visit, template, school } = ctx;
  const r = visit.schoolResponse;
  return {
    visitId: visit.id,
    urn: school?.urn ?? '',
    schoolName: visitPlaceName(visit, school),
    templateName: template.name,
    status: visit.status,
    visitorName: ctx.visitorName,
    plannedDate: visit.plannedDate,
    visitedDate: visit.visitedDate,
    attendees: visit.attendees,
    answers: answeredItems(template, visit),
    declinedReason: visit.declinedReason,
    copySentAt: visit.copySentAt,
    response: r && { verdict: r.verdict, byName: names.get(r.by) ?? 'the headteacher', on: localDate(r.at, timeZone), comment: r.comment },
    canRespond: visit.status === 'submitted' && !r && !!viewer && !!school && isSchoolHeadteacher(viewer, school),
    notices,
  };
}

/**
 * The names a visit's summary shows besides its visitor's (which the context holds): whoever answered the school's
 * copy. Read as that one person, not the whole register: every summary shown or sent reads it.
 */
export async function summaryNames(store: StoreReader, tenantId: string, visit: Pick<Visit, 'schoolResponse'>): Promise<ReadonlyMap<string, string>> {
  const by = visit.schoolResponse?.by;
  const person = by ? await store.get('people', tenantId, by) : undefined;
  return new Map(person ? [[person.id, person.name]] : []);
}

/** One visit's summary for the viewer, its days in `timeZone` (see `visitSummaryView`); NotAllowedError for anyone else. */
export async function viewVisit(store: StoreReader, tenantId: string, viewer: Person, visitId: string, notices: string[], timeZone: Zone): Promise<VisitSummaryView> {
  const ctx = await loadVisit(store, tenantId, visitId);
  if (!mayReadVisit(viewer, ctx)) throw new NotAllowedError(whyMayNotRead(ctx.visit));
  return visitSummaryView(ctx, await summaryNames(store, tenantId, ctx.visit), viewer, notices, timeZone);
}
