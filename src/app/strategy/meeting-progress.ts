import { addDays, localDate } from '../../domain/academic-year.js';
import { NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { mayManageMeeting, occurrencesBetween, progressRecord, PROGRESS_TEXT_MAX, ProgressInputSchema, type StrategyMeeting } from '../../domain/strategy-meeting.js';
import { instantOf } from '../../domain/zoned-time.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import { humanDateTime, meetingById, meetingZone, schoolByUrn } from './strategy-deps.js';
import { planMilestoneLines } from '../milestones/milestone-view.js';
import { worded } from '../../domain/issue-wording.js';

/**
 * Progress recorded at a meeting (successes, barriers, next steps, RAG), by meeting kind: strategy meetings here;
 * another kind of meeting that records progress the same way (e.g. a Raising Achievement Board) adds its recorder
 * to `progressRecorders` and reuses the card (`meetingKind` in its data).
 */
export interface ProgressCardData {
  meetingKind: string;
  meetingId: string;
  urn: string;
  schoolName: string;
  /** The day of the meeting the progress is for. */
  on: string;
  meetingLabel: string;
  /** Set once recorded: the card then has nothing left to press. */
  note?: string;
  /** Why it was not recorded, with what was typed kept. */
  error?: string;
  typed?: TypedProgress;
  /** The milestones of the school's live action plan, each with its status, to review at the meeting. */
  milestones?: Array<{ title: string; value: string }>;
}

/** What was typed on the card, unchecked. */
export interface TypedProgress {
  successes?: string;
  barriers?: string;
  nextSteps?: string;
  rag?: string;
}

export type ProgressRecorder = (deps: DeliveryDeps, tenantId: string, actor: Person, meetingId: string, on: string, typed: TypedProgress) => Promise<ProgressCardData>;

/** How long after a meeting its card is still sent (a job that was down catches up within this). */
const CATCH_UP_DAYS = 3;

const cardOf = (meeting: StrategyMeeting, schoolName: string, on: string, time: string, milestones: ProgressCardData['milestones']): ProgressCardData => ({
  milestones,
  meetingKind: 'strategy',
  meetingId: meeting.id,
  urn: meeting.schoolUrn,
  schoolName,
  on,
  meetingLabel: `Strategy meeting of ${humanDateTime(on, time)}`,
});

/** Records (or corrects) the progress of one strategy meeting; only its organiser or the school's link officer may. */
export const recordStrategyProgress: ProgressRecorder = async (deps, tenantId, actor, meetingId, on, typed) => {
  const meeting = await meetingById(deps.store, tenantId, meetingId);
  const school = await schoolByUrn(deps.store, tenantId, meeting.schoolUrn);
  if (!mayManageMeeting(actor, meeting, school)) throw new NotAllowedError(`Only the officer who booked the strategy meetings for ${school.name}, or its link officer, records their progress.`);
  const time = occurrencesBetween(meeting, on, on)[0]?.time ?? meeting.seriesStart.time;
  const card = cardOf(meeting, school.name, on, time, await planMilestoneLines(deps.store, tenantId, school.urn, deps.clock.now(), deps.timeZone));
  const input = ProgressInputSchema.safeParse({ on, ...typed }, worded);
  if (!input.success) return { ...card, typed, error: progressProblem(input.error.issues[0]) };
  const record = progressRecord(input.data, actor.id, deps.clock.now().toISOString());
  const progress = [...meeting.progress.filter((p) => p.on !== record.on), record].sort((a, b) => a.on.localeCompare(b.on));
  await deps.store.transact((tx) => tx.update('strategyMeetings', tenantId, meeting.id, 'any', { progress }, { action: 'strategyMeeting.progress' }), { actor: actor.id });
  return { ...card, note: `Progress recorded (${record.rag.toUpperCase()}). It is kept with the school's strategy meetings for the concern review.` };
};

/** What was wrong with what was typed, in the officer's words. */
function progressProblem(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (issue?.path[0] === 'rag') return 'Rate the progress: green, amber or red.';
  if (issue?.message.startsWith('Record at least one')) return `${issue.message}.`;
  return `Keep each box under ${PROGRESS_TEXT_MAX.toLocaleString('en-GB')} characters.`;
}

export const progressRecorders: Readonly<Record<string, ProgressRecorder>> = { strategy: recordStrategyProgress };

/**
 * After each occurrence has ended, its organiser gets the progress card, once per occurrence (keyed on it), unless
 * progress for that day is already recorded.
 */
export async function sendProgressCards(deps: DeliveryDeps, tenantId: string): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const meetings = (await deps.store.find('strategyMeetings', tenantId)).filter((m) => m.status !== 'pending');
  let sent = 0;
  for (const meeting of meetings) {
    const zone = meetingZone(meeting, deps.timeZone);
    const today = localDate(now, zone);
    const held = occurrencesBetween(meeting, addDays(today, -CATCH_UP_DAYS), today).filter(
      (o) => instantOf(o.date, o.time, zone).getTime() + meeting.durationMinutes * 60_000 <= now.getTime() && !meeting.progress.some((p) => p.on === o.date),
    );
    if (!held.length) continue;
    const school = await schoolByUrn(deps.store, tenantId, meeting.schoolUrn);
    const milestones = await planMilestoneLines(deps.store, tenantId, school.urn, now, deps.timeZone);
    for (const o of held) {
      const data = cardOf(meeting, school.name, o.date, o.time, milestones);
      const outcome = await deliver(deps, {
        tenantId,
        to: { person: meeting.organiserId },
        content: { kind: 'message', message: { text: `Record the progress of the strategy meeting for ${school.name}.`, card: { name: 'meeting-progress', data } } },
        about: `the progress of the strategy meeting for ${school.name}`,
        idempotencyKey: `strategy.progress:${meeting.id}:${o.date}`,
      });
      if (outcome.status !== 'sent' || !outcome.replayed) sent += 1;
    }
  }
  return { sent };
}
