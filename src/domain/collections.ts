import type { z } from 'zod/v4';
import { SchoolSchema } from './school.js';
import { PersonSchema } from './person.js';
import { AuditEventSchema } from './audit.js';
import { ConversationSchema, JobRunSchema, OutboxItemSchema } from './delivery.js';
import { VisitSchema } from './visit.js';
import { ConfidentialConcernSchema } from './concern.js';
import { IntelligenceNoteSchema } from './intelligence-note.js';
import { StoredAgendaTemplateSchema } from './agenda-template.js';
import { HealthCheckSchema } from './health-check.js';
import { SelfEvaluationSchema } from './self-evaluation.js';
import { RiskChangeSchema } from './risk.js';
import { StrategyMeetingSchema } from './strategy-meeting.js';
import { KeptAllocationSchema } from './allocation.js';
import { RaisingAchievementBoardSchema } from './raising-achievement-board.js';
import { ActionPlanSchema } from './action-plan.js';
import { AnnualFeedbackSchema } from './annual-feedback.js';
import { DigestSchema } from './digest.js';
import { FormDraftSchema } from './form-draft.js';

/**
 * Every collection the store holds, with the schema each stored record must satisfy.
 * The store validates on every write and every load, so a hand-edited or corrupt file is caught at once.
 * Add a collection here when its entity exists; export and backup pick it up by themselves.
 */
export const collectionSchemas = {
  schools: SchoolSchema,
  people: PersonSchema,
  audit: AuditEventSchema,
  conversations: ConversationSchema,
  outbox: OutboxItemSchema,
  jobRuns: JobRunSchema,
  visits: VisitSchema,
  concerns: ConfidentialConcernSchema,
  notes: IntelligenceNoteSchema,
  templates: StoredAgendaTemplateSchema,
  healthChecks: HealthCheckSchema,
  selfEvaluations: SelfEvaluationSchema,
  riskChanges: RiskChangeSchema,
  strategyMeetings: StrategyMeetingSchema,
  allocations: KeptAllocationSchema,
  raisingAchievementBoards: RaisingAchievementBoardSchema,
  actionPlans: ActionPlanSchema,
  annualFeedback: AnnualFeedbackSchema,
  digests: DigestSchema,
  formDrafts: FormDraftSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export type RecordOf<C extends CollectionName> = z.infer<(typeof collectionSchemas)[C]>;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

/** Collections that only their owner may read: left out of `export` (see docs/privacy.md). */
export const confidentialCollections: readonly string[] = ['concerns'];

/** Collections of unfinished work, each record its author's alone until it is submitted: left out of `export`. */
export const unfinishedCollections: readonly CollectionName[] = ['formDrafts'];

/** Collections for the bot's own plumbing rather than the school-improvement record: left out of `export`. */
export const internalCollections: readonly CollectionName[] = ['conversations', 'outbox', 'jobRuns'];
