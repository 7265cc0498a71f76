import { composeCoverageReport } from '../../app/visits/coverage-report.js';
import { ProgrammeIdSchema } from '../../domain/coverage-programme.js';
import { InvalidInputError } from '../../domain/errors.js';
import { renderVisitCoverageCard } from '../cards/visit-coverage.card.js';
import type { Command } from '../handler.js';

const PROGRAMMES = ProgrammeIdSchema.options;

/** `coverage [sacre|annual|support|partnership]`: one programme's coverage against its own target (SACRE by default), and entitlement, as a card. */
export const coverageCommand: Command = {
  name: 'coverage',
  usage: `coverage [${PROGRAMMES.join('|')}]`,
  roles: ['officer', 'sit', 'admin'],
  example: 'coverage annual',
  privacy: 'namesSchools',
  summary: 'Schools visited this year by one programme (SACRE unless you name another) against its target, every cluster an equal share, declined visits apart, who to visit next, and schools behind their visit entitlement.',
  async handler({ deps, person, args, reply }) {
    const typed = args.trim().toLowerCase();
    const programme = typed ? ProgrammeIdSchema.safeParse(typed) : undefined;
    if (programme && !programme.success) throw new InvalidInputError(`"${args}" is not a visit programme: use one of ${PROGRAMMES.join(', ')}, or nothing for SACRE visits.`, 'programme');
    const report = await composeCoverageReport(deps.store, deps.tenantId, {
      viewer: person,
      at: deps.clock.now(),
      timeZone: deps.timeZone,
      programme: programme?.data,
      programmes: deps.config.coverage,
      defaultEntitlement: deps.config.visitEntitlementDefault,
      builtIns: deps.builtInTemplates,
    });
    const c = report.coverage;
    await reply({ text: `${c.visited} of ${c.totalSchools} schools visited this year; ${c.declined} declined; ${report.entitlement.behind.length} behind their entitlement.`, card: renderVisitCoverageCard(report) });
  },
};
