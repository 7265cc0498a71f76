import type { ProgrammeId, ProgrammeSettings } from './domain/coverage-programme.js';
import { parseRiskScale, type RiskScale } from './domain/risk.js';
import { InvalidInputError } from './domain/errors.js';
import { RETAINED_COLLECTIONS, type RetentionSettings } from './domain/retention.js';
import { looksWeekly, WeeklyScheduleSchema, type JobSchedule } from './domain/schedule.js';
import { EnvSchema, PROGRAMME_KEYS, type BOT_TYPES, type LOG_LEVELS } from './env-schema.js';
import { wordedWithInput } from './domain/issue-wording.js';

/**
 * The bot's settings, read once at start-up from the environment (see `.env.sample` for every key and
 * its default). Nothing else reads `process.env`: the validated Config is passed to whoever needs it.
 */

/** A bad or missing setting: the message is one line naming the setting, printed by `npm start` before it exits. */
export class ConfigError extends Error {
  /** `shownValue`: the offending value to quote, when it is safe to show (never for secrets). */
  constructor(
    readonly setting: string,
    problem: string,
    shownValue?: string,
  ) {
    super(`Setting ${setting}${shownValue === undefined ? '' : `: ${JSON.stringify(shownValue)}`} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** The Graph keys that only make sense together: app-only credentials and the mailbox mail is sent as. */
const GRAPH_KEYS = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_MAIL_SENDER'] as const;

export interface GraphConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The mailbox (user id or UPN) every mail is sent as. */
  mailSender: string;
  baseUrl: string;
  authorityHost: string;
}

/** Teams' regional Bot Connector: where proactive messages go with bot credentials, until an activity says otherwise. */
export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
/** The Microsoft 365 Agents Playground's connector on its default port: where local mode sends proactive messages. */
export const PLAYGROUND_SERVICE_URL = 'http://localhost:56150/_connector';
/** Local mode's interface: this machine only, since no request's token is checked. */
export const LOCAL_HOST = '127.0.0.1';

export interface Config {
  port: number;
  /**
   * The interface to listen on: HOST, else 127.0.0.1 in local mode (nothing beyond this machine can reach a bot that
   * checks no tokens) and every interface with bot credentials.
   */
  host: string;
  /** `local`: no bot credentials, no token checks (Agents Playground, emulator). `authenticated`: every request needs a Bot Framework token. */
  mode: 'local' | 'authenticated';
  bot: {
    id?: string;
    password?: string;
    type: (typeof BOT_TYPES)[number];
    /** The one Entra tenant whose activities are served; undefined in local mode without BOT_TENANT_ID. */
    allowedTenantId?: string;
    /**
     * Where the Bot Framework publishes the keys that sign incoming tokens; Microsoft's public cloud when
     * undefined. Set for a sovereign cloud, or for a local stand-in that plays the Bot Framework end to end.
     */
    openIdMetadataUrl?: string;
    /**
     * Where proactive sends go before any activity has told the bot its service URL. In local mode it is also the
     * only one used: an activity's own service URL is not trusted there (nothing proves who posted it).
     */
    serviceUrl: string;
  };
  /** The tenant every record carries: BOT_TENANT_ID, or `local` in local mode without it. */
  tenantId: string;
  /**
   * DATA_FILE, or DATABASE_URL (PostgreSQL) with its pool size (DATABASE_POOL_SIZE) and the file of the CA that
   * signed the server's certificate (DATABASE_SSL_CA; TLS itself is asked for by `sslmode` in the URL).
   */
  store: { dataFile: string; databaseUrl?: string; poolSize: number; sslCaFile?: string };
  /** Undefined when no Graph credentials are set: mail and calendar bookings are then unavailable. */
  graph?: GraphConfig;
  timezone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * GET /metrics: served to a request bearing `token` (METRICS_TOKEN), and in local mode to this machine; with
   * neither it answers 404 (see src/metrics/metrics-access.ts).
   */
  metrics: { token?: string };
  schedules: { sitDigest: JobSchedule; partnershipDigest: string; concernReview: string; committeeDigest: string; reminders: string };
  /** Each coverage programme's configured target, date and schools; unset parts take the programme's defaults. */
  coverage: Record<ProgrammeId, ProgrammeSettings>;
  /** VISIT_ENTITLEMENT_DEFAULT: visits a year for a school the register gives no number for (0: none, never behind). */
  visitEntitlementDefault: number;
  /** Officer days the `allocation` card shares out unless the officer types another number (ALLOCATION_OFFICER_DAYS). */
  allocationOfficerDays: number;
  /** The areas a school grades in its self-evaluation (SELF_EVALUATION_AREAS; the report-card areas by default). */
  selfEvaluationAreas: string[];
  /** The report-card areas graded when an inspection is recorded (REPORT_CARD_AREAS; Ofsted's list by default). */
  reportCardAreas: string[];
  /** The risk scale and its concern threshold (RISK_LEVELS, RISK_CONCERN_THRESHOLD). */
  riskScale: RiskScale;
  /** Years each collection keeps a record after its last change (RETENTION_<COLLECTION>_YEARS); unnamed ones keep everything. */
  retention: RetentionSettings;
}

export type Env = Record<string, string | undefined>;

/** Reads and checks every setting; throws ConfigError naming the first bad one. */
export function loadConfig(env: Env): Config {
  const cleaned = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k]?.trim() ? env[k] : undefined]));
  const parsed = EnvSchema.safeParse(cleaned, wordedWithInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    throw new ConfigError(key, `${message}.`, shown(key, env[key]));
  }
  const e = parsed.data;

  const graphSet = GRAPH_KEYS.filter((k) => e[k] !== undefined);
  if (graphSet.length && graphSet.length < GRAPH_KEYS.length) {
    const missing = GRAPH_KEYS.find((k) => e[k] === undefined)!;
    throw new ConfigError(missing, `is required when ${graphSet.join(', ')} ${graphSet.length > 1 ? 'are' : 'is'} set (Graph settings are all or none).`);
  }
  if (e.BOT_PASSWORD && !e.BOT_ID) throw new ConfigError('BOT_ID', 'is required when BOT_PASSWORD is set.');
  if (e.BOT_ID && e.BOT_TYPE !== 'UserAssignedMSI' && !e.BOT_PASSWORD) throw new ConfigError('BOT_PASSWORD', `is required when BOT_ID is set and BOT_TYPE is ${e.BOT_TYPE}.`);
  if (e.BOT_TYPE === 'UserAssignedMSI' && e.BOT_PASSWORD) throw new ConfigError('BOT_PASSWORD', 'must not be set when BOT_TYPE is UserAssignedMSI (the managed identity needs no secret).');
  if (e.BOT_TYPE !== 'MultiTenant' && !e.BOT_ID) throw new ConfigError('BOT_ID', `is required when BOT_TYPE is ${e.BOT_TYPE}.`);
  if (e.BOT_TYPE !== 'MultiTenant' && !e.BOT_TENANT_ID) throw new ConfigError('BOT_TENANT_ID', `is required when BOT_TYPE is ${e.BOT_TYPE}.`);
  // Even a MultiTenant registration serves one council: without the tenant id every tenant's requests would be let in.
  if (e.BOT_ID && !e.BOT_TENANT_ID) throw new ConfigError('BOT_TENANT_ID', 'is required when BOT_ID is set (the one Entra tenant the bot serves).');

  let riskScale: RiskScale;
  try {
    riskScale = parseRiskScale(e.RISK_LEVELS, e.RISK_CONCERN_THRESHOLD);
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    const key = err.field === 'concernThreshold' ? 'RISK_CONCERN_THRESHOLD' : 'RISK_LEVELS';
    throw new ConfigError(key, `is not valid: ${err.message.replace(/^The risk scale is not valid: /, '')}`, shown(key, e[key]));
  }

  const local = !e.BOT_ID;
  return {
    port: e.PORT,
    host: e.HOST ?? (local ? LOCAL_HOST : '0.0.0.0'),
    mode: local ? 'local' : 'authenticated',
    bot: {
      id: e.BOT_ID,
      password: e.BOT_PASSWORD,
      type: e.BOT_TYPE,
      allowedTenantId: e.BOT_TENANT_ID,
      serviceUrl: e.BOT_SERVICE_URL ?? (local ? PLAYGROUND_SERVICE_URL : TEAMS_SERVICE_URL),
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    },
    tenantId: e.BOT_TENANT_ID ?? 'local',
    store: { dataFile: e.DATA_FILE, databaseUrl: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, sslCaFile: e.DATABASE_SSL_CA },
    graph:
      graphSet.length === GRAPH_KEYS.length
        ? {
            tenantId: e.GRAPH_TENANT_ID!,
            clientId: e.GRAPH_CLIENT_ID!,
            clientSecret: e.GRAPH_CLIENT_SECRET!,
            mailSender: e.GRAPH_MAIL_SENDER!,
            baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
            authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/+$/, ''),
          }
        : undefined,
    timezone: e.TIMEZONE,
    logLevel: e.LOG_LEVEL,
    metrics: { token: e.METRICS_TOKEN },
    schedules: {
      sitDigest: e.SIT_DIGEST_SCHEDULE === undefined ? e.SIT_DIGEST_CRON : looksWeekly(e.SIT_DIGEST_SCHEDULE) ? WeeklyScheduleSchema.parse(e.SIT_DIGEST_SCHEDULE) : e.SIT_DIGEST_SCHEDULE,
      partnershipDigest: e.PARTNERSHIP_DIGEST_CRON,
      concernReview: e.CONCERN_REVIEW_CRON,
      committeeDigest: e.COMMITTEE_DIGEST_CRON,
      reminders: e.REMINDERS_CRON,
    },
    coverage: coverageSettings(e),
    visitEntitlementDefault: e.VISIT_ENTITLEMENT_DEFAULT,
    allocationOfficerDays: e.ALLOCATION_OFFICER_DAYS,
    selfEvaluationAreas: e.SELF_EVALUATION_AREAS,
    reportCardAreas: e.REPORT_CARD_AREAS,
    riskScale,
    retention: Object.fromEntries(
      Object.entries(RETAINED_COLLECTIONS).flatMap(([collection, key]) => (e[key] === undefined ? [] : [[collection, e[key] as number]])),
    ) as RetentionSettings,
  };
}

function coverageSettings(e: Record<string, unknown>): Record<ProgrammeId, ProgrammeSettings> {
  const of = ([id, key]: (typeof PROGRAMME_KEYS)[number]): ProgrammeSettings => {
    const legacy = id === 'sacre' ? { targetPercent: e.COVERAGE_TARGET_PERCENT, targetDate: e.COVERAGE_TARGET_DATE } : {};
    const settings = {
      targetPercent: e[`COVERAGE_${key}_TARGET_PERCENT`] ?? legacy.targetPercent,
      targetDate: e[`COVERAGE_${key}_TARGET_DATE`] ?? legacy.targetDate,
      population: e[`COVERAGE_${key}_SCHOOLS`],
    } as ProgrammeSettings;
    return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  };
  return Object.fromEntries(PROGRAMME_KEYS.map((k) => [k[0], of(k)])) as Record<ProgrammeId, ProgrammeSettings>;
}

/** The offending value to quote, except secrets (and URLs that may hold one), which never reach a terminal or a log. */
function shown(key: string, value: string | undefined): string | undefined {
  if (value === undefined || !value.trim() || /PASSWORD|SECRET|TOKEN|DATABASE_URL/.test(key)) return undefined;
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
