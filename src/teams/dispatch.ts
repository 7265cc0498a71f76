import { MessageFactory, type TurnContext } from 'botbuilder';
import { DomainError, StoreUnreachableError, UnreadableStoreError } from '../domain/errors.js';
import { cardAttachment, type AdaptiveCard } from './cards/template.js';
import { describeAudience, isFor, matchCommand, type CardAction, type Command, type ConversationType, type Reply } from './handler.js';
import type { BotDeps } from './deps.js';
import { withRequestLogger } from './request-log.js';
import { loggableError } from '../app/logging.js';
import { channelPurposes } from '../app/conversations/channel-purposes.js';
import { mayAnswerIn, type Room } from '../domain/answer-privacy.js';
import type { Person } from '../domain/person.js';
import { isSameChannel, NOT_REGISTERED, resolveActor } from './turn.js';
import { secondsSince, type HandlerOutcome } from '../app/ports/metrics.port.js';

/** Shown when something unexpected failed; the log holds the details (ids and codes, never content). */
export const SOMETHING_WENT_WRONG = 'Sorry, something went wrong on my side. Please try again in a moment.';

/**
 * Shown when stored records could not be read (a damaged store file). The administrators are told in their 1:1
 * chats (once per damaged collection), and learn the rest from the error in the server's log (which names the file)
 * and from /healthz (which names the collection); the person never sees a file name.
 */
export const RECORDS_UNREADABLE = 'Sorry, some of the records this needs could not be read, so I could not do it. Your administrator has been told; please try again later.';

/** Logs a damaged store loudly (error level, naming the collection) and says what the person is told. */
export function unreadableRecords(err: UnreadableStoreError, deps: Pick<BotDeps, 'logger' | 'storeAlarm'>, where: Record<string, unknown>): string {
  deps.logger.error({ ...where, code: err.code, part: err.part, err: loggableError(err) }, `stored records could not be read: ${err.part}`);
  // Not awaited: the person's answer must not wait on Teams; the alarm never throws.
  void deps.storeAlarm.raise(err.part);
  return RECORDS_UNREADABLE;
}

/**
 * Sends a reply: plain text, or a card alone, its text only the notification preview (`summary`), so a command
 * answers once rather than with a line and then a card saying the same.
 */
export async function sendReply(context: TurnContext, message: Reply): Promise<void> {
  // Plain text: a reply may quote what someone typed (in a channel, to others), which Teams must not read as markdown.
  const activity = typeof message === 'string' ? MessageFactory.text(message) : { ...MessageFactory.attachment(cardAttachment(message.card)), summary: message.text };
  await context.sendActivity({ ...activity, textFormat: 'plain' });
}

/**
 * What a failed handler tells the person: a domain error's own message (written for them, counted as a refusal),
 * otherwise a generic apology (counted as an error).
 */
function failureOf(err: unknown, deps: BotDeps, where: Record<string, unknown>): { message: string; outcome: HandlerOutcome } {
  // A domain error's message is for the person, except this one's: it names a server file.
  if (err instanceof UnreadableStoreError) return { message: unreadableRecords(err, deps, where), outcome: 'error' };
  if (err instanceof StoreUnreachableError) {
    deps.logger.warn({ ...where, code: err.code, maybeSaved: err.maybeSaved }, 'the store could not be reached');
    return { message: err.message, outcome: 'error' };
  }
  if (err instanceof DomainError) {
    deps.logger.info({ ...where, code: err.code }, 'refused');
    return { message: err.message, outcome: 'refused' };
  }
  deps.logger.error({ ...where, err: loggableError(err) }, 'handler failed');
  return { message: SOMETHING_WENT_WRONG, outcome: 'error' };
}

/** How a command's answers are given: where it was asked, or in the asker's 1:1 chat. */
interface AnswerRoute {
  reply(message: Reply): Promise<void>;
  /** Once the command is done: the one line in the conversation when its answers went to the 1:1 chat. */
  finish(): Promise<void>;
  privately: boolean;
}

/** The command name counted for text that names no command: never the text itself, which may name anyone. */
export const UNRECOGNISED = 'unrecognised';

/** The one line a conversation gets when the answer went to the asker's 1:1 chat, or could not. */
export const answeredPrivately = (command: string) => `I've answered "${command}" in our 1:1 chat: what it shows is not for this conversation.`;
export const couldNotAnswerPrivately = (command: string) =>
  `What "${command}" shows is not for this conversation, and I couldn't reach you in a 1:1 chat: open a chat with me and ask there.`;

/**
 * Where a command's answers go, from its `privacy` and the room it was asked in (`mayAnswerIn`): a channel is
 * read against what it is registered for in the conversations collection. Answers that may not be given here go
 * to the asker's 1:1 chat through the messenger, nothing of them here; if the 1:1 chat cannot be reached, the
 * conversation is told that instead, and the answer is never given here.
 */
async function answerRoute(context: TurnContext, deps: BotDeps, person: Person, command: Command, conversationType: ConversationType): Promise<AnswerRoute> {
  const here: AnswerRoute = { reply: (m) => sendReply(context, m), finish: async () => undefined, privately: false };
  if (!command.privacy || conversationType === 'personal') return here;
  const room: Room = conversationType === 'channel' ? { kind: 'channel', registeredFor: await channelPurposes(deps.store, deps.tenantId, isSameChannel(context)) } : { kind: 'groupChat' };
  if (mayAnswerIn(command.privacy, room)) return here;
  let reached = true;
  return {
    privately: true,
    async reply(message) {
      if (!reached) return;
      const outgoing = typeof message === 'string' ? { text: message } : { text: message.text, renderedCard: message.card };
      try {
        reached = (await deps.messenger.sendToPerson(deps.tenantId, person, outgoing)).status === 'sent';
      } catch (err) {
        deps.logger.warn({ personId: person.id, command: command.name, err: loggableError(err) }, 'could not answer in the 1:1 chat');
        reached = false;
      }
    },
    finish: () => sendReply(context, reached ? answeredPrivately(command.name) : couldNotAnswerPrivately(command.name)),
  };
}

/**
 * The message route: resolves the person, finds the command, checks the person's role for it, and runs it, its
 * answers given where its `privacy` allows (`answerRoute`).
 * Text that matches no command gets a pointer to `help` — this is the catch-all, so it is registered last.
 */
export function commandDispatcher(commands: readonly Command[], botDeps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const deps = withRequestLogger(botDeps, context);
    // teams-ai has already removed the @mention of the bot from the text.
    const text = (context.activity.text ?? '').trim();
    const actor = await resolveActor(context, deps);
    if (actor.kind === 'unregistered') {
      deps.logger.info({ aadObjectId: actor.aadObjectId }, 'message from an unregistered person');
      deps.metrics.command(matchCommand(commands, text)?.command.name ?? UNRECOGNISED, 'refused');
      await sendReply(context, NOT_REGISTERED);
      return;
    }
    const { person, conversationType } = actor;
    const match = matchCommand(commands, text);
    if (!match) {
      deps.logger.info({ personId: person.id }, 'unrecognised command');
      deps.metrics.command(UNRECOGNISED, 'refused');
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      await sendReply(context, shown ? `I didn't recognise "${shown}". Type help to see what you can do.` : 'Type help to see what you can do.');
      return;
    }
    const { command, args } = match;
    if (!isFor(person, command.roles)) {
      deps.logger.info({ personId: person.id, command: command.name, code: 'not-allowed' }, 'refused');
      deps.metrics.command(command.name, 'refused');
      await sendReply(context, `Only ${describeAudience(command.roles)} can use "${command.name}". Type help to see what you can do.`);
      return;
    }
    if (command.where && command.where !== conversationType) {
      const place = command.where === 'channel' ? 'in the channel it is for (@mention me there)' : 'in your 1:1 chat with me';
      deps.metrics.command(command.name, 'refused');
      await sendReply(context, `Use "${command.name}" ${place}.`);
      return;
    }
    const answer = await answerRoute(context, deps, person, command, conversationType);
    const where = { personId: person.id, command: command.name, ...(answer.privately ? { answeredIn: 'personal' } : {}) };
    try {
      await command.handler({ turn: context, deps, person, args, conversationType, commands, reply: answer.reply });
      deps.logger.info(where, 'command done');
      deps.metrics.command(command.name, 'answered');
    } catch (err) {
      const failure = failureOf(err, deps, where);
      deps.metrics.command(command.name, failure.outcome);
      await answer.reply(failure.message);
    }
    await answer.finish();
  };
}

/**
 * The route for one Action.Execute verb: resolves the person, checks their role, runs the handler, and turns
 * a refusal into a message the person sees in place of the card. Teams waits at most a few seconds for
 * an invoke response, so handlers do their one use case and leave slow sends to the outbox.
 */
export function cardActionHandler(action: CardAction, botDeps: BotDeps) {
  return async (context: TurnContext, data: unknown): Promise<AdaptiveCard | string> => {
    const deps = withRequestLogger(botDeps, context);
    const startedAt = performance.now();
    let outcome: HandlerOutcome = 'error';
    try {
      const answer = await runCardAction(action, deps, context, data);
      outcome = answer.outcome;
      return answer.reply;
    } finally {
      deps.metrics.cardAction(action.verb, outcome, secondsSince(startedAt));
    }
  };
}

async function runCardAction(action: CardAction, deps: BotDeps, context: TurnContext, data: unknown): Promise<{ reply: AdaptiveCard | string; outcome: HandlerOutcome }> {
  let actor: Awaited<ReturnType<typeof resolveActor>>;
  try {
    actor = await resolveActor(context, deps);
  } catch (err) {
    // An invoke's answer is the only place to say it: the turn's error handler can send nothing back to a card.
    if (err instanceof UnreadableStoreError) return { reply: unreadableRecords(err, deps, { verb: action.verb }), outcome: 'error' };
    if (err instanceof StoreUnreachableError) return { reply: failureOf(err, deps, { verb: action.verb }).message, outcome: 'error' };
    throw err;
  }
  if (actor.kind === 'unregistered') return { reply: NOT_REGISTERED, outcome: 'refused' };
  const { person } = actor;
  if (!isFor(person, action.roles)) {
    deps.logger.info({ personId: person.id, verb: action.verb, code: 'not-allowed' }, 'refused');
    return { reply: `Only ${describeAudience(action.roles)} can do this.`, outcome: 'refused' };
  }
  const isRefresh = (context.activity.value as { trigger?: string } | undefined)?.trigger === 'automatic';
  const where = { personId: person.id, verb: action.verb };
  try {
    const result = await action.handler({ turn: context, deps, person, data, isRefresh });
    deps.logger.info(where, 'card action done');
    return { reply: result, outcome: 'answered' };
  } catch (err) {
    const failure = failureOf(err, deps, where);
    return { reply: failure.message, outcome: failure.outcome };
  }
}
