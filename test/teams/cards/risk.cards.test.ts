import { describe, expect, it } from '@jest/globals';
import { plainText } from '../../../src/teams/cards/plain-text.js';
import { renderRiskChangeCard } from '../../../src/teams/cards/risk-change.card.js';
import { renderSchoolsCausingConcernCard } from '../../../src/teams/cards/schools-causing-concern.card.js';
import { cardText, inputs, validateCard } from '../../support/cards.js';

describe('the risk cards show what someone typed as plain text', () => {
  const typed = '[Reset your password](https://evil.example) **now**';
  const change = {
    riskChangeId: 'r1', version: 2, urn: '110001', schoolName: 'Oakwood Primary School', fromLevel: 'medium', proposedLevel: 'high', criterion: 'Facing particularly challenging circumstances',
    evidence: typed, nextMonitoringMeetingOn: '2026-12-04', proposedBy: 'Olivia Officer', proposedOn: '2026-11-23', status: 'disputed' as const, statusLine: 'Disputed.',
    answer: { by: 'Hannah Head', on: '2026-11-24', decision: 'disputed' as const, comment: typed }, viewer: 'officer' as const, actions: ['revise' as const, 'withdraw' as const],
    levels: ['low', 'medium', 'high', 'intensive'], refreshUserIds: [],
  };

  it('when the evidence and the comment hold markdown, then they are escaped where shown, and the revise box keeps the evidence as typed', () => {
    const card = validateCard(renderRiskChangeCard(change));
    const text = cardText(card);
    expect(text).toContain(plainText(typed));
    expect(text).toContain(`Hannah Head disputed on Tuesday 24 November 2026: ${plainText(typed)}`);
    expect(text).not.toContain(`: ${typed}`);
    expect(text).toContain('Friday 4 December 2026');
    expect(text).not.toContain('2026-12-04');
    expect(inputs(card).get('evidence')?.value).toBe(typed);
  });

  it('when the last progress holds markdown, then the list shows it escaped', () => {
    const row = { urn: '110001', schoolName: 'Oakwood', level: 'high', since: '2026-11-23', why: 'x', linkOfficer: 'Olivia', nextMeeting: 'none booked', lastProgress: typed };
    expect(cardText(validateCard(renderSchoolsCausingConcernCard({ rows: [row] })))).toContain(plainText(typed));
  });
});
