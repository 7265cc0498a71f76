import type { CardSample } from './card-sample.js';
import { jo, oakwood, sam } from './card-sample-records.js';

/**
 * Samples of the action-plan milestone cards (see card-samples.ts): the headteacher's list, one milestone as the
 * headteacher sees it to confirm and as the link officer sees it confirmed (to query), and the termly evaluation.
 */
const milestone = {
  planId: 'plan-1',
  milestoneId: 'm-1',
  revision: 0,
  urn: oakwood.urn,
  schoolName: oakwood.name,
  planTitle: 'Raising attainment in reading',
  action: 'Daily systematic phonics in Reception and Year 1, taught by trained staff',
  successCriteria: 'At least 80% of Year 1 meet the expected standard in the phonics screening check',
  target: 'Every Reception and Year 1 teacher trained in the phonics programme',
  due: 'Thursday 10 December 2026',
  status: 'In progress',
  standing: 'Due soon: Thursday 10 December 2026',
  planRag: 'Amber',
  queries: [],
  refreshUserIds: [],
};

export const milestoneCardSamples: CardSample[] = [
  {
    card: 'milestone-list',
    caption: 'milestones: a headteacher’s milestones to confirm, soonest first',
    data: {
      viewer: 'headteacher',
      rows: [
        { planId: 'plan-1', milestoneId: 'm-0', schoolName: oakwood.name, target: 'Reading leader appointed', due: '27 Nov', standing: 'Overdue', queried: false },
        { planId: 'plan-1', milestoneId: 'm-1', schoolName: oakwood.name, target: milestone.target, due: '10 Dec', standing: 'Due soon', queried: false },
      ],
    },
  },
  {
    card: 'milestone',
    view: 'headteacher',
    caption: 'A milestone as the headteacher sees it: In progress, Met, Partly met or Not met, with evidence and a link',
    data: { ...milestone, steps: ['confirm'] },
  },
  {
    card: 'milestone',
    view: 'officer',
    caption: 'A confirmed milestone as the link officer sees it, to query',
    data: {
      ...milestone,
      revision: 1,
      status: 'Met',
      standing: 'Met (due Thursday 10 December 2026)',
      planRag: 'Green',
      confirmation: { outcome: 'Met', evidence: 'Training log signed by all six teachers on 2 December.', link: 'https://oakwood.example.org/evidence/phonics', by: jo.name, on: '3 Dec' },
      steps: ['query'],
    },
  },
  {
    card: 'plan-term-summary',
    caption: `The termly evaluation of a plan, for the link officer (${sam.name})`,
    data: {
      urn: oakwood.urn,
      schoolName: oakwood.name,
      planTitle: milestone.planTitle,
      term: 'Autumn term 2026/27',
      planRag: 'Red',
      met: 2,
      partlyMet: 1,
      missed: 1,
      open: 0,
      milestones: [
        { target: 'Reading leader appointed', due: '20 Nov', status: 'Met' },
        { target: 'Phonics programme bought and resources in every classroom', due: '27 Nov', status: 'Met' },
        { target: milestone.target, due: '10 Dec', status: 'Partly met' },
        { target: 'Daily catch-up sessions running for the Year 1 target group', due: '14 Dec', status: 'Overdue' },
      ],
      successCriteria: [{ action: milestone.action, criteria: milestone.successCriteria }],
    },
  },
];
