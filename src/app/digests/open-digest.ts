import type { Digest, DigestAudience, DigestKind, DigestPeriod } from '../../domain/digest.js';
import { NotFoundError } from '../../domain/errors.js';
import type { ComposedDigest } from './digest-composer.port.js';
import { readContextOf, type DigestEngineDeps } from './digest-engine-deps.js';
import { composerFor, lastDigest } from './post-digest.js';

export interface PreviewedDigest {
  audience: DigestAudience;
  period: DigestPeriod;
  composed: ComposedDigest;
}

/** The digest of a kind as it would be posted at `at`, for each audience: composed, nothing stored or sent. */
export async function previewDigests(deps: DigestEngineDeps, kind: DigestKind, at: Date, options: { partnership?: string } = {}): Promise<PreviewedDigest[]> {
  const composer = composerFor(deps, kind);
  const read = readContextOf(deps);
  const out: PreviewedDigest[] = [];
  for (const audience of await composer.audiences(read, options)) {
    const previous = await lastDigest(deps, kind, audience, at);
    const period = previous && previous.period.to === at.toISOString() ? previous.period : composer.period(at, deps.timeZone, previous?.period);
    out.push({ audience, period, composed: await composer.compose({ ...read, audience, period, asOf: at }) });
  }
  return out;
}

/**
 * A posted digest opened later: the same items (its period and audience) as they stand now, for the card's refresh.
 * The stored record keeps what was posted; nothing is written.
 */
export async function currentDigest(deps: DigestEngineDeps, digestId: string): Promise<{ digest: Digest; composed: ComposedDigest }> {
  const digest = await deps.store.get('digests', deps.tenantId, digestId);
  if (!digest) throw new NotFoundError('That digest is no longer held.');
  const composed = await composerFor(deps, digest.kind).compose({
    ...readContextOf(deps),
    audience: digest.audience,
    period: digest.period,
    asOf: deps.clock.now(),
    postedAt: digest.postedAt ?? digest.updatedAt,
  });
  return { digest, composed };
}
