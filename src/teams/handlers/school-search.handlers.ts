import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardSearchResult, AdaptiveCardsSearchParams, Query } from '@microsoft/teams-ai';
import type { BotDeps } from '../deps.js';
import { withRequestLogger } from '../request-log.js';
import { searchSchools } from '../../app/schools/search-schools.js';
import { resolveActor } from '../turn.js';
import { schoolTitle } from '../cards/school-choice.card.js';

/**
 * Answers the school-choice card's type-ahead (Teams' `application/search` invoke for the `schools` dataset):
 * the open schools matching what was typed, from the start of a word. Only registered people are answered;
 * anyone else gets no results, and the register is not read for them.
 */
export function schoolSearchHandler(botDeps: BotDeps) {
  return async (context: TurnContext, _state: unknown, query: Query<AdaptiveCardsSearchParams>): Promise<AdaptiveCardSearchResult[]> => {
    const deps = withRequestLogger(botDeps, context);
    const actor = await resolveActor(context, deps);
    if (actor.kind === 'unregistered') {
      deps.logger.info({ aadObjectId: actor.aadObjectId, code: 'not-registered' }, 'school search refused');
      return [];
    }
    const schools = await searchSchools(deps.store, deps.tenantId, query.parameters.queryText, { skip: query.skip, top: query.count });
    return schools.map((s) => ({ title: schoolTitle(s), value: s.urn }));
  };
}
