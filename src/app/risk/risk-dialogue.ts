import type { z } from 'zod/v4';
import { localDate } from '../../domain/academic-year.js';
import { InvalidInputError, NotFoundError, StaleWriteError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import {
  answerRiskChange,
  isOpen,
  openRiskChange,
  proposeRiskChange,
  reviseRiskChange,
  RiskAnswerInputSchema,
  RiskProposalInputSchema,
  withdrawRiskChange,
  type RiskAnswerInput,
} from '../../domain/risk-dialogue.js';
import type { RiskChange } from '../../domain/risk.js';
import { headteacherOf } from '../../domain/school-roles.js';
import { queuedStanding } from '../delivery/enqueue.js';
import { toldOf, type Told } from '../notices/told.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { riskChangeView, riskContext, type RiskChangeView } from './risk-change-view.js';
import type { RiskDeps } from './risk-deps.js';
import { queueRiskNotice, type RiskAsk } from './risk-notice.js';
import { worded } from '../../domain/issue-wording.js';

/** What an officer typed on the proposal form, as Teams sends it. */
export interface RiskProposalTyped {
  level?: string;
  criterion?: string;
  evidence?: string;
  nextMonitoringMeetingOn?: string;
}

/** The result of a step: the change as the actor now sees it, and how the other party was told. */
export interface RiskStepResult {
  view: RiskChangeView;
  told?: Told;
  /** The notices recorded with the change, for the caller to send once it has answered (a press never waits on them). */
  outboxIds: string[];
}

/** A typing problem in words, naming the box: too long, or the meeting date missing; otherwise the schema's own message. */
function typingProblem(issue: z.ZodIssue): InvalidInputError {
  const field = String(issue.path[0] ?? '');
  if (issue.code === 'too_big') return new InvalidInputError(`The ${field === 'comment' ? 'comment' : 'evidence'} is longer than the ${Number(issue.maximum).toLocaleString('en-GB')} characters it may hold.`, field);
  return new InvalidInputError(field === 'nextMonitoringMeetingOn' ? 'Give the date of the next monitoring meeting.' : issue.message, field);
}

function parseProposal(typed: RiskProposalTyped) {
  const parsed = RiskProposalInputSchema.safeParse({ ...typed, criterion: typed.criterion || undefined }, worded);
  if (parsed.success) return parsed.data;
  throw typingProblem(parsed.error.issues[0]!);
}

async function schoolByUrn(tx: StoreTransaction, tenantId: string, urn: string) {
  const school = (await tx.find('schools', tenantId, { urn }))[0];
  if (!school) throw new NotFoundError(`The school ${urn}`);
  return school;
}

/** Runs one step in a unit of work and returns the actor's view of the change with what it queued (sent after the answer). */
async function step(
  deps: RiskDeps,
  tenantId: string,
  actor: Person,
  idempotencyKey: string,
  work: (tx: StoreTransaction, now: Date) => Promise<{ changeId: string; outboxIds: string[] }>,
  nobodyToTell: string,
): Promise<RiskStepResult> {
  const now = deps.clock.now();
  const { value, replayed } = await deps.store.transact((tx) => work(tx, now), { actor: actor.id, idempotencyKey, serializable: true });
  const change = (await deps.store.get('riskChanges', tenantId, value.changeId))!;
  const context = await riskContext(deps.store, tenantId, change.schoolUrn);
  const [standing] = await queuedStanding(deps, tenantId, value.outboxIds);
  const told: Told | undefined = standing ? toldOf(standing) : replayed || !nobodyToTell ? undefined : { name: 'nobody', notice: 'none', problem: nobodyToTell };
  return { view: riskChangeView(change, context, actor, deps.scale.levels, deps.timeZone), ...(told ? { told } : {}), outboxIds: value.outboxIds };
}

/** Queues the notice to the school's headteacher, if one is registered; the proposal waits for them either way. */
async function tellHead(deps: RiskDeps, tx: StoreTransaction, tenantId: string, change: RiskChange, schoolName: string, actor: Person, now: Date): Promise<string[]> {
  const school = await schoolByUrn(tx, tenantId, change.schoolUrn);
  const head = headteacherOf(school, await tx.find('people', tenantId));
  return head ? [await queueRiskNotice(tx, tenantId, { change, schoolName, to: head, requestedBy: actor.id, ask: 'answer', scale: deps.scale }, now)] : [];
}

const NO_HEAD = 'No headteacher is registered for this school: the proposal waits until one is, or an administrator adds them.';

/**
 * An officer proposes a risk level for a school (rules in proposeRiskChange): kept as `proposed` and sent to the
 * headteacher to agree or dispute. Nothing changes on the school until they agree.
 */
export async function proposeRisk(deps: RiskDeps, tenantId: string, actor: Person, urn: string, typed: RiskProposalTyped, idempotencyKey: string): Promise<RiskStepResult> {
  const input = parseProposal(typed);
  return step(
    deps,
    tenantId,
    actor,
    idempotencyKey,
    async (tx, now) => {
      const school = await schoolByUrn(tx, tenantId, urn);
      const openChange = openRiskChange(await tx.find('riskChanges', tenantId, { schoolUrn: urn }), urn);
      const proposal = proposeRiskChange(deps.scale, school, actor, input, { ...(openChange ? { openChange } : {}), atIso: now.toISOString(), today: localDate(now, deps.timeZone) });
      const change = await tx.insert('riskChanges', tenantId, proposal, { action: 'risk.proposed' });
      return { changeId: change.id, outboxIds: await tellHead(deps, tx, tenantId, change, school.name, actor, now) };
    },
    NO_HEAD,
  );
}

async function changeAt(tx: StoreTransaction, tenantId: string, id: string, expectedVersion: number): Promise<RiskChange> {
  const change = await tx.get('riskChanges', tenantId, id);
  if (!change) throw new NotFoundError('This risk proposal');
  // A proposal since closed (agreed, withdrawn...) is refused in those words by the dialogue's rules, not as a stale card.
  if (change.version !== expectedVersion && isOpen(change)) throw new StaleWriteError('riskChanges', id, expectedVersion, change.version);
  return change;
}

/** A step on a change the actor's card showed at `expectedVersion`: the change and its school are loaded in the unit. */
function stepOnChange(
  deps: RiskDeps,
  tenantId: string,
  actor: Person,
  request: { riskChangeId: string; expectedVersion: number },
  idempotencyKey: string,
  work: (tx: StoreTransaction, now: Date, change: RiskChange, school: Awaited<ReturnType<typeof schoolByUrn>>) => Promise<{ changeId: string; outboxIds: string[] }>,
  nobodyToTell: string,
): Promise<RiskStepResult> {
  return step(
    deps,
    tenantId,
    actor,
    idempotencyKey,
    async (tx, now) => {
      const change = await changeAt(tx, tenantId, request.riskChangeId, request.expectedVersion);
      return work(tx, now, change, await schoolByUrn(tx, tenantId, change.schoolUrn));
    },
    nobodyToTell,
  );
}

/**
 * The headteacher answers. On agreement the proposed level is applied to the school (and with it whether the school
 * is causing concern); a dispute, with its comment, goes back to the officer. Anyone else is refused, nothing changed.
 */
export async function answerRisk(
  deps: RiskDeps,
  tenantId: string,
  actor: Person,
  request: { riskChangeId: string; expectedVersion: number; answer: RiskAnswerInput },
  idempotencyKey: string,
): Promise<RiskStepResult> {
  const parsed = RiskAnswerInputSchema.safeParse(request.answer, worded);
  if (!parsed.success) throw typingProblem(parsed.error.issues[0]!);
  return stepOnChange(
    deps,
    tenantId,
    actor,
    request,
    idempotencyKey,
    async (tx, now, change, school) => {
      const answered = answerRiskChange(deps.scale, change, school, actor, parsed.data, now.toISOString());
      const updated = await tx.update('riskChanges', tenantId, change.id, change.version, answered.change, { action: `risk.${answered.change.status}` });
      if (answered.school) await tx.update('schools', tenantId, school.id, school.version, answered.school, { action: 'risk.applied' });
      const proposer = (await tx.get('people', tenantId, change.proposedBy)) ?? undefined;
      const ask: RiskAsk = 'answered';
      return { changeId: change.id, outboxIds: proposer ? [await queueRiskNotice(tx, tenantId, { change: updated, schoolName: school.name, to: proposer, requestedBy: actor.id, ask, scale: deps.scale }, now)] : [] };
    },
    '',
  );
}

/** The officer withdraws a waiting or disputed proposal: kept as withdrawn, the level unchanged. */
export async function withdrawRisk(deps: RiskDeps, tenantId: string, actor: Person, request: { riskChangeId: string; expectedVersion: number }, idempotencyKey: string): Promise<RiskStepResult> {
  return stepOnChange(
    deps,
    tenantId,
    actor,
    request,
    idempotencyKey,
    async (tx, now, change, school) => {
      await tx.update('riskChanges', tenantId, change.id, change.version, withdrawRiskChange(change, school, actor, now.toISOString()), { action: 'risk.withdrawn' });
      return { changeId: change.id, outboxIds: [] };
    },
    '',
  );
}

/** The officer revises a disputed proposal: it is kept as revised, and the new proposal goes to the headteacher. */
export async function reviseRisk(
  deps: RiskDeps,
  tenantId: string,
  actor: Person,
  request: { riskChangeId: string; expectedVersion: number; typed: RiskProposalTyped },
  idempotencyKey: string,
): Promise<RiskStepResult> {
  const input = parseProposal(request.typed);
  return stepOnChange(
    deps,
    tenantId,
    actor,
    request,
    idempotencyKey,
    async (tx, now, change, school) => {
      const { closed, next } = reviseRiskChange(deps.scale, change, school, actor, input, { atIso: now.toISOString(), today: localDate(now, deps.timeZone) });
      await tx.update('riskChanges', tenantId, change.id, change.version, closed, { action: 'risk.revised' });
      const inserted = await tx.insert('riskChanges', tenantId, next, { action: 'risk.proposed' });
      return { changeId: inserted.id, outboxIds: await tellHead(deps, tx, tenantId, inserted, school.name, actor, now) };
    },
    NO_HEAD,
  );
}

/** A risk change as this person sees it (the card's refresh). */
export async function viewRiskChange(deps: RiskDeps, tenantId: string, actor: Person, riskChangeId: string): Promise<RiskChangeView> {
  const change = await deps.store.get('riskChanges', tenantId, riskChangeId);
  if (!change) throw new NotFoundError('This risk proposal');
  return riskChangeView(change, await riskContext(deps.store, tenantId, change.schoolUrn), actor, deps.scale.levels, deps.timeZone);
}
