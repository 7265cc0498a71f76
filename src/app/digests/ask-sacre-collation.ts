import { mayAskForDigest } from '../../domain/digest.js';
import { NotAllowedError } from '../../domain/errors.js';
import type { Person } from '../../domain/person.js';
import type { SendOutcome } from '../ports/messenger.port.js';
import type { ComposedDigest } from './digest-composer.port.js';
import { readContextOf, type DigestEngineDeps } from './digest-engine-deps.js';
import { composerFor } from './post-digest.js';

/**
 * The SACRE collation on demand. It has no channel: whoever asks (an officer, the SIT, an administrator or a SACRE
 * visitor) gets it privately, composed as at `at` for the academic year to date. Nothing is stored.
 */
export async function sacreCollationFor(deps: DigestEngineDeps, asker: Pick<Person, 'roles'>, at: Date): Promise<ComposedDigest> {
  if (!mayAskForDigest(asker, 'sacre')) throw new NotAllowedError('Only officers, the SIT, administrators and SACRE visitors can ask for the SACRE collation.');
  const composer = composerFor(deps, 'sacre');
  const period = composer.period(at, deps.timeZone);
  // The collation reads no audience: it is the same for everyone who may ask.
  return composer.compose({ ...readContextOf(deps), audience: { channel: 'sit' }, period, asOf: at });
}

/** Sends the collation to the person's 1:1 chat (`digest sacre --to <e-mail>` from the command line). */
export async function sendSacreCollation(deps: DigestEngineDeps, to: Person, at: Date): Promise<SendOutcome> {
  const composed = await sacreCollationFor(deps, to, at);
  return deps.messenger.sendToPerson(deps.tenantId, to, { text: composed.summary, card: composed.card });
}
