import type { TurnContext } from 'botbuilder';
import type { BotDeps } from './deps.js';
import { withRequestLogger } from './request-log.js';
import { sendReply } from './dispatch.js';
import { NOT_REGISTERED, resolveActor } from './turn.js';

/**
 * The greeting when the bot is added: in a team, how an administrator registers the channel; in a 1:1 chat,
 * hello by name (and the chat is kept, so the bot can write before the person ever has), or, for someone
 * the people register does not hold, the same "not registered" answer every command gets.
 */
export function welcomeHandler(botDeps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const deps = withRequestLogger(botDeps, context);
    const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    if (!botAdded) return;
    if (context.activity.conversation.conversationType === 'channel') {
      await sendReply(
        context,
        'Hello! I post the school-improvement digests. An administrator can type "@School Improvement Bot register sit" (or register partnership ‹name›, register concerns) in the channel it is for.',
      );
      return;
    }
    const actor = await resolveActor(context, deps);
    if (actor.kind === 'unregistered') {
      await sendReply(context, `Hello! I'm School Improvement Bot. ${NOT_REGISTERED}`);
      return;
    }
    await sendReply(context, `Hello ${actor.person.name}! I'm School Improvement Bot. Type help to see what you can do.`);
  };
}
