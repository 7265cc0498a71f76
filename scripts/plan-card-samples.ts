import { ActionPlanSchema } from '../src/domain/action-plan.js';
import { planView } from '../src/app/action-plans/plan-view.js';
import type { CardSample } from './card-sample.js';
import { jo, NOW, oakwood, people, sam, TIME_ZONE } from './card-sample-records.js';

/**
 * Samples of the action-plan cards (see card-samples.ts): Oakwood's plan, live since both sides agreed it, with a
 * change made since; as the headteacher sees it (with the buttons to change it), and as it is started.
 */
const plan = ActionPlanSchema.parse({
  id: 'plan-1',
  tenantId: 'sample',
  version: 6,
  createdAt: '2026-11-02T10:00:00Z',
  updatedAt: '2026-11-23T11:00:00Z',
  urn: oakwood.urn,
  kind: 'school',
  title: 'Raising standards in reading and attendance',
  status: 'live',
  createdBy: sam.id,
  priorities: [
    { id: 'p1', text: 'Raise attainment in reading at Key Stage 2' },
    { id: 'p2', text: 'Improve attendance of disadvantaged pupils' },
  ],
  actions: [
    {
      id: 'a1',
      priorityId: 'p1',
      text: 'Daily phonics catch-up for the Year 4 target group',
      owner: 'school',
      ownerName: 'Priya Shah (English lead)',
      successCriteria: 'Four in five of the group read at their age by March',
      schoolResources: 'Two teaching assistants, 30 minutes a day',
      laSupport: ['pupilTracking'],
      milestones: [
        { id: 'm1', target: 'Reading ages up by three months', due: '2026-12-04', status: 'inProgress' },
        { id: 'm2', target: 'Reading ages up by six months', due: '2027-02-12', status: 'notStarted' },
      ],
    },
    {
      id: 'a2',
      priorityId: 'p2',
      text: 'Attendance panel with families of persistent absentees',
      owner: 'la',
      ownerName: 'Sam Patel',
      successCriteria: 'Persistent absence below 15%',
      laSupport: ['officerTime', 'governingBody'],
      milestones: [{ id: 'm3', target: 'Every family met', due: '2026-12-18', status: 'notStarted' }],
    },
  ],
  monitoring: 'Headteacher and link officer at each strategy meeting; governors termly',
  startsOn: '2026-11-20',
  endsOn: '2027-03-20',
  reviewDates: ['2027-01-15', '2027-03-12'],
  agreement: { governingBodyMetOn: '2026-11-19', governingBodyRecordedBy: jo.id, governingBodyRecordedAt: '2026-11-19T18:00:00Z', laAgreedBy: sam.id, laAgreedAt: '2026-11-20T09:00:00Z' },
  changes: [{ version: 6, by: sam.id, at: '2026-11-23T11:00:00Z', what: ["Milestone 'Every family met' due date 11 Dec → 18 Dec"] }],
});

export const planCardSamples: CardSample[] = [
  { card: 'action-plan', view: 'headteacher', caption: "A live action plan as the headteacher sees it, with its history", data: { view: planView(plan, oakwood, jo, people, NOW, TIME_ZONE) } },
  {
    card: 'action-plan',
    view: 'form',
    caption: 'Adding a milestone to an action on the plan card',
    data: { view: planView(plan, oakwood, sam, people, NOW, TIME_ZONE), form: { item: 'milestone', actionId: 'a1' } },
  },
  { card: 'action-plan-start', caption: 'Starting a school’s action plan, or an individual staff support plan', data: { urn: oakwood.urn, schoolName: oakwood.name, kinds: ['school', 'individual'] } },
];
