import { composeCoverageReport } from '../../app/visits/coverage-report.js';
import { VisitTypeSchema } from '../../domain/agenda-template.js';
import { InvalidInputError } from '../../domain/errors.js';
import { renderVisitCoverageCard } from '../cards/visit-coverage.card.js';
import type { Command } from '../handler.js';

const TYPES = VisitTypeSchema.options.filter((t) => t !== 'other');

/** `coverage [sacre|annual|support|partnership]`: visit coverage against the target and entitlement, as a card. */
export const coverageCommand: Command = {
  name: 'coverage',
  usage: `coverage [${TYPES.join('|')}]`,
  roles: ['officer', 'sit', 'admin'],
  privacy: 'namesSchools',
  summary: 'Schools visited this year against the coverage target, by cluster, declined visits apart, who to visit next, and schools behind their visit entitlement.',
  async handler({ deps, person, args, reply }) {
    const typed = args.trim().toLowerCase();
    const visitType = typed ? VisitTypeSchema.safeParse(typed) : undefined;
    if (visitType && !visitType.success) throw new InvalidInputError(`"${args}" is not a kind of visit: use one of ${TYPES.join(', ')}, or nothing for every visit.`, 'visitType');
    const report = await composeCoverageReport(deps.store, deps.tenantId, {
      viewer: person,
      at: deps.clock.now(),
      timeZone: deps.config.timezone,
      target: deps.config.coverage,
      visitType: visitType?.data,
      builtIns: deps.builtInTemplates,
    });
    const c = report.coverage;
    await reply({ text: `${c.visited} of ${c.totalSchools} schools visited this year; ${c.declined} declined; ${report.entitlement.behind.length} behind their entitlement.`, card: renderVisitCoverageCard(report) });
  },
};
