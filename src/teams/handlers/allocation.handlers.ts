import { randomUUID } from 'node:crypto';
import { keepAllocation, viewAllocation, type AllocationContext } from '../../app/allocation/officer-time.js';
import { InvalidInputError } from '../../domain/errors.js';
import { OFFICER_ROLES } from '../../domain/person.js';
import { allocationForm, readAllocationSubmit, renderAllocationCard, ALLOCATION_VERBS } from '../cards/allocation.card.js';
import type { BotDeps } from '../deps.js';
import type { CardAction, Command } from '../handler.js';

const contextOf = (deps: BotDeps): AllocationContext => ({ at: deps.clock.now(), timeZone: deps.timeZone, builtIns: deps.builtInTemplates, defaultEntitlement: deps.config.visitEntitlementDefault });

/** `allocation [days]`: the suggested share of officer days (ALLOCATION_OFFICER_DAYS unless typed), with the last one kept beside it. */
export const allocationCommand: Command = {
  name: 'allocation',
  usage: 'allocation [officer days]',
  example: 'allocation 120',
  roles: OFFICER_ROLES,
  privacy: 'namesSchools',
  summary: 'A suggested share of officer days across schools in inverse proportion to success (risk, latest inspection, visits behind), to adjust and keep.',
  async handler({ deps, person, args, reply }) {
    const officerDays = args ? Number(args) : deps.config.allocationOfficerDays;
    if (!(officerDays > 0)) throw new InvalidInputError(`"${args}" is not a number of officer days: type e.g. allocation 120, or allocation alone for ${deps.config.allocationOfficerDays}.`, 'officerDays');
    const view = await viewAllocation(deps.store, deps.tenantId, person, officerDays, contextOf(deps));
    await reply({ text: `Officer time: ${officerDays} days across ${view.suggestion.rows.length} schools.`, card: renderAllocationCard({ form: allocationForm(view), formId: randomUUID() }) });
  },
};

export const allocationCardActions: CardAction[] = [
  {
    verb: ALLOCATION_VERBS.keep,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { form, formId, values, officerDays, days } = readAllocationSubmit(data);
      try {
        const view = await keepAllocation(deps, deps.tenantId, person, { officerDays, days }, contextOf(deps), `allocation.keep:${formId}:${person.id}`);
        return renderAllocationCard({ form: allocationForm(view), formId: randomUUID(), note: `Kept: ${view.kept!.shares.reduce((a, s) => a + s.days, 0)} of ${officerDays} days.` });
      } catch (err) {
        // Over the days available, or not a number: the card comes back as typed, the problem named.
        if (err instanceof InvalidInputError) return renderAllocationCard({ form, formId, values, error: { message: err.message, field: err.field } });
        throw err;
      }
    },
  },
  {
    verb: ALLOCATION_VERBS.suggest,
    roles: OFFICER_ROLES,
    async handler({ deps, person, data }) {
      const { officerDays } = readAllocationSubmit(data);
      if (!(officerDays > 0)) throw new InvalidInputError('Give the officer days available as a number above 0.', 'officerDays');
      const view = await viewAllocation(deps.store, deps.tenantId, person, officerDays, contextOf(deps));
      return renderAllocationCard({ form: allocationForm(view), formId: randomUUID() });
    },
  },
];
