import type { DigestComposers } from './digest-composer.port.js';
import { sitDigestComposer } from './sit-digest.js';
import { concernReviewComposer } from './concern-review.js';
import { committeeReportComposer } from './committee-report.js';
import { partnershipDigestComposer } from './partnership-digest.js';
import { sacreDigestComposer } from './sacre-digest.js';

/**
 * The digests, as the composition roots (src/server.ts, the CLI) register them with the digest engine: the engine
 * imports none of them. A digest adds its composer here (one line).
 */
export function digestComposers(): DigestComposers {
  return Object.freeze({
    sit: sitDigestComposer,
    partnership: partnershipDigestComposer,
    sacre: sacreDigestComposer,
    concerns: concernReviewComposer,
    committee: committeeReportComposer,
  });
}
