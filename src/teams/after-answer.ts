import { ActivityTypes, TurnContext } from 'botbuilder';
import type { ActivityReference } from '../app/ports/messenger.port.js';
import type { AdaptiveCard } from './cards/template.js';
import type { Reply } from './handler.js';

/** Where a turn keeps what its handler left to do once the endpoint has answered. */
const OUTBOX_IDS = Symbol('outbox items to send after the answer');
const CARD_QUEUED = Symbol('the pressed card is replaced for everyone through the outbox');
const FOR_EVERYONE = Symbol('the card to show everyone in place of the pressed one');
const FOLLOW_UPS = Symbol('further replies to the press, sent in its chat after the answer');

/** What a turn leaves to do after its answer: outbox items to send, and the pressed card to replace for everyone. */
export interface AfterAnswerWork {
  outboxIds: readonly string[];
  /** The message that held the pressed card, and the card (with a refresh) that replaces it for everyone in the chat. */
  replaceCard?: { message: ActivityReference; card: AdaptiveCard };
  /** Further replies to the press (the answer holds one card), posted in the press's chat in order. */
  followUps?: { conversation: Record<string, unknown>; replies: readonly Reply[] };
}

/**
 * Hands the outbox items a press recorded to the endpoint, which sends them once the invoke is answered
 * (src/server.ts, `AfterAnswerDispatcher`): a press never waits on Teams or Graph. `replacesPressedCard` says
 * that one of them replaces the pressed card for everyone, so the answer's card is not sent there again.
 */
export function sendAfterAnswer(turn: TurnContext, outboxIds: readonly string[], options: { replacesPressedCard?: boolean } = {}): void {
  if (options.replacesPressedCard) turn.turnState.set(CARD_QUEUED, true);
  if (!outboxIds.length) return;
  turn.turnState.set(OUTBOX_IDS, [...((turn.turnState.get(OUTBOX_IDS) as string[] | undefined) ?? []), ...outboxIds]);
}

/**
 * Leaves further replies to a press for after its answer: an invoke is answered with one card, so a press whose answer
 * is several messages (as the command it stands for) answers with the first and posts the rest in the same chat then.
 */
export function replyAfterAnswer(turn: TurnContext, replies: readonly Reply[]): void {
  if (!replies.length) return;
  const { activityId: _activityId, ...conversation } = TurnContext.getConversationReference(turn.activity);
  const earlier = (turn.turnState.get(FOLLOW_UPS) as AfterAnswerWork['followUps'] | undefined)?.replies ?? [];
  turn.turnState.set(FOLLOW_UPS, { conversation: conversation as Record<string, unknown>, replies: [...earlier, ...replies] });
}

/** What `sendAfterAnswer`, `replyAfterAnswer` and `answerCardAction` left for after the answer. */
export function afterAnswerOf(turn: TurnContext): AfterAnswerWork {
  const outboxIds = (turn.turnState.get(OUTBOX_IDS) as string[] | undefined) ?? [];
  const replaceCard = turn.turnState.get(FOR_EVERYONE) as AfterAnswerWork['replaceCard'];
  const followUps = turn.turnState.get(FOLLOW_UPS) as AfterAnswerWork['followUps'];
  return { outboxIds, ...(replaceCard ? { replaceCard } : {}), ...(followUps ? { followUps } : {}) };
}

/** The message holding the pressed card, to replace for everyone in the chat; none when the press came from no message. */
export function pressedMessage(turn: TurnContext): ActivityReference | undefined {
  const id = turn.activity.replyToId;
  if (!id) return undefined;
  const { activityId: _activityId, ...conversation } = TurnContext.getConversationReference(turn.activity);
  return { conversation: conversation as Record<string, unknown>, activityId: id };
}

/**
 * Answers an Action.Execute with the handler's card or message, without a network call. teams-ai would answer
 * a card with a refresh by first replacing the pressed message for everyone (a Bot Connector call made before
 * the invoke response exists, so the press waits on Teams, however slow or hung): here the invoke response is
 * set at once, and a manual press's card with a refresh is left to replace the pressed message after the answer.
 * An automatic refresh is one person's own view: nothing is replaced for everyone.
 */
export async function answerCardAction(turn: TurnContext, result: AdaptiveCard | string): Promise<void> {
  const isCard = typeof result !== 'string';
  const body = isCard ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result } : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result };
  await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  const trigger = (turn.activity.value as { trigger?: string } | undefined)?.trigger;
  const message = pressedMessage(turn);
  if (isCard && result.refresh && trigger !== 'automatic' && message && !turn.turnState.get(CARD_QUEUED)) {
    turn.turnState.set(FOR_EVERYONE, { message, card: result });
  }
}
