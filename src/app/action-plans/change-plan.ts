import { localDate, type IsoDate } from '../../domain/academic-year.js';
import type { ActionPlan } from '../../domain/action-plan.js';
import { agreementAfterDraftEdit } from '../../domain/action-plan-agreement.js';
import { NotFoundError, StaleWriteError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { queuedStanding } from '../delivery/enqueue.js';
import { toldOf, type Told } from '../notices/told.js';
import { schoolOf, viewPlanFor, type PlanDeps } from './plan-records.js';
import type { PlanView } from './plan-view.js';

/** Which plan, at the version the person's card showed. */
export interface PlanRef {
  planId: string;
  expectedVersion: number;
}

/** What a step decides: the fields to change, what changed in people's words, and notices it recorded. */
export interface PlanStep {
  patch: Partial<Omit<ActionPlan, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>>;
  what: string[];
  outboxIds?: string[];
  /** The audit action, e.g. `actionPlan.agreed`. */
  action?: string;
  /** Whether the change belongs in a live plan's history (content changes do; agreement is the history's start). */
  versioned?: boolean;
}

export interface PlanStepContext {
  tx: StoreTransaction;
  plan: ActionPlan;
  school: School;
  now: Date;
  today: IsoDate;
}

/** The plan as the person now sees it, a line on what happened, and notices to send once the press is answered. */
export interface PlanStepResult {
  view: PlanView;
  note: string;
  told?: Told;
  outboxIds: string[];
}

/**
 * Runs one change to a plan in a unit of work: loads the plan at the version the card showed (a card older than
 * the plan is refused with StaleWriteError, nothing changed), lets `decide` check the person and work out the change,
 * then stores it. A live plan's content change is appended to its history (version, who, when, what); a draft
 * changed after one side agreed sets that agreement aside, since they agreed something else.
 */
export async function changePlan(
  deps: PlanDeps,
  tenantId: string,
  actor: Person,
  ref: PlanRef,
  idempotencyKey: string,
  decide: (ctx: PlanStepContext) => Promise<PlanStep> | PlanStep,
): Promise<PlanStepResult> {
  const now = deps.clock.now();
  const { value } = await deps.store.transact(
    async (tx) => {
      const plan = await tx.get('actionPlans', tenantId, ref.planId);
      if (!plan) throw new NotFoundError('This action plan');
      const school = await schoolOf(tx, tenantId, plan.urn);
      if (plan.version !== ref.expectedVersion) throw new StaleWriteError('actionPlans', plan.id, ref.expectedVersion, plan.version);
      const step = await decide({ tx, plan, school, now, today: localDate(now, deps.timeZone) });
      if (step.what.length === 0) return { note: 'Nothing changed.', outboxIds: step.outboxIds ?? [] };
      const versioned = step.versioned !== false;
      const patch = { ...step.patch };
      let note = '';
      if (versioned && plan.status === 'live') {
        patch.changes = [...plan.changes, { version: plan.version + 1, by: actor.id, at: now.toISOString(), what: step.what }];
      } else if (versioned) {
        const kept = agreementAfterDraftEdit(plan);
        if (kept.setAside) {
          patch.agreement = kept.agreement;
          note = ' The agreement given so far was set aside: both sides agree the plan as it now stands.';
        }
      }
      await tx.update('actionPlans', tenantId, plan.id, plan.version, patch, { action: step.action ?? 'actionPlan.changed' });
      return { note: `${step.what.join('. ')}.${note}`, outboxIds: step.outboxIds ?? [] };
    },
    { actor: actor.id, idempotencyKey },
  );
  const [standing] = await queuedStanding(deps, tenantId, value.outboxIds);
  return { view: await viewPlanFor(deps, tenantId, actor, ref.planId), note: value.note, ...(standing ? { told: toldOf(standing) } : {}), outboxIds: value.outboxIds };
}
