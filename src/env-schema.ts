import { Cron } from 'croner';
import { z } from 'zod/v4';
import { DEFAULT_REPORT_CARD_AREAS } from './domain/inspection.js';
import { PopulationSchema, ProgrammeIdSchema } from './domain/coverage-programme.js';
import { DEFAULT_VISIT_ENTITLEMENT } from './domain/school.js';
import { DEFAULT_RISK_SCALE } from './domain/risk.js';
import { RETAINED_COLLECTIONS } from './domain/retention.js';
import { looksWeekly, WEEKLY_SCHEDULE_SYNTAX, WeeklyScheduleSchema } from './domain/schedule.js';

/**
 * Every environment key the bot reads and how each is checked, with its default (config.ts turns the checked
 * values into the Config the rest of the bot is given; `.env.sample` documents each key). Each message completes
 * "Setting KEY …", so a bad value is reported in one line naming its key.
 */

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
const percent = z.coerce.number({ error: 'must be a number' }).min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
/** A coverage target date: a whole date, or MM-DD for the same day every academic year. */
const targetDay = z
  .string()
  .trim()
  .refine((s) => isoDate(s) || (/^\d{2}-\d{2}$/.test(s) && isoDate(`2028-${s}`)), 'must be a date as YYYY-MM-DD or MM-DD');
export const PROGRAMME_KEYS = ProgrammeIdSchema.options.map((id) => [id, id.toUpperCase()] as const);
/** COVERAGE_<PROGRAMME>_TARGET_PERCENT, _TARGET_DATE and _SCHOOLS for each coverage programme. */
const programmeShape = Object.fromEntries(
  PROGRAMME_KEYS.flatMap(([, key]) => [
    [`COVERAGE_${key}_TARGET_PERCENT`, percent.optional()],
    [`COVERAGE_${key}_TARGET_DATE`, targetDay.optional()],
    [`COVERAGE_${key}_SCHOOLS`, z.enum(PopulationSchema.options, { error: `must be one of ${PopulationSchema.options.join(', ')}` }).optional()],
  ]),
) as Record<`COVERAGE_${string}`, z.ZodType>;
/** RETENTION_<COLLECTION>_YEARS: whole years a collection keeps a record after its last change (unset: kept). */
const retentionShape = Object.fromEntries(
  Object.values(RETAINED_COLLECTIONS).map((key) => [
    key,
    z.coerce.number({ error: 'must be a number of years' }).int('must be a whole number of years').min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').optional(),
  ]),
) as Record<`RETENTION_${string}_YEARS`, z.ZodType>;
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

export const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
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
  BOT_TYPE: z.enum(BOT_TYPES, { error: `must be one of ${BOT_TYPES.join(', ')}` }).default('MultiTenant'),
  BOT_SERVICE_URL: urlWith(['https:', 'http:'], 'an http(s)').optional(),
  BOT_OPENID_METADATA_URL: urlWith(['https:'], 'an https').optional(),
  DATA_FILE: text.default('./data/db.json'),
  DATABASE_URL: urlWith(['postgres:', 'postgresql:'], 'a postgres://').optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'must be a number' })
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
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
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
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 100')
    .max(100, 'must be between 0 and 100')
    .default(DEFAULT_VISIT_ENTITLEMENT),
  ALLOCATION_OFFICER_DAYS: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(10000, 'must be at most 10000').default(100),
  // Ofsted may change the report-card areas: ';'-separated; "early years" and "sixth form" apply only where a school has them.
  SELF_EVALUATION_AREAS: areaList(),
  // The report-card areas an officer grades when recording an inspection: ';'-separated, like SELF_EVALUATION_AREAS.
  REPORT_CARD_AREAS: areaList(),
  // The risk scale, least risk first, and the first level that puts a school on the list of schools causing concern.
  RISK_LEVELS: z.string().default(DEFAULT_RISK_SCALE.levels.join(';')),
  RISK_CONCERN_THRESHOLD: z.string().default(DEFAULT_RISK_SCALE.concernThreshold),
}).extend(programmeShape).extend(retentionShape);
