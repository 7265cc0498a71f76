import { sacreCollationFor } from '../../app/digests/ask-sacre-collation.js';
import { previewDigests } from '../../app/digests/open-digest.js';
import { postDueDigests } from '../../app/digests/post-digest.js';
import { DIGEST_ASKERS } from '../../domain/digest.js';
import { renderCard } from '../cards/render.js';
import type { Command } from '../handler.js';
import { digestEngineDeps, parseDigestArgs, postedLine } from './digest.handlers.js';

const TYPED_NOT_PICKED = 'typed after "digest", which the menu offers';

/**
 * `digest partnership [--partnership <name>] [--preview]`: posts each partnership's digest to its registered channel
 * and the all-partnerships summary to the SIT channel (or one partnership's alone), once per period; `--preview`
 * shows them to the asker. They hold counts and theme names only, so they may be shown where asked.
 */
export const partnershipDigestCommand: Command = {
  name: 'digest partnership',
  usage: 'digest partnership [--partnership ‹name›] [--preview]',
  example: 'digest partnership --preview',
  roles: DIGEST_ASKERS.partnership,
  offMenu: TYPED_NOT_PICKED,
  summary: "Post the partnership digests now (each partnership's to its channel, the summary of all to the SIT channel), or one partnership's with --partnership; see them first with --preview.",
  async handler({ deps, args, reply }) {
    const { preview, partnership } = parseDigestArgs(`partnership ${args}`, ['partnership']);
    const engine = digestEngineDeps(deps);
    const now = deps.clock.now();
    if (preview) {
      const previews = await previewDigests(engine, 'partnership', now, { partnership });
      for (const p of previews) await reply({ text: p.composed.summary, card: renderCard(p.composed.card.name, p.composed.card.data) });
      return;
    }
    const reports = await postDueDigests(engine, 'partnership', now, { partnership });
    await reply(reports.map(postedLine).join('\n\n') || 'There is no partnership digest to post: no open school belongs to a partnership.');
  },
};

/**
 * `digest sacre [--preview]`: the SACRE collation of the academic year to date, for the SACRE's report. It has no
 * channel: it is given to the asker alone, in their 1:1 chat, asked for anywhere (`--preview` changes nothing).
 */
export const sacreDigestCommand: Command = {
  name: 'digest sacre',
  usage: 'digest sacre',
  example: 'digest sacre',
  roles: DIGEST_ASKERS.sacre,
  offMenu: TYPED_NOT_PICKED,
  privacy: 'asker',
  summary: 'The SACRE collation of RE visits this academic year, by agenda item, with declines: sent to you alone.',
  async handler({ deps, person, reply }) {
    const composed = await sacreCollationFor(digestEngineDeps(deps), person, deps.clock.now());
    await reply({ text: composed.summary, card: renderCard(composed.card.name, composed.card.data) });
  },
};
