import { z } from 'zod/v4';
import type { DigestEngineDeps } from '../../app/digests/digest-engine-deps.js';
import { currentDigest, previewDigests } from '../../app/digests/open-digest.js';
import { postDueDigests, type DigestPostReport } from '../../app/digests/post-digest.js';
import { audienceName, DIGEST_ASKERS, DIGEST_TITLES, DigestKindSchema, type DigestKind } from '../../domain/digest.js';
import { InvalidInputError } from '../../domain/errors.js';
import { hasRole, type Person } from '../../domain/person.js';
import { digestSettingsOf } from '../../app/digests/digest-engine-deps.js';
import { parseCardData } from '../card-data.js';
import { DIGEST_VERBS } from '../cards/sit-digest.card.js';
import { renderCard } from '../cards/render.js';
import type { BotDeps } from '../deps.js';
import type { CardAction, Command } from '../handler.js';

/** The digest engine over the bot's own ports. */
export function digestEngineDeps(deps: BotDeps): DigestEngineDeps {
  return {
    store: deps.store,
    messenger: deps.messenger,
    mailer: deps.mailer,
    clock: deps.clock,
    logger: deps.logger,
    timeZone: deps.timeZone,
    composers: deps.composers,
    tenantId: deps.tenantId,
    digestSettings: digestSettingsOf(deps.config, deps.builtInTemplates),
    digestComposers: deps.digestComposers,
  };
}

/** `digest <kind> [--preview] [--partnership <name>]` as typed. */
export function parseDigestArgs(args: string, kinds: readonly DigestKind[]): { kind: DigestKind; preview: boolean; partnership?: string } {
  const words = args.split(/\s+/).filter(Boolean);
  const preview = words.includes('--preview');
  const at = words.indexOf('--partnership');
  const partnership = at >= 0 ? words.slice(at + 1).filter((w) => !w.startsWith('--')).join(' ') || undefined : undefined;
  const kind = DigestKindSchema.safeParse(words[0]?.toLowerCase());
  if (!kind.success || !kinds.includes(kind.data)) throw new InvalidInputError(`Say which digest: digest ${kinds.join('|')} [--preview].`, 'kind');
  return { kind: kind.data, preview, partnership };
}

/** What the asker is told of one digest posted (or held, failed, already posted). */
export function postedLine(r: DigestPostReport): string {
  const what = `The ${DIGEST_TITLES[r.kind]} for ${audienceName(r.audience)}`;
  switch (r.status) {
    case 'posted':
      return `${what} is posted.`;
    case 'held':
      return `${what} is held: no channel is registered for it. The administrators have been told.`;
    case 'failed':
      return `${what} could not be posted now; I'll keep trying.`;
    case 'already':
      return `${what} for this time was already posted.`;
    default:
      return `${what} is being posted.`;
  }
}

/**
 * Who reads a digest's current state on refresh: the SIT and officers; for the anonymised digests (counts and theme
 * names only), everyone who sees the card. Anyone else, an administrator as such among them (they read no notes), sees
 * it as posted.
 */
const readsCurrent = (person: Pick<Person, 'roles'>, kind: DigestKind) => kind === 'partnership' || kind === 'sacre' || hasRole(person, 'sit', 'officer');

/**
 * `digest <kind> [--preview]`: posts the digest now to its channel (what is new since the last one), or with
 * `--preview` shows it to the asker only. It names schools, so it is answered in a 1:1 chat or the SIT channel.
 */
export const digestCommand: Command = {
  name: 'digest',
  usage: 'digest ‹sit|concerns|committee› [--preview]',
  example: 'digest sit --preview',
  roles: DIGEST_ASKERS.sit,
  privacy: 'namesSchools',
  summary: 'Post a digest to its channel now (what is new since the last one), or see it first with --preview: the SIT digest, the concern review or the committee report.',
  async handler({ deps, args, reply }) {
    // `digest partnership` and `digest sacre` are commands of their own (their askers and privacy differ).
    const kinds = DigestKindSchema.options.filter((k) => deps.digestComposers[k] && k !== 'partnership' && k !== 'sacre');
    const { kind, preview, partnership } = parseDigestArgs(args, kinds);
    const engine = digestEngineDeps(deps);
    const now = deps.clock.now();
    if (preview) {
      const previews = await previewDigests(engine, kind, now, { partnership });
      if (!previews.length) return reply(`There is no ${DIGEST_TITLES[kind]} to show.`);
      for (const p of previews) await reply({ text: p.composed.summary, card: renderCard(p.composed.card.name, p.composed.card.data) });
      return;
    }
    const reports = await postDueDigests(engine, kind, now, { partnership });
    await reply(reports.map(postedLine).join('\n\n') || `There is no ${DIGEST_TITLES[kind]} to post.`);
  },
};


const DigestRefreshSchema = z.object({ digestId: z.string().min(1) });
const DigestSchoolSchema = z.object({ digestId: z.string().default(''), urn: z.string().regex(/^\d{6}$/) });

/** The posted card as it stands now (see `readsCurrent`), or as posted. */
async function cardNow(deps: BotDeps, person: Person, digestId: string) {
  const digest = await deps.store.get('digests', deps.tenantId, digestId);
  if (!digest?.content) return undefined;
  if (!readsCurrent(person, digest.kind)) return { name: digest.content.card.name, data: { ...(digest.content.card.data as object), digestId } };
  const { composed } = await currentDigest(digestEngineDeps(deps), digestId);
  return { name: composed.card.name, data: { ...(composed.card.data as object), digestId } };
}

export const digestCardActions: CardAction[] = [
  {
    // Teams asks for this when a posted digest is shown: each item as it stands now, the store keeping what was posted.
    verb: DIGEST_VERBS.refresh,
    roles: 'everyone',
    async handler({ deps, person, data }) {
      const { digestId } = parseCardData(DigestRefreshSchema, data);
      const card = await cardNow(deps, person, digestId);
      return card ? renderCard(card.name, card.data) : 'That digest is no longer held.';
    },
  },
  {
    // Opens one school for the reader: that school's entry as it stands now, and the way back to the whole digest.
    // The SIT and officers only: an administrator as such reads no notes.
    verb: DIGEST_VERBS.school,
    roles: ['sit', 'officer'],
    async handler({ deps, person, data }) {
      const { digestId, urn } = parseCardData(DigestSchoolSchema, data);
      if (!digestId) return 'Open the school from the posted digest.';
      const card = await cardNow(deps, person, digestId);
      if (!card) return 'That digest is no longer held.';
      const full = card.data as unknown as { schools?: { urn: string }[]; title: string };
      const schools = (full.schools ?? []).filter((s) => s.urn === urn);
      return renderCard(card.name, { ...full, schools, title: `${full.title}: one school` });
    },
  },
];
