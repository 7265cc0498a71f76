import type { TestUser } from './builders.js';
import { personalChatId } from './builders.js';
import type { TestBot } from './bot.js';
import type { SentActivity } from './connector.js';

/**
 * What the bot sent to a person's 1:1 chat: the chat they wrote to it in (its id is personalChatId) and any
 * chat the bot opened with them itself (POST /v3/conversations with them as the member).
 */
export function sentToPersonalChat(bot: TestBot, user: TestUser): SentActivity[] {
  const opened = bot.connector.conversations.filter((c) => (c.parameters.members as { id: string }[] | undefined)?.[0]?.id === user.aadObjectId).map((c) => c.id);
  return [personalChatId(user), ...opened].flatMap((id) => bot.connector.activitiesIn(id));
}
