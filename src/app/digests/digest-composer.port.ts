import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { ProgrammeId, ProgrammeSettings } from '../../domain/coverage-programme.js';
import type { DigestAudience, DigestKind, DigestPeriod } from '../../domain/digest.js';
import type { RiskScale } from '../../domain/risk.js';
import type { TimeZone, Zone } from '../../domain/time-zone.js';
import type { CardRef } from '../ports/messenger.port.js';
import type { StoreReader } from '../ports/store.port.js';

/**
 * The port each digest plugs into the digest engine by. The engine (claiming, posting once, retries, holding a digest
 * whose channel is not registered, refresh, preview) knows only this; each digest (SIT, partnership, SACRE, concern
 * review, committee report) exports a `DigestComposer` and the composition root registers them (`digestComposers()`
 * in src/app/digests/composers.ts), so the engine imports no feature.
 */

/** The organisation's settings a composer may need, from the validated config. */
export interface DigestSettings {
  riskScale: RiskScale;
  /** VISIT_ENTITLEMENT_DEFAULT. */
  visitEntitlementDefault: number;
  /** Each coverage programme's configured target (COVERAGE_<PROGRAMME>_…). */
  coverage: Readonly<Record<ProgrammeId, ProgrammeSettings>>;
  /** The built-in agenda templates, as loaded once at start-up. */
  builtInTemplates: readonly AgendaTemplate[];
}

/** What a composer reads with. Read-only: composing never writes. */
export interface DigestReadContext {
  store: StoreReader;
  tenantId: string;
  /** TIMEZONE: every date a person reads is written in it. */
  timeZone: TimeZone;
  settings: DigestSettings;
}

/** What one digest is composed for. */
export interface DigestComposeContext extends DigestReadContext {
  audience: DigestAudience;
  /** What it covers: changes from (exclusive) to (inclusive). */
  period: DigestPeriod;
  /**
   * The moment each item's state is read at. When posting, the period's end; when a posted card is opened later
   * (refresh), now: the same items, as they stand now (a milestone overdue then may be confirmed since).
   */
  asOf: Date;
  /** Set when composing for a refresh: the card says when it was posted and that it shows the current state. */
  postedAt?: string;
}

/** The composed digest: its card (a template registered in the Teams layer's card list, with its data) and one plain line. */
export interface ComposedDigest {
  card: CardRef;
  /** The notification preview and plain-text fallback; never names a school in an anonymised digest. */
  summary: string;
}

export interface DigestComposer {
  kind: DigestKind;
  /**
   * Whom it goes to when due: e.g. the SIT channel, or every partnership in the school register. A channel not
   * registered is still returned: the engine holds that digest and tells the administrators.
   * `partnership` narrows it when a person asks for one (`digest partnership --partnership <name>`).
   */
  audiences(ctx: DigestReadContext, options: { partnership?: string }): Promise<DigestAudience[]>;
  /**
   * The period a digest due at `dueAt` covers. `previous` is the period of the last digest of this kind and
   * audience (posted, failed or held), so "since the last SIT digest" follows on from it.
   */
  period(dueAt: Date, timeZone: Zone, previous?: DigestPeriod): DigestPeriod;
  compose(ctx: DigestComposeContext): Promise<ComposedDigest>;
}

/** Every registered composer, by kind. */
export type DigestComposers = Readonly<Partial<Record<DigestKind, DigestComposer>>>;
