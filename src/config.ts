import { Cron } from 'croner';
import { z } from 'zod';
import { DEFAULT_REPORT_CARD_AREAS } from './domain/inspection.js';
import { PopulationSchema, ProgrammeIdSchema, type ProgrammeId, type ProgrammeSettings } from './domain/coverage-programme.js';
import { DEFAULT_VISIT_ENTITLEMENT } from './domain/school.js';
import { DEFAULT_RISK_SCALE, parseRiskScale, type RiskScale } from './domain/risk.js';
import { InvalidInputError } from './domain/errors.js';
import { RETAINED_COLLECTIONS, type RetentionSettings } from './domain/retention.js';
import { looksWeekly, WEEKLY_SCHEDULE_SYNTAX, WeeklyScheduleSchema, type JobSchedule } from './domain/schedule.js';

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

export const BOT_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Default digest schedules (cron, read in TIMEZONE). Cron cannot say "every other week", so the SIT's
 * fortnightly meeting is the first and third Monday of each month: never more than three weeks apart.
 */
export const DEFAULT_SCHEDULES = {
  /** 07:00 on the 1st and 3rd Monday of each month, before the fortnightly SIT meeting. */
  SIT_DIGEST_CRON: '0 7 * * 1#1,1#3',
  /** 07:00 on 10 December, 10 March and 10 July: near the end of each term. */
  PARTNERSHIP_DIGEST_CRON: '0 7 10 3,7,12 *',
  /** 07:00 on the first day of every other month: the two-monthly concern review. */
  CONCERN_REVIEW_CRON: '0 7 1 1,3,5,7,9,11 *',
  /** 07:00 on 1 November, 1 March and 1 June: a report to each termly committee. */
  COMMITTEE_DIGEST_CRON: '0 7 1 3,6,11 *',
  /** 08:00 on weekdays: health checks awaiting acknowledgement, annual-visit feedback due or overdue. */
  REMINDERS_CRON: '0 8 * * 1-5',
} as const;

const isValidTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const isValidCron = (pattern: string) => {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
};

const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const text = z.string().trim().min(1, 'must not be empty');
const percent = z.coerce.number({ invalid_type_error: 'must be a number' }).min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
/** A coverage target date: a whole date, or MM-DD for the same day every academic year. */
const targetDay = z
  .string()
  .trim()
  .refine((s) => isoDate(s) || (/^\d{2}-\d{2}$/.test(s) && isoDate(`2028-${s}`)), 'must be a date as YYYY-MM-DD or MM-DD');
const PROGRAMME_KEYS = ProgrammeIdSchema.options.map((id) => [id, id.toUpperCase()] as const);
/** COVERAGE_<PROGRAMME>_TARGET_PERCENT, _TARGET_DATE and _SCHOOLS for each coverage programme. */
const programmeShape = Object.fromEntries(
  PROGRAMME_KEYS.flatMap(([, key]) => [
    [`COVERAGE_${key}_TARGET_PERCENT`, percent.optional()],
    [`COVERAGE_${key}_TARGET_DATE`, targetDay.optional()],
    [`COVERAGE_${key}_SCHOOLS`, z.enum(PopulationSchema.options, { errorMap: () => ({ message: `must be one of ${PopulationSchema.options.join(', ')}` }) }).optional()],
  ]),
) as Record<string, z.ZodTypeAny>;
/** RETENTION_<COLLECTION>_YEARS: whole years a collection keeps a record after its last change (unset: kept). */
const retentionShape = Object.fromEntries(
  Object.values(RETAINED_COLLECTIONS).map((key) => [
    key,
    z.coerce.number({ invalid_type_error: 'must be a number of years' }).int('must be a whole number of years').min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').optional(),
  ]),
) as Record<string, z.ZodTypeAny>;
const urlWith = (protocols: string[], what: string) =>
  z.string().trim().refine((s) => {
    try {
      return protocols.includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, `must be ${what} URL`);
const cron = (fallback: string) => z.string().trim().default(fallback).refine(isValidCron, 'is not a valid cron pattern (five fields, e.g. "0 7 * * 1")');

/** One entry per environment key; empty values count as unset, so `KEY=` in a .env file takes the default. */
/** A ';'-separated list of Ofsted areas, lower-cased and without repeats; the report-card areas by default. */
const areaList = () =>
  z
    .string()
    .default(DEFAULT_REPORT_CARD_AREAS.join(';'))
    .transform((v) => [...new Set(v.split(';').map((a) => a.trim().toLowerCase()).filter(Boolean))])
    .refine((areas) => areas.length > 0, 'must name at least one area');

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ invalid_type_error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3978),
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:%-]+$/, 'must be an IP address or a host name (e.g. 0.0.0.0 for every interface)')
    .optional(),
  BOT_ID: text.optional(),
  BOT_PASSWORD: text.optional(),
  BOT_TENANT_ID: text.optional(),
  BOT_TYPE: z.enum(BOT_TYPES, { errorMap: () => ({ message: `must be one of ${BOT_TYPES.join(', ')}` }) }).default('MultiTenant'),
  BOT_SERVICE_URL: urlWith(['https:', 'http:'], 'an http(s)').optional(),
  BOT_OPENID_METADATA_URL: urlWith(['https:'], 'an https').optional(),
  DATA_FILE: text.default('./data/db.json'),
  DATABASE_URL: urlWith(['postgres:', 'postgresql:'], 'a postgres://').optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .default(10),
  DATABASE_SSL_CA: text.optional(),
  GRAPH_TENANT_ID: text.optional(),
  GRAPH_CLIENT_ID: text.optional(),
  GRAPH_CLIENT_SECRET: text.optional(),
  GRAPH_MAIL_SENDER: text.optional(),
  GRAPH_BASE_URL: urlWith(['https:'], 'an https').default('https://graph.microsoft.com/v1.0'),
  GRAPH_AUTHORITY_HOST: urlWith(['https:'], 'an https').default('https://login.microsoftonline.com'),
  TIMEZONE: z.string().trim().default('Europe/London').refine(isValidTimeZone, 'is not an IANA time zone (e.g. Europe/London)'),
  // Bearer token a Prometheus scraper presents for GET /metrics; a secret, so never quoted in an error.
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters (e.g. the output of openssl rand -hex 32)')
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces')
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(', ')}` }) }).default('info'),
  SIT_DIGEST_CRON: cron(DEFAULT_SCHEDULES.SIT_DIGEST_CRON),
  // Wins over SIT_DIGEST_CRON: the weekly syntax ("every 2 weeks on Monday at 08:00 from 2026-09-07") or a cron pattern.
  SIT_DIGEST_SCHEDULE: z
    .string()
    .trim()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      if (looksWeekly(v) ? !WeeklyScheduleSchema.safeParse(v).success : !isValidCron(v))
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a schedule: write ${WEEKLY_SCHEDULE_SYNTAX}, or a five-field cron pattern` });
    }),
  PARTNERSHIP_DIGEST_CRON: cron(DEFAULT_SCHEDULES.PARTNERSHIP_DIGEST_CRON),
  CONCERN_REVIEW_CRON: cron(DEFAULT_SCHEDULES.CONCERN_REVIEW_CRON),
  COMMITTEE_DIGEST_CRON: cron(DEFAULT_SCHEDULES.COMMITTEE_DIGEST_CRON),
  REMINDERS_CRON: cron(DEFAULT_SCHEDULES.REMINDERS_CRON),
  // The SACRE programme's target under its first name (COVERAGE_SACRE_… wins when both are set).
  COVERAGE_TARGET_PERCENT: percent.optional(),
  COVERAGE_TARGET_DATE: z.string().trim().refine(isoDate, 'must be a date as YYYY-MM-DD').optional(),
  VISIT_ENTITLEMENT_DEFAULT: z.coerce
    .number({ invalid_type_error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 100')
    .max(100, 'must be between 0 and 100')
    .default(DEFAULT_VISIT_ENTITLEMENT),
  ALLOCATION_OFFICER_DAYS: z.coerce.number({ invalid_type_error: 'must be a number' }).positive('must be above 0').max(10000, 'must be at most 10000').default(100),
  // Ofsted may change the report-card areas: ';'-separated; "early years" and "sixth form" apply only where a school has them.
  SELF_EVALUATION_AREAS: areaList(),
  // The report-card areas an officer grades when recording an inspection: ';'-separated, like SELF_EVALUATION_AREAS.
  REPORT_CARD_AREAS: areaList(),
  // The risk scale, least risk first, and the first level that puts a school on the list of schools causing concern.
  RISK_LEVELS: z.string().default(DEFAULT_RISK_SCALE.levels.join(';')),
  RISK_CONCERN_THRESHOLD: z.string().default(DEFAULT_RISK_SCALE.concernThreshold),
}).extend(programmeShape).extend(retentionShape);

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
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
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
