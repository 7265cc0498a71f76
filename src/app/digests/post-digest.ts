import { DIGEST_TITLES, audienceName, digestKey, digestRetryDelayMs, type Digest, type DigestAudience, type DigestKind, type DigestPeriod } from '../../domain/digest.js';
import { InvalidInputError } from '../../domain/errors.js';
import type { RecordPatch } from '../../domain/record.js';
import { hasRole } from '../../domain/person.js';
import { loggableError } from '../logging.js';
import { deliver } from '../delivery/deliver.js';
import { channelConversationId } from '../conversations/register-channel.js';
import type { ComposedDigest, DigestComposer } from './digest-composer.port.js';
import { readContextOf, type DigestEngineDeps } from './digest-engine-deps.js';

/** How one digest went in this call. `already`: another runner (or an earlier call) claimed it. */
export interface DigestPostReport {
  kind: DigestKind;
  audience: DigestAudience;
  period: DigestPeriod;
  status: Digest['status'] | 'already';
  digestId: string;
}

const ACTOR = 'system';
/** A claim older than this whose runner never recorded an outcome is taken over by the retry run. */
export const DIGEST_CLAIM_LEASE_MS = 10 * 60_000;

export function composerFor(deps: DigestEngineDeps, kind: DigestKind): DigestComposer {
  const composer = deps.digestComposers[kind];
  if (!composer) throw new InvalidInputError(`The ${DIGEST_TITLES[kind]} is not available in this version.`, 'kind');
  return composer;
}

const sameAudience = (a: DigestAudience, b: DigestAudience) => a.channel === b.channel && (a.partnership ?? '').toLowerCase() === (b.partnership ?? '').toLowerCase();

/** The last digest of a kind for an audience (by the end of its period), whatever its status. */
export async function lastDigest(deps: DigestEngineDeps, kind: DigestKind, audience: DigestAudience, before?: Date): Promise<Digest | undefined> {
  const all = await deps.store.find('digests', deps.tenantId, { kind });
  return all
    .filter((d) => sameAudience(d.audience, audience) && (!before || Date.parse(d.period.to) <= before.getTime()))
    .reduce<Digest | undefined>((last, d) => (!last || Date.parse(d.period.to) > Date.parse(last.period.to) ? d : last), undefined);
}

/**
 * Claims the digest for its kind, audience and period: one unit under that key, which also looks for a record of the
 * same digest (keys are forgotten after a week; records are not). Exactly one claimant gets `fresh`.
 */
async function claim(deps: DigestEngineDeps, kind: DigestKind, audience: DigestAudience, period: DigestPeriod): Promise<{ id: string; fresh: boolean }> {
  const { value, replayed } = await deps.store.transact(
    async (tx) => {
      const existing = (await tx.find('digests', deps.tenantId, { kind })).find((d) => sameAudience(d.audience, audience) && d.period.from === period.from && d.period.to === period.to);
      if (existing) return { id: existing.id, fresh: false };
      const digest = await tx.insert('digests', deps.tenantId, { kind, audience, period, status: 'claimed', attempts: 0 }, { action: 'digest.claimed' });
      return { id: digest.id, fresh: true };
    },
    { actor: ACTOR, idempotencyKey: digestKey(kind, audience, period), serializable: true },
  );
  return replayed ? { id: value.id, fresh: false } : value;
}

async function record(deps: DigestEngineDeps, digest: Digest, patch: RecordPatch<Digest>, action: string): Promise<Digest> {
  await deps.store.transact((tx) => tx.update('digests', deps.tenantId, digest.id, digest.version, patch, { action }).then(() => undefined), { actor: ACTOR });
  return (await deps.store.get('digests', deps.tenantId, digest.id))!;
}

const commandFor = (audience: DigestAudience) => (audience.channel === 'partnership' ? `register partnership ${audience.partnership ?? ''}`.trim() : `register ${audience.channel}`);
const heldKey = (d: Pick<Digest, 'kind' | 'audience'>) => `${d.kind}:${d.audience.channel}:${(d.audience.partnership ?? '').toLowerCase()}`;

/** Every digest held for want of a channel (this one included), one per kind and audience, and the set's key. */
async function heldForWantOfChannel(deps: DigestEngineDeps, digest: Digest): Promise<{ held: Digest[]; setKey: string }> {
  const byKey = new Map<string, Digest>([[heldKey(digest), digest]]);
  for (const d of await deps.store.find('digests', deps.tenantId, { status: 'held' })) {
    if (byKey.has(heldKey(d))) continue;
    if (await deps.store.get('conversations', deps.tenantId, channelConversationId(d.audience.channel, d.audience.partnership))) continue;
    byKey.set(heldKey(d), d);
  }
  const keys = [...byKey.keys()].sort();
  return { held: keys.map((k) => byKey.get(k)!), setKey: keys.join(';') };
}

/**
 * Tells every administrator, in one message, every digest held for want of a channel and how to register it: once
 * per set of held digests (the set's key is kept on the digest and is the delivery key), not once per period.
 */
async function tellAdmins(deps: DigestEngineDeps, digest: Digest): Promise<string> {
  const { held, setKey } = await heldForWantOfChannel(deps, digest);
  const toldBefore = (await deps.store.find('digests', deps.tenantId)).some((d) => d.adminsToldOf === setKey);
  if (toldBefore) return setKey;
  const admins = (await deps.store.find('people', deps.tenantId)).filter((p) => hasRole(p, 'admin'));
  const lines = held.map((d) => `the ${DIGEST_TITLES[d.kind]} (no ${audienceName(d.audience)} yet: "${commandFor(d.audience)}")`);
  const text =
    held.length === 1
      ? `The ${DIGEST_TITLES[digest.kind]} is ready but no channel is registered as ${audienceName(digest.audience)}. Type "@School Improvement Bot ${commandFor(digest.audience)}" in the channel it belongs to and it will be posted there within a minute.`
      : `${held.length} digests are ready but have no channel to go to: ${lines.join('; ')}. Type "@School Improvement Bot" and the command in the channel each belongs to and it will be posted there within a minute.`;
  for (const admin of admins) {
    try {
      await deliver(deps, { tenantId: deps.tenantId, to: { person: admin.id }, content: { kind: 'message', message: { text } }, about: 'the held digests', idempotencyKey: `digests-held:${setKey}:${admin.id}` });
    } catch (error) {
      deps.logger.warn({ digestId: digest.id, err: loggableError(error) }, 'could not tell an administrator a digest is held');
    }
  }
  return setKey;
}

/**
 * Posts a claimed (or failed, or held) digest: held if its channel is not registered (administrators told once),
 * posted, or failed with the next attempt set by back-off. The content is kept as posted; the card carries the
 * digest's id so that, opened later, it can show the current state.
 */
export async function attemptPost(deps: DigestEngineDeps, digest: Digest, composed: ComposedDigest): Promise<Digest> {
  const now = deps.clock.now();
  const content = { card: { name: composed.card.name, data: composed.card.data }, summary: composed.summary };
  const { channel, partnership } = digest.audience;
  const registered = await deps.store.get('conversations', deps.tenantId, channelConversationId(channel, partnership));
  if (!registered) {
    if (digest.adminsToldAt !== undefined) return record(deps, digest, { status: 'held', content }, 'digest.held');
    const adminsToldOf = await tellAdmins(deps, digest);
    return record(deps, digest, { status: 'held', content, adminsToldAt: now.toISOString(), adminsToldOf }, 'digest.held');
  }
  const attempts = digest.attempts + 1;
  const card = { name: composed.card.name, data: { ...(composed.card.data as object), digestId: digest.id } };
  try {
    const sent = await deps.messenger.sendToChannel(deps.tenantId, channel, { text: composed.summary, card }, partnership);
    if (sent.status === 'sent') return record(deps, digest, { status: 'posted', content, attempts, postedAt: now.toISOString(), activityId: sent.activityId, lastError: undefined, nextAttemptAt: undefined }, 'digest.posted');
    return record(deps, digest, { status: 'failed', content, attempts, lastError: 'unreachable', nextAttemptAt: new Date(now.getTime() + digestRetryDelayMs(attempts)).toISOString() }, 'digest.failed');
  } catch (error) {
    const { name, statusCode } = loggableError(error);
    deps.logger.warn({ digestId: digest.id, err: loggableError(error) }, 'digest post failed; it will be tried again');
    return record(deps, digest, { status: 'failed', content, attempts, lastError: statusCode ? `${name} (${statusCode})` : name, nextAttemptAt: new Date(now.getTime() + digestRetryDelayMs(attempts)).toISOString() }, 'digest.failed');
  }
}

/**
 * Composes and posts the digest of one kind due at `dueAt`, to each of its audiences, each exactly once however many
 * runners race: the period follows on from the last digest for that audience, the record is claimed before anything
 * is composed, and only the claimant posts.
 */
export async function postDueDigests(deps: DigestEngineDeps, kind: DigestKind, dueAt: Date, options: { partnership?: string } = {}): Promise<DigestPostReport[]> {
  const composer = composerFor(deps, kind);
  const read = readContextOf(deps);
  const reports: DigestPostReport[] = [];
  for (const audience of await composer.audiences(read, options)) {
    const previous = await lastDigest(deps, kind, audience, dueAt);
    const period = previous && previous.period.to === dueAt.toISOString() ? previous.period : composer.period(dueAt, deps.timeZone, previous?.period);
    const { id, fresh } = await claim(deps, kind, audience, period);
    if (!fresh) {
      reports.push({ kind, audience, period, status: 'already', digestId: id });
      continue;
    }
    const claimed = (await deps.store.get('digests', deps.tenantId, id))!;
    const composed = await composer.compose({ ...read, audience, period, asOf: dueAt });
    const done = await attemptPost(deps, claimed, composed);
    reports.push({ kind, audience, period, status: done.status, digestId: id });
  }
  return reports;
}
