import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { CardAction, Command } from './handler.js';
import { channelCommands } from './handlers/channels.handlers.js';
import { helpCommand } from './handlers/help.handlers.js';
import { whoamiCommand } from './handlers/whoami.handlers.js';
import { visitCommands } from './handlers/visit.handlers.js';
import { noteCardActions, noteCommand } from './handlers/note.handlers.js';
import { coverageCommand } from './handlers/coverage.handlers.js';
import { visitCardActions } from './handlers/visit.handlers.js';
import { healthCheckCardActions, healthCheckCommands } from './handlers/health-check.handlers.js';
import { selfEvaluationCardActions, selfEvaluationCommand } from './handlers/self-evaluation.handlers.js';
import { annualFeedbackCardActions } from './handlers/annual-feedback.handlers.js';
import { concernCardActions, confidentialCommand } from './handlers/concerns.handlers.js';
import { concernCommand, raiseConcernCardActions } from './handlers/raise-concern.handlers.js';
import { inspectionCardActions, inspectionCommand } from './handlers/inspection.handlers.js';
import { concernsListCommand, riskCardActions, riskCommand } from './handlers/risk.handlers.js';
import { strategyCardActions, strategyCommand } from './handlers/strategy.handlers.js';
import { allocationCardActions, allocationCommand } from './handlers/allocation.handlers.js';
import { rabCardActions, rabCommand } from './handlers/rab.handlers.js';
import { milestoneCardActions, milestonesCommand } from './handlers/milestones.handlers.js';
import { planCardActions, planCommand } from './handlers/plan.handlers.js';
import { digestCardActions, digestCommand } from './handlers/digest.handlers.js';
import { partnershipDigestCommand, sacreDigestCommand } from './handlers/collation-digest.handlers.js';
import { schoolSearchHandler } from './handlers/school-search.handlers.js';
import { SCHOOLS_DATASET } from './cards/school-choice.card.js';
import type { BotDeps } from './deps.js';
import { withRequestLogger } from './request-log.js';
import { cardActionHandler, commandDispatcher } from './dispatch.js';
import { answerCardAction } from './after-answer.js';
import { welcomeHandler } from './welcome.js';
import { secondsSince } from '../app/ports/metrics.port.js';

/** The verb counted for a press no route knows. */
export const UNKNOWN_VERB = 'unknown';

/**
 * Chat commands, in the order `help` lists them. Each feature adds its entries here; `help` and the
 * role check read them, so a command is listed to exactly the people who may use it.
 */
export const commands: readonly Command[] = [
  helpCommand,
  whoamiCommand,
  ...visitCommands,
  noteCommand,
  coverageCommand,
  ...healthCheckCommands,
  selfEvaluationCommand,
  concernCommand,
  confidentialCommand,
  inspectionCommand,
  riskCommand,
  concernsListCommand,
  strategyCommand,
  allocationCommand,
  rabCommand,
  milestonesCommand,
  planCommand,
  digestCommand,
  partnershipDigestCommand,
  sacreDigestCommand,
  ...channelCommands,
];

/** Action.Execute verbs (button presses and refreshes) of every card. Each feature adds its entries here. */
export const cardActions: readonly CardAction[] = [...visitCardActions, ...noteCardActions, ...healthCheckCardActions, ...selfEvaluationCardActions, ...annualFeedbackCardActions, ...concernCardActions, ...raiseConcernCardActions, ...inspectionCardActions, ...riskCardActions, ...strategyCardActions, ...allocationCardActions, ...rabCardActions, ...milestoneCardActions, ...planCardActions, ...digestCardActions];

const isCardAction = async (context: TurnContext) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action';
const isMessage = async (context: TurnContext) => context.activity.type === ActivityTypes.Message;

/**
 * Registers every route. Order matters: teams-ai runs the first route whose selector matches, trying
 * invoke routes before the others, so each verb is registered before the card-action catch-all, and the
 * message catch-all (which finds the command or answers "I didn't recognise …") comes last.
 */
export function registerRoutes(app: Application, deps: BotDeps): void {
  const seen = new Set<string>();
  for (const action of cardActions) {
    if (seen.has(action.verb)) throw new Error(`Card action verb ${action.verb} is registered twice.`);
    seen.add(action.verb);
    const handle = cardActionHandler(action, deps);
    app.adaptiveCards.actionExecute(action.verb, async (context, _state, data) => {
      // Answered here, so teams-ai never makes a Bot Connector call before the answer (see `answerCardAction`).
      const result = await handle(context, data);
      await answerCardAction(context, result);
      return result;
    });
  }

  // The school-choice card's type-ahead: Teams' `application/search` invoke, answered with the matching schools.
  app.adaptiveCards.search(SCHOOLS_DATASET, schoolSearchHandler(deps));

  // A card from an older version of the bot may carry a verb no route knows: say so in place of the card.
  app.addRoute(
    isCardAction,
    async (context) => {
      const startedAt = performance.now();
      withRequestLogger(deps, context).logger.info({ verb: (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb }, 'unknown card action');
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This card is out of date. Type help to start again.' } },
      });
      // Counted under one name: the verb came from outside and could be anything.
      deps.metrics.cardAction(UNKNOWN_VERB, 'refused', secondsSince(startedAt));
    },
    true,
  );

  app.conversationUpdate('membersAdded', welcomeHandler(deps));

  app.message(isMessage, commandDispatcher(commands, deps));
}
