import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Person } from '../domain/person.js';
import { jsonCopy } from '../domain/json-value.js';
import { rememberPersonalConversation } from '../app/conversations/remember-conversation.js';
import { isDemoRecord } from '../app/demo/demo-data.js';
import type { Config } from '../config.js';
import type { ConversationType } from './handler.js';
import type { BotDeps } from './deps.js';
import { loggableError } from '../app/logging.js';

/** What an unregistered person is told, whatever they asked. */
export const NOT_REGISTERED = "You're not registered with School Improvement Bot yet — ask your administrator to add you.";

/** Who is acting in this turn: a registered person, or someone the people register does not hold. */
export type Actor =
  | { kind: 'registered'; person: Person; conversationType: ConversationType }
  | { kind: 'unregistered'; aadObjectId?: string; conversationType: ConversationType };

/** The conversation's type as Teams names it; the Agents Playground and emulators may leave it out of 1:1 chats. */
export function conversationTypeOf(context: TurnContext): ConversationType {
  const t = context.activity.conversation?.conversationType;
  return t === 'channel' || t === 'groupChat' ? t : 'personal';
}

/**
 * A conversation reference to keep: without the activity id (it names one message, not the conversation),
 * and for a channel, the channel itself rather than the thread the command was typed in, so that what the
 * bot posts later starts its own thread. In local mode nothing proves who posted the activity, so its service
 * URL is not kept as the way to reach anyone: the configured one (BOT_SERVICE_URL) is, or a request from
 * anywhere could have a person's messages (a concern, a copy) sent to a server of its choosing.
 */
export function storableReference(context: TurnContext, config?: Pick<Config, 'mode' | 'bot'>): Record<string, unknown> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(context.activity);
  if (config?.mode === 'local') reference.serviceUrl = config.bot.serviceUrl;
  const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  if (conversationTypeOf(context) === 'channel' && reference.conversation) {
    reference.conversation = { ...reference.conversation, id: channelId ?? reference.conversation.id.split(';')[0]! };
  }
  return jsonCopy(reference) as Record<string, unknown>;
}

/** Whether a stored reference is the channel this turn happens in. */
export function isSameChannel(context: TurnContext): (reference: Record<string, unknown>) => boolean {
  const here = (storableReference(context).conversation as { id?: string } | undefined)?.id;
  return (reference) => !!here && (reference.conversation as { id?: string } | undefined)?.id === here;
}

/**
 * Resolves who is acting: the person whose Entra object id the activity carries. A person imported
 * without an object id is found by e-mail, asked of Teams (the activity itself carries no e-mail), and
 * their object id is then recorded, so the lookup happens once (in local mode only for demo people: see
 * linkByEmail). In a 1:1 chat the conversation reference is kept for proactive messages.
 */
export async function resolveActor(context: TurnContext, deps: BotDeps): Promise<Actor> {
  const conversationType = conversationTypeOf(context);
  const aadObjectId = context.activity.from?.aadObjectId;
  if (!aadObjectId) return { kind: 'unregistered', conversationType };
  const person = (await deps.store.find('people', deps.tenantId, { aadObjectId }))[0] ?? (await linkByEmail(context, deps, aadObjectId));
  if (!person) return { kind: 'unregistered', aadObjectId, conversationType };
  if (conversationType === 'personal') {
    const outcome = await rememberPersonalConversation(deps.store, deps.tenantId, person, storableReference(context, deps.config));
    if (outcome === 'stored') deps.logger.info({ personId: person.id }, 'personal conversation stored');
  }
  return { kind: 'registered', person, conversationType };
}

async function linkByEmail(context: TurnContext, deps: BotDeps, aadObjectId: string): Promise<Person | undefined> {
  const email = await memberEmail(context, deps);
  if (!email) return undefined;
  const candidate = (await deps.store.find('people', deps.tenantId, { email }))[0];
  // Someone else's object id on the record means this is not the same account: never take it over.
  if (!candidate || (candidate.aadObjectId && candidate.aadObjectId !== aadObjectId)) return undefined;
  // In local mode no token proves the account, and "Teams" is whatever the activity's service URL points at, so
  // it can claim any e-mail: a real (imported) person is linked only by an administrator (their aadObjectId in
  // import-people) or by a bot with credentials. The demo's people, made up, may be taken by anyone.
  if (deps.config.mode === 'local' && !isDemoRecord(candidate)) {
    deps.logger.warn({ personId: candidate.id, code: 'local-mode-link-refused' }, 'local mode: not linking a Teams account to an imported person');
    return undefined;
  }
  const { value } = await deps.store.transact(
    async (tx) => {
      const current = await tx.get('people', deps.tenantId, candidate.id);
      if (!current || current.aadObjectId) return current ?? null;
      return await tx.update('people', deps.tenantId, candidate.id, current.version, { aadObjectId }, { action: 'person.linked' });
    },
    { actor: candidate.id },
  );
  if (value?.aadObjectId !== aadObjectId) return undefined;
  deps.logger.info({ personId: candidate.id }, 'person linked to their Teams account by e-mail');
  return value as Person;
}

/** The acting member's e-mail (or UPN) as Teams knows it, or undefined when Teams cannot say. */
async function memberEmail(context: TurnContext, deps: BotDeps): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return (member.email ?? member.userPrincipalName)?.toLowerCase();
  } catch (err) {
    deps.logger.warn({ err: loggableError(err) }, 'could not look up the member in Teams');
    return undefined;
  }
}
