import { copyResponseRefusal } from '../src/app/visits/respond-to-copy.js';
import { copyNotices } from '../src/app/visits/send-school-copy.js';
import { visitSummaryView } from '../src/app/visits/visit-view.js';
import { validateAnswers } from '../src/domain/visit.js';
import { agendaCardData } from '../src/teams/cards/visit-agenda.card.js';
import { pictureFile, type CardSample } from './card-sample.js';
import { jo, names, sam, submittedVisit, supportVisit, supportVisitTo, TIME_ZONE, visitAnswers } from './card-sample-records.js';

/**
 * The states people meet besides the usual one: lists with nothing in them yet, a form sent back with what is
 * missing, a refusal shown in the card pressed, and the note submitted while the school's copy is still on its way.
 * Each is built the way the bot builds it (its own validation, refusal and notice wording), so the pictures show
 * what a person really reads.
 */

/**
 * The agenda card's data as the bot builds it, with a fixed form id in place of the random one each card gets (it
 * travels unseen in the buttons' data), so the same sample always draws the same picture.
 */
export function agendaSampleData(...args: Parameters<typeof agendaCardData>): ReturnType<typeof agendaCardData> {
  const data = agendaCardData(...args);
  return { ...data, meta: { ...data.meta, 'visit.formId': 'form-visit-1' } };
}

/** A sample from `base`, sent back with a problem as the bot sends a refused form: the problem on top and by its input. */
function refused(base: readonly CardSample[], file: string, error: { message: string; field: string }, caption: string): CardSample {
  const form = base.find((s) => pictureFile(s) === file);
  if (!form) throw new Error(`No card sample ${file} to show sent back with a problem`);
  return { card: form.card, view: `${form.view ? `${form.view}-` : ''}error`, caption, data: { ...(form.data as object), error } as CardSample['data'] };
}

/** The SIT support visit submitted with three answers left out, as the bot sends it back. */
function agendaMissingAnswers(): CardSample<'visit-agenda'> {
  const { strengths: _s, areasForDevelopment: _a, actionsAgreed: _n, ...typed } = visitAnswers;
  const { errors } = validateAnswers(supportVisit, typed, 'submit');
  return {
    card: 'visit-agenda',
    view: 'error',
    caption: 'Submit pressed with answers missing: the card comes back saying which, by their labels, with what was typed kept',
    data: agendaSampleData(supportVisitTo('draft'), { 'visit.plannedDate': '2026-11-20', ...typed }, errors),
  };
}

/** The samples of these states, some drawn from the usual samples in `base` (a form and its refusal look alike). */
export function stateCardSamples(base: readonly CardSample[]): CardSample[] {
  const copyOnItsWay = { ...submittedVisit, visit: { ...submittedVisit.visit, copySentAt: undefined } };
  return [
    { card: 'visit-list', view: 'empty', caption: 'visits for an officer with no visits yet: how to start one', data: { open: [], recent: [] } },
    { card: 'visit-list', view: 'headteacher-empty', caption: "visits for a headteacher whose school has no visit notes yet", data: { awaiting: [], answered: [] } },
    { card: 'milestone-list', view: 'empty', caption: 'milestones for a headteacher with nothing to confirm', data: { viewer: 'headteacher', rows: [] } },
    { card: 'concern-list', view: 'empty', caption: 'confidential for the concerns lead when no concern has been raised', data: { sendId: 'send-1', rows: [] } },
    { card: 'health-check-list', view: 'headteacher', caption: 'healthchecks, as a headteacher sees it: their own school, told how to acknowledge', data: { forHeadteacher: true, rows: [{ urn: '141001', schoolName: 'Oakwood Primary School', last: { checkId: 'hc1', heldOn: '2026-11-18', overall: 'amber', status: 'awaitingAcknowledgement' }, nextDue: '2027-11-18', due: false }] } },
    agendaMissingAnswers(),
    refused(base, 'health-check.png', { message: 'Rate Behaviour and attitudes red, amber or green', field: 'behaviourAndAttitudes.rating' }, 'A health check sent with an area not rated: the card comes back saying which, beside it'),
    {
      card: 'visit-summary',
      view: 'officer-copy-on-its-way',
      caption: 'The visit note just submitted: the school’s copy on its way, the officer told they will hear if it cannot be delivered',
      data: visitSummaryView(copyOnItsWay, names, sam, copyNotices(copyOnItsWay, { names: [jo.name] }), TIME_ZONE),
    },
    {
      card: 'visit-summary',
      view: 'headteacher-dispute-refused',
      caption: 'Dispute pressed with no comment: the headteacher’s card says what is needed',
      data: visitSummaryView(submittedVisit, names, jo, [copyResponseRefusal({ verdict: 'disputed' }) ?? ''], TIME_ZONE),
    },
  ];
}
