import { NotAllowedError } from '../domain/errors.js';
import type { CardAction } from './handler.js';
import { conversationTypeOf } from './turn.js';

/**
 * A card action that refuses, before anything is read, when pressed (or refreshed) anywhere but a 1:1 chat with
 * the bot. Its cards are only ever sent there, so a press from a channel or group chat is a replay, and the answer
 * (a card for everyone in the conversation) could be seen by people it is not for.
 */
export function inPersonalChatOnly(action: CardAction, refusal: string): CardAction {
  return {
    ...action,
    async handler(ctx) {
      if (conversationTypeOf(ctx.turn) !== 'personal') throw new NotAllowedError(refusal);
      return action.handler(ctx);
    },
  };
}
