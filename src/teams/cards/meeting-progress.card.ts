import { z } from 'zod/v4';
import { PROGRESS_TEXT_MAX } from '../../domain/strategy-meeting.js';
import { UrnSchema } from '../../domain/school.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownText } from './plain-text.js';

/** Record progress: one verb for every kind of meeting that records progress (`meetingKind` says which). */
export const MEETING_PROGRESS_VERBS = { record: 'meeting.progress' } as const;

/** What Record progress sends: the meeting (kind and id), the day, and what was typed. */
export const MeetingProgressDataSchema = z.object({
  meetingKind: z.string().min(1),
  meetingId: z.string().min(1),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  successes: z.string().optional(),
  barriers: z.string().optional(),
  nextSteps: z.string().optional(),
  rag: z.string().optional(),
});

/**
 * Progress at a meeting (`ProgressCardData` from src/app/strategy): successes, barriers, next steps and a RAG, sent
 * to the organiser after the meeting. Recorded, it says so (`note`) and has nothing left to press; sent back with a
 * problem (`error`), it keeps what was typed.
 */
export const MeetingProgressCardSchema = z
  .object({
    meetingKind: z.string().min(1),
    meetingId: z.string().min(1),
    urn: UrnSchema,
    schoolName: z.string().min(1),
    on: z.string().min(1),
    meetingLabel: z.string().min(1),
    note: z.string().optional(),
    error: z.string().optional(),
    typed: z.object({ successes: z.string().optional(), barriers: z.string().optional(), nextSteps: z.string().optional(), rag: z.string().optional() }).optional(),
    /** The milestones of the school's live action plan with their status (targets as typed: shown as plain text). */
    milestones: z.array(z.object({ title: z.string(), value: shownText })).default(() => []),
  })
  .transform((d) => ({
    title: `Progress: ${d.schoolName} (${d.urn})`,
    meetingLabel: d.meetingLabel,
    milestones: d.milestones,
    hasMilestones: d.milestones.length > 0,
    note: d.note ?? '',
    error: d.error ?? '',
    recorded: d.note !== undefined,
    successes: d.typed?.successes ?? '',
    barriers: d.typed?.barriers ?? '',
    nextSteps: d.typed?.nextSteps ?? '',
    rag: d.typed?.rag ?? '',
    maxLength: PROGRESS_TEXT_MAX,
    meetingKind: d.meetingKind,
    meetingId: d.meetingId,
    on: d.on,
    recordVerb: MEETING_PROGRESS_VERBS.record,
  }));
export type MeetingProgressCard = z.input<typeof MeetingProgressCardSchema>;

export function renderMeetingProgressCard(data: MeetingProgressCard): AdaptiveCard {
  return expandCard('meeting-progress', MeetingProgressCardSchema, data);
}
