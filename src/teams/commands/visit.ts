import { listVisits } from '../../app/visits/list-visits.js';
import { prepareVisit } from '../../app/visits/start-visit.js';
import { schoolLookupReply } from '../cards/school-choice.card.js';
import { VISIT_VERBS } from '../cards/visit-agenda.card.js';
import { renderVisitListCard } from '../cards/visit-list.card.js';
import { renderVisitStartCard } from '../cards/visit-start.card.js';
import type { Command } from './command.js';

/** `visit` and `visits`: starting a visit at a school, and the officer's drafts and recent visits. Officers and SIT members only. */
export const visitCommands: Command[] = [
  {
    name: 'visit',
    usage: 'visit <school name or URN>',
    roles: ['officer', 'sit'],
    summary: 'Start a visit: pick the agenda and the date, then fill the agenda card (save a draft, submit, or record that the school declined).',
    async handler({ deps, person, args, reply }) {
      const result = await prepareVisit(deps.store, deps.tenantId, deps.clock, deps.config.timezone, person, args);
      if (result.kind !== 'options') return reply(schoolLookupReply(result, VISIT_VERBS.chooseSchool));
      await reply({ text: `Start a visit to ${result.school.name}.`, card: renderVisitStartCard(result) });
    },
  },
  {
    name: 'visits',
    roles: ['officer', 'sit'],
    summary: 'Your draft visits to resume, and your recent visits to open.',
    async handler({ deps, person, reply }) {
      const list = await listVisits(deps.store, deps.tenantId, person, deps.config.timezone);
      await reply({ text: `${list.open.length} draft or planned, ${list.recent.length} recent.`, card: renderVisitListCard(list) });
    },
  },
];
