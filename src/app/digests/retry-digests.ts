import { StaleWriteError } from '../../domain/errors.js';
import type { Digest } from '../../domain/digest.js';
import { channelConversationId } from '../conversations/register-channel.js';
import type { ComposedDigest } from './digest-composer.port.js';
import { readContextOf, type DigestEngineDeps } from './digest-engine-deps.js';
import { attemptPost, composerFor, DIGEST_CLAIM_LEASE_MS } from './post-digest.js';

export interface DigestRetrySummary {
  due: number;
  posted: number;
  failed: number;
  held: number;
}

/** Whether the retry run should take it now: a failed post whose back-off is over, a held one whose channel is now registered, or a claim whose runner died. */
async function isDue(deps: DigestEngineDeps, d: Digest, now: Date): Promise<boolean> {
  if (d.status === 'failed') return !d.nextAttemptAt || Date.parse(d.nextAttemptAt) <= now.getTime();
  if (d.status === 'claimed') return Date.parse(d.updatedAt) + DIGEST_CLAIM_LEASE_MS <= now.getTime();
  if (d.status === 'held') return (await deps.store.get('conversations', deps.tenantId, channelConversationId(d.audience.channel, d.audience.partnership))) !== undefined;
  return false;
}

/**
 * Posts again what did not go: each due digest is first taken by a versioned write (so two runs at once post it once),
 * then posted with the content it was composed with (composed now if its runner died before composing).
 */
export async function retryDigests(deps: DigestEngineDeps, now: Date = deps.clock.now()): Promise<DigestRetrySummary> {
  const summary: DigestRetrySummary = { due: 0, posted: 0, failed: 0, held: 0 };
  const waiting = (await deps.store.find('digests', deps.tenantId)).filter((d) => d.status !== 'posted');
  for (const d of waiting) {
    if (!(await isDue(deps, d, now))) continue;
    summary.due++;
    let taken: Digest;
    try {
      await deps.store.transact((tx) => tx.update('digests', deps.tenantId, d.id, d.version, { status: 'claimed' }, { action: 'digest.retrying' }).then(() => undefined), { actor: 'system' });
      taken = (await deps.store.get('digests', deps.tenantId, d.id))!;
    } catch (error) {
      if (error instanceof StaleWriteError) continue;
      throw error;
    }
    const composed: ComposedDigest = d.content
      ? { card: { name: d.content.card.name, data: d.content.card.data }, summary: d.content.summary }
      : await composerFor(deps, d.kind).compose({ ...readContextOf(deps), audience: d.audience, period: d.period, asOf: new Date(d.period.to) });
    const done = await attemptPost(deps, taken, composed);
    if (done.status === 'posted') summary.posted++;
    else if (done.status === 'held') summary.held++;
    else summary.failed++;
  }
  return summary;
}
