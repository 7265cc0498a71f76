import type { NewRecord } from '../../src/domain/record.js';
import type { School } from '../../src/domain/school.js';
import type { Visit } from '../../src/domain/visit.js';

export type NewVisit = NewRecord<Visit>;

const TEMPLATE_TYPES: Record<string, Visit['visitType']> = {
  'sacre-re-visit': 'sacre',
  'la-annual-visit': 'annual',
  'sit-support-visit': 'support',
  'partnership-development-visit': 'partnership',
};

/**
 * A visit to a school, submitted on the given day with a built-in template (SIT support by default);
 * pass overrides for the status, dates, answers or template the test is about.
 */
export function aVisit(school: Pick<School, 'urn'>, visitedDate: string, overrides: Partial<NewVisit> = {}): NewVisit {
  const templateId = overrides.templateId ?? 'sit-support-visit';
  const status = overrides.status ?? 'submitted';
  return {
    schoolUrn: school.urn,
    templateId,
    templateVersion: 1,
    visitType: TEMPLATE_TYPES[templateId] ?? 'other',
    visitorId: 'person-officer',
    plannedDate: visitedDate,
    visitedDate: status === 'submitted' || status === 'draft' ? visitedDate : undefined,
    attendees: [],
    answers: {},
    answerTags: {},
    themes: [],
    status,
    submittedAt: status === 'submitted' ? `${visitedDate}T15:00:00.000Z` : undefined,
    declinedReason: status === 'declined' ? 'The school asked to postpone until next year.' : undefined,
    declinedAt: status === 'declined' ? `${visitedDate}T09:00:00.000Z` : undefined,
    ...overrides,
  };
}
