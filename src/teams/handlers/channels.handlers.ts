import { registerChannel, unregisterChannel, type ChannelPurpose, type RegisterChannelResult } from '../../app/conversations/register-channel.js';
import { isSameChannel, storableReference } from '../turn.js';
import type { Command, CommandContext } from '../handler.js';

/** What each registration brings to the channel, in the words the reply and `unregister` use. */
const digestNames: Record<ChannelPurpose, (partnership?: string) => string> = {
  sit: () => 'the fortnightly SIT digest',
  partnership: (name) => `the anonymised digest of partnership ${name} (no school or person is ever named)`,
  concerns: () => 'the two-monthly review of schools causing concern (confidential concerns never go to a channel: only to the concerns lead, privately)',
};

function registered(result: RegisterChannelResult): string {
  const what = digestNames[result.purpose](result.partnership);
  if (result.outcome === 'again') return `This channel already gets ${what}.`;
  if (result.outcome === 'moved') return `This channel now gets ${what}. The channel registered for it before no longer does.`;
  return `This channel now gets ${what}.`;
}

function registration(purpose: ChannelPurpose) {
  return async ({ deps, person, args, turn, reply }: CommandContext) => {
    const result = await registerChannel(deps.store, deps.tenantId, person, {
      purpose,
      partnership: purpose === 'partnership' ? args : undefined,
      reference: storableReference(turn, deps.config),
      isThisChannel: isSameChannel(turn),
    });
    await reply(registered(result));
  };
}

/** Channel registration: where the digests are posted. Administrators only, typed in the channel itself. */
export const channelCommands: Command[] = [
  {
    name: 'register sit',
    example: 'register sit',
    roles: ['admin'],
    where: 'channel',
    summary: 'Post the fortnightly SIT digest, the committee report and the all-partnerships summary in this channel.',
    handler: registration('sit'),
  },
  {
    name: 'register partnership',
    usage: 'register partnership ‹name›',
    example: 'register partnership Rural Schools Partnership',
    roles: ['admin'],
    where: 'channel',
    summary: "Post a partnership's anonymised digest in this channel.",
    handler: registration('partnership'),
  },
  {
    name: 'register concerns',
    example: 'register concerns',
    roles: ['admin'],
    where: 'channel',
    summary:
      'Post the two-monthly review of schools causing concern in this channel. Confidential concerns raised at visits never go to a channel: they go only to the concerns lead, 1:1.',
    handler: registration('concerns'),
  },
  {
    name: 'unregister',
    example: 'unregister',
    roles: ['admin'],
    where: 'channel',
    summary: 'Stop posting digests in this channel.',
    async handler({ deps, person, turn, reply }) {
      const removed = await unregisterChannel(deps.store, deps.tenantId, person, isSameChannel(turn));
      await reply(`This channel no longer gets ${removed.map((r) => digestNames[r.purpose!](r.partnership)).join('; nor ')}.`);
    },
  },
];
