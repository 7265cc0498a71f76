import { InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import { changePlan, type PlanRef, type PlanStepResult } from './change-plan.js';
import { mustEdit, type PlanDeps } from './plan-records.js';

/**
 * The headteacher names the people who may confirm milestones for them, by e-mail (`;`, `,` or spaces between);
 * each must be someone the bot knows. An empty list removes every delegate. An individual staff support plan has none:
 * only the headteacher and its officer read it.
 */
export function nameDelegates(deps: PlanDeps, tenantId: string, actor: Person, request: PlanRef & { emails: string }, idempotencyKey: string): Promise<PlanStepResult> {
  const emails = [...new Set(request.emails.split(/[\s;,]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];
  return changePlan(deps, tenantId, actor, request, idempotencyKey, async ({ tx, plan, school }) => {
    mustEdit(actor, plan, school);
    if (!isSchoolHeadteacher(actor, school)) throw new NotAllowedError(`Only the headteacher of ${school.name} names delegates.`);
    if (plan.kind === 'individual') throw new NotAllowedError('An individual staff support plan has no delegates: only you and its officer read it.');
    const people = await tx.find('people', tenantId);
    const chosen = emails.map((email) => {
      const person = people.find((p) => p.email.toLowerCase() === email);
      if (!person) throw new InvalidInputError(`Delegates: nobody with the e-mail ${email} is registered with the bot.`, 'delegates');
      return person;
    });
    const ids = chosen.map((p) => p.id);
    if (ids.join() === plan.delegateIds.join()) return { patch: {}, what: [] };
    const what = [`Delegates: ${chosen.length ? chosen.map((p) => p.name).join(', ') : 'none'}`];
    // Who confirms for the headteacher is not part of what the two sides agreed: a draft's agreement stands.
    return { patch: { delegateIds: ids }, what, versioned: plan.status === 'live' };
  });
}
