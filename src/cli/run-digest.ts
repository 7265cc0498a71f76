import { sacreCollationFor, sendSacreCollation } from '../app/digests/ask-sacre-collation.js';
import { personByEmail } from '../app/data-protection/person-by-email.js';
import { digestComposers } from '../app/digests/composers.js';
import type { DigestEngineDeps } from '../app/digests/digest-engine-deps.js';
import { previewDigests } from '../app/digests/open-digest.js';
import { postDueDigests } from '../app/digests/post-digest.js';
import { featureComposers } from '../app/notices/composers.js';
import { fixedClock } from '../app/ports/clock.port.js';
import { silentLogger } from '../app/ports/logger.port.js';
import { audienceName, DIGEST_TITLES, type DigestKind } from '../domain/digest.js';
import { InvalidInputError } from '../domain/errors.js';
import { longDateTime } from '../domain/human-date.js';
import { graphSettingsOf } from '../graph/graph-client.js';
import { createGraphMailer } from '../graph/mailer.js';
import { digestSettingsOf } from '../app/digests/digest-engine-deps.js';
import { renderCard } from '../teams/cards/render.js';
import { createBotConnection } from '../teams/endpoint.js';
import { TeamsMessenger } from '../teams/messenger.js';
import type { CliContext } from './cli-command.js';

/** Posts (or with `preview` prints) the digest of a kind as at `at`, through Teams with the bot's own settings. */
export async function runDigestNow(ctx: CliContext, kind: DigestKind, at: Date, options: { partnership?: string; to?: string; preview: boolean }): Promise<void> {
  const { config, store, tenantId } = ctx;
  const logger = silentLogger;
  const { adapter } = createBotConnection(config);
  const deps: DigestEngineDeps = {
    store,
    messenger: new TeamsMessenger({ adapter, store, logger, botId: config.bot.id, serviceUrl: config.bot.serviceUrl }),
    mailer: createGraphMailer(graphSettingsOf(config.graph, logger)),
    clock: fixedClock(at),
    logger,
    timeZone: ctx.timeZone,
    composers: featureComposers(),
    tenantId,
    digestSettings: digestSettingsOf(config, ctx.builtInTemplates),
    digestComposers: digestComposers(),
  };
  if (kind === 'sacre') return sacreCollation(ctx, deps, at, options);
  if (options.preview) {
    const previews = await previewDigests(deps, kind, at, { partnership: options.partnership });
    const cards = previews.map((p) => ({ audience: p.audience, period: p.period, summary: p.composed.summary, card: renderCard(p.composed.card.name, p.composed.card.data) }));
    ctx.print(JSON.stringify(cards.length === 1 ? cards[0] : cards, null, 2));
    return;
  }
  const reports = await postDueDigests(deps, kind, at, { partnership: options.partnership });
  if (!reports.length) ctx.print(`There is no ${DIGEST_TITLES[kind]} to post.`);
  const when = (instant: string) => longDateTime(instant, ctx.timeZone);
  for (const r of reports) ctx.print(`${DIGEST_TITLES[r.kind]} for ${audienceName(r.audience)} (${when(r.period.from)} to ${when(r.period.to)}): ${r.status === 'already' ? 'already posted' : r.status}.`);
}

/**
 * The SACRE collation has no channel: `--preview` prints it (the operator is an administrator, who may ask), `--to`
 * sends it to a registered person who may ask for it, in their 1:1 chat.
 */
async function sacreCollation(ctx: CliContext, deps: DigestEngineDeps, at: Date, options: { to?: string; preview: boolean }): Promise<void> {
  if (options.preview) {
    const composed = await sacreCollationFor(deps, { roles: ['admin'] }, at);
    ctx.print(JSON.stringify({ summary: composed.summary, card: renderCard(composed.card.name, composed.card.data) }, null, 2));
    return;
  }
  if (!options.to) throw new InvalidInputError('The SACRE collation has no channel: print it with --preview, or send it to one person with --to <e-mail>.', 'to');
  const person = await personByEmail(ctx.store, ctx.tenantId, options.to);
  const sent = await sendSacreCollation(deps, person, at);
  ctx.print(sent.status === 'sent' ? `SACRE collation sent to ${person.name} in their 1:1 chat.` : `SACRE collation not sent: ${person.name} cannot be reached in Teams (${sent.reason}).`);
}
