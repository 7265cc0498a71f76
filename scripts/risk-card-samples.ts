import { DEFAULT_RISK_SCALE, CRITERION_WORDING } from '../src/domain/risk.js';
import { reportCardAreasFor } from '../src/domain/inspection.js';
import type { CardSample } from './card-sample.js';
import { oakwood } from './card-sample-records.js';

/**
 * Samples of the risk and inspection cards (see card-samples.ts): Oakwood's history under both frameworks, a
 * proposal as the headteacher and as the officer after a dispute, and the list of schools causing concern.
 */
const proposal = {
  riskChangeId: 'risk-1',
  version: 1,
  urn: oakwood.urn,
  schoolName: oakwood.name,
  fromLevel: 'medium',
  proposedLevel: 'high',
  criterion: CRITERION_WORDING.reportCardConcern,
  evidence: 'Report card of 12 November 2026: attendance and behaviour at needs attention; persistent absence 24% against 17% nationally.',
  nextMonitoringMeetingOn: '2026-12-04',
  proposedBy: 'Sam Patel',
  proposedOn: '2026-11-23',
  status: 'proposed' as const,
  statusLine: "Waiting for the headteacher's answer.",
  levels: [...DEFAULT_RISK_SCALE.levels],
  refreshUserIds: [],
};

export const riskCardSamples: CardSample[] = [
  {
    card: 'inspection',
    caption: 'inspection <school>: the inspection history, both frameworks side by side, and the form to record a report card',
    data: {
      urn: oakwood.urn,
      schoolName: oakwood.name,
      formId: 'form-inspection-1',
      riskLevel: 'medium',
      causingConcern: false,
      history: [
        { date: '2026-11-12', framework: 'Report card', summary: 'safeguarding met; inclusion: expected standard; attendance and behaviour: needs attention' },
        { date: '2022-05-10', framework: 'Single-word judgement', summary: 'Requires Improvement' },
      ],
      areas: reportCardAreasFor(oakwood),
    },
  },
  {
    card: 'risk-form',
    caption: 'risk <school>: the form to propose a level, with the criterion, the evidence and the next monitoring meeting',
    data: {
      urn: oakwood.urn,
      schoolName: oakwood.name,
      formId: 'form-risk-1',
      riskLevel: 'medium',
      causingConcern: false,
      levels: [...DEFAULT_RISK_SCALE.levels],
      history: [{ on: '2025-10-01', line: 'unassessed → medium: agreed' }],
    },
  },
  { card: 'risk-change', view: 'headteacher', caption: 'A proposed risk level, as the headteacher sees it: Agree or Dispute', data: { ...proposal, viewer: 'headteacher', actions: ['agree', 'dispute'] } },
  {
    card: 'risk-change',
    view: 'officer',
    caption: 'The same proposal after a dispute, as the officer sees it: Revise or Withdraw',
    data: {
      ...proposal,
      version: 2,
      status: 'disputed',
      statusLine: 'Disputed by the school: the officer may revise or withdraw it.',
      answer: { by: 'Jo Baker', on: '2026-11-24', decision: 'disputed', comment: 'Attendance has risen every week since the new plan started in October.' },
      viewer: 'officer',
      actions: ['revise', 'withdraw'],
    },
  },
  {
    card: 'schools-causing-concern',
    caption: 'concerns: the schools causing concern, with level, since when and why, link officer, next strategy meeting and last progress',
    data: {
      rows: [
        {
          urn: '141003',
          schoolName: 'Hillside Academy',
          level: 'intensive',
          since: '2026-09-18',
          why: CRITERION_WORDING.ofstedCategory,
          linkOfficer: 'Priya Shah',
          nextMeeting: '2026-12-02 10:00',
          lastProgress: '2026-11-04 (amber): next steps governors to review the attendance plan',
        },
        { urn: oakwood.urn, schoolName: oakwood.name, level: 'high', since: '2026-11-24', why: CRITERION_WORDING.reportCardConcern, linkOfficer: 'Sam Patel', nextMeeting: 'none booked', lastProgress: 'none recorded' },
      ],
    },
  },
];
