import { TurnContext } from 'botbuilder';
import type { ActivityReference } from '../app/ports/messenger.port.js';

/** Where a turn keeps the outbox items its handler recorded, until the endpoint has answered. */
const OUTBOX_IDS = Symbol('outbox items to send after the answer');

/**
 * Hands the outbox items a press recorded to the endpoint, which sends them once the invoke is answered
 * (src/server.ts, `AfterAnswerDispatcher`): a press never waits on Teams or Graph.
 */
export function sendAfterAnswer(turn: TurnContext, outboxIds: readonly string[]): void {
  if (!outboxIds.length) return;
  turn.turnState.set(OUTBOX_IDS, [...outboxIdsToSend(turn), ...outboxIds]);
}

/** The items `sendAfterAnswer` was given during the turn. */
export function outboxIdsToSend(turn: TurnContext): readonly string[] {
  return (turn.turnState.get(OUTBOX_IDS) as string[] | undefined) ?? [];
}

/** The message holding the pressed card, to replace for everyone in the chat; none when the press came from no message. */
export function pressedMessage(turn: TurnContext): ActivityReference | undefined {
  const id = turn.activity.replyToId;
  if (!id) return undefined;
  const { activityId: _activityId, ...conversation } = TurnContext.getConversationReference(turn.activity);
  return { conversation: conversation as Record<string, unknown>, activityId: id };
}
