import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { DEFAULT_SCHEDULES } from '../src/env-schema.js';

const graph = { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's3cret', GRAPH_MAIL_SENDER: 'school.improvement@council.example.org' };

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when nothing is set, then it runs in local mode on 3978 with the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      mode: 'local',
      tenantId: 'local',
      bot: { type: 'MultiTenant', serviceUrl: 'http://localhost:56150/_connector' },
      store: { dataFile: './data/db.json', poolSize: 10 },
      timezone: 'Europe/London',
      logLevel: 'info',
      coverage: { sacre: {}, annual: {}, support: {}, partnership: {} },
      visitEntitlementDefault: 6,
      allocationOfficerDays: 100,
      schedules: {
        sitDigest: DEFAULT_SCHEDULES.SIT_DIGEST_CRON,
        partnershipDigest: DEFAULT_SCHEDULES.PARTNERSHIP_DIGEST_CRON,
        concernReview: DEFAULT_SCHEDULES.CONCERN_REVIEW_CRON,
        committeeDigest: DEFAULT_SCHEDULES.COMMITTEE_DIGEST_CRON,
      },
    });
    expect(config.graph).toBeUndefined();
  });

  it('when bot credentials and a tenant are set, then it is authenticated and records carry that tenant', () => {
    const config = loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 'tenant-1', BOT_TYPE: 'SingleTenant' });
    expect(config.mode).toBe('authenticated');
    expect(config.tenantId).toBe('tenant-1');
    expect(config.bot).toMatchObject({ id: 'app-id', type: 'SingleTenant', allowedTenantId: 'tenant-1', serviceUrl: 'https://smba.trafficmanager.net/uk/' });
    expect(config.host).toBe('0.0.0.0');
  });

  it.each([
    ['local mode', {}, '127.0.0.1'],
    ['local mode widened', { HOST: '0.0.0.0' }, '0.0.0.0'],
    ['local mode on IPv6 loopback', { HOST: '::1' }, '::1'],
    ['bot credentials narrowed to one interface', { BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 't', HOST: '10.0.0.5' }, '10.0.0.5'],
  ])('when HOST is set for %s, then the server listens there', (_what, env, host) => {
    expect(loadConfig(env).host).toBe(host);
  });

  it('when BOT_SERVICE_URL is set, then it is used in either mode', () => {
    expect(loadConfig({ BOT_SERVICE_URL: 'http://localhost:4000/_connector' }).bot.serviceUrl).toBe('http://localhost:4000/_connector');
  });

  it('when a key is set but empty (KEY= in .env), then its default applies', () => {
    expect(loadConfig({ PORT: '', TIMEZONE: ' ', BOT_ID: '' })).toMatchObject({ port: 3978, timezone: 'Europe/London', mode: 'local' });
  });

  it('when all Graph settings are set, then Graph is configured with the default hosts', () => {
    expect(loadConfig(graph).graph).toEqual({
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's3cret',
      mailSender: 'school.improvement@council.example.org',
      baseUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'Setting PORT: "abc" must be a port number.'],
    [{ PORT: '70000' }, 'Setting PORT: "70000" must be between 0 and 65535.'],
    [{ TIMEZONE: 'Mars/Olympus' }, 'Setting TIMEZONE: "Mars/Olympus" is not an IANA time zone (e.g. Europe/London).'],
    [{ BOT_TYPE: 'Personal' }, 'Setting BOT_TYPE: "Personal" must be one of MultiTenant, SingleTenant, UserAssignedMSI.'],
    [{ LOG_LEVEL: 'loud' }, 'Setting LOG_LEVEL: "loud" must be one of fatal, error, warn, info, debug, trace, silent.'],
    [{ GRAPH_BASE_URL: 'http://graph.example.org/v1.0' }, 'Setting GRAPH_BASE_URL: "http://graph.example.org/v1.0" must be an https URL.'],
    [{ GRAPH_AUTHORITY_HOST: 'login' }, 'Setting GRAPH_AUTHORITY_HOST: "login" must be an https URL.'],
    [{ BOT_SERVICE_URL: 'smba' }, 'Setting BOT_SERVICE_URL: "smba" must be an http(s) URL.'],
    [{ HOST: 'every interface' }, 'Setting HOST: "every interface" must be an IP address or a host name (e.g. 0.0.0.0 for every interface).'],
    [{ SIT_DIGEST_CRON: 'every other monday' }, 'Setting SIT_DIGEST_CRON: "every other monday" is not a valid cron pattern (five fields, e.g. "0 7 * * 1").'],
    [
      { SIT_DIGEST_SCHEDULE: 'every 2 weeks on Moonday at 08:00 from 2026-09-07' },
      'Setting SIT_DIGEST_SCHEDULE: "every 2 weeks on Moonday at 08:00 from 2026-09-07" is not a schedule: write every <n> weeks on <weekday> at <HH:MM> from <YYYY-MM-DD> (e.g. "every 2 weeks on Monday at 08:00 from 2026-09-07"), or a five-field cron pattern.',
    ],
    [{ COMMITTEE_DIGEST_CRON: '0 7 32 * *' }, 'Setting COMMITTEE_DIGEST_CRON: "0 7 32 * *" is not a valid cron pattern (five fields, e.g. "0 7 * * 1").'],
    [{ COVERAGE_TARGET_PERCENT: '125' }, 'Setting COVERAGE_TARGET_PERCENT: "125" must be between 0 and 100.'],
    [{ ALLOCATION_OFFICER_DAYS: 'lots' }, 'Setting ALLOCATION_OFFICER_DAYS: "lots" must be a number.'],
    [{ ALLOCATION_OFFICER_DAYS: '0' }, 'Setting ALLOCATION_OFFICER_DAYS: "0" must be above 0.'],
    [{ COVERAGE_TARGET_DATE: '2027-02-30' }, 'Setting COVERAGE_TARGET_DATE: "2027-02-30" must be a date as YYYY-MM-DD.'],
    [{ COVERAGE_ANNUAL_TARGET_DATE: '13-01' }, 'Setting COVERAGE_ANNUAL_TARGET_DATE: "13-01" must be a date as YYYY-MM-DD or MM-DD.'],
    [{ COVERAGE_PARTNERSHIP_SCHOOLS: 'some' }, 'Setting COVERAGE_PARTNERSHIP_SCHOOLS: "some" must be one of all, maintained, academies, partnerships.'],
    [{ VISIT_ENTITLEMENT_DEFAULT: '6.5' }, 'Setting VISIT_ENTITLEMENT_DEFAULT: "6.5" must be a whole number.'],
    [{ BOT_ID: 'app-id' }, 'Setting BOT_PASSWORD is required when BOT_ID is set and BOT_TYPE is MultiTenant.'],
    [{ BOT_PASSWORD: 'pw' }, 'Setting BOT_ID is required when BOT_PASSWORD is set.'],
    [{ BOT_ID: 'app-id', BOT_PASSWORD: 'pw', BOT_TYPE: 'SingleTenant' }, 'Setting BOT_TENANT_ID is required when BOT_TYPE is SingleTenant.'],
    [{ BOT_ID: 'app-id', BOT_PASSWORD: 'pw' }, 'Setting BOT_TENANT_ID is required when BOT_ID is set (the one Entra tenant the bot serves).'],
    [{ BOT_ID: 'msi', BOT_TENANT_ID: 't', BOT_TYPE: 'UserAssignedMSI', BOT_PASSWORD: 'pw' }, 'Setting BOT_PASSWORD must not be set when BOT_TYPE is UserAssignedMSI (the managed identity needs no secret).'],
    [{ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' }, 'Setting GRAPH_CLIENT_SECRET is required when GRAPH_TENANT_ID, GRAPH_CLIENT_ID are set (Graph settings are all or none).'],
    [{ DATABASE_URL: 'mysql://u:p@h/db' }, 'Setting DATABASE_URL must be a postgres:// URL.'],
    [{ DATABASE_POOL_SIZE: '0' }, 'Setting DATABASE_POOL_SIZE: "0" must be between 1 and 100.'],
    [{ DATABASE_POOL_SIZE: 'lots' }, 'Setting DATABASE_POOL_SIZE: "lots" must be a number.'],
    [{ RISK_LEVELS: 'low;medium;high', RISK_CONCERN_THRESHOLD: 'severe' }, 'Setting RISK_CONCERN_THRESHOLD: "severe" is not valid: the concern threshold must be one of the levels (low, medium, high).'],
    [{ RISK_LEVELS: 'low;low;high' }, 'Setting RISK_LEVELS: "low;low;high" is not valid: each level is named once.'],
    [{ RETENTION_VISITS_YEARS: '0' }, 'Setting RETENTION_VISITS_YEARS: "0" must be between 1 and 100.'],
    [{ RETENTION_AUDIT_YEARS: '6.5' }, 'Setting RETENTION_AUDIT_YEARS: "6.5" must be a whole number of years.'],
    [{ METRICS_TOKEN: 'short' }, 'Setting METRICS_TOKEN must be at least 16 characters (e.g. the output of openssl rand -hex 32).'],
    [{ METRICS_TOKEN: 'two words of a token, long enough' }, 'Setting METRICS_TOKEN must be printable characters without spaces.'],
  ])('when %j, then the one-line error is %s', (env, message) => {
    const error = errorFor(env);
    expect(error).toBe(message);
    expect(error).not.toContain('\n');
  });

  it('when coverage programmes and the entitlement default are set, then each programme takes its own, the SACRE its first name too', () => {
    const config = loadConfig({
      COVERAGE_TARGET_PERCENT: '30',
      COVERAGE_ANNUAL_TARGET_PERCENT: '100',
      COVERAGE_ANNUAL_TARGET_DATE: '07-15',
      COVERAGE_ANNUAL_SCHOOLS: 'maintained',
      VISIT_ENTITLEMENT_DEFAULT: '0',
    });
    expect(config.coverage).toEqual({ sacre: { targetPercent: 30 }, annual: { targetPercent: 100, targetDate: '07-15', population: 'maintained' }, support: {}, partnership: {} });
    expect(config.visitEntitlementDefault).toBe(0);
    expect(loadConfig({ COVERAGE_TARGET_PERCENT: '30', COVERAGE_SACRE_TARGET_PERCENT: '40' }).coverage.sacre).toEqual({ targetPercent: 40 });
  });

  it('when retention settings are made, then each collection named keeps its years and the rest keep everything', () => {
    expect(loadConfig({}).retention).toEqual({});
    expect(loadConfig({ RETENTION_VISITS_YEARS: '7', RETENTION_HEALTH_CHECKS_YEARS: ' 10 ' }).retention).toEqual({ visits: 7, healthChecks: 10 });
  });

  it('when the risk scale and report-card areas are set, then they are read; unset, they are the usual ones', () => {
    expect(loadConfig({})).toMatchObject({ riskScale: { levels: ['low', 'medium', 'high', 'intensive'], concernThreshold: 'high' }, reportCardAreas: expect.arrayContaining(['inclusion', 'early years']) });
    const config = loadConfig({ RISK_LEVELS: 'green; amber ;red', RISK_CONCERN_THRESHOLD: 'amber', REPORT_CARD_AREAS: 'Reading;writing' });
    expect(config.riskScale).toEqual({ levels: ['green', 'amber', 'red'], concernThreshold: 'amber' });
    expect(config.reportCardAreas).toEqual(['reading', 'writing']);
  });

  it('when a secret-bearing setting is wrong, then its value is not echoed', () => {
    expect(errorFor({ DATABASE_URL: 'mysql://bot:hunter2@db/x' })).not.toContain('hunter2');
    expect(errorFor({ METRICS_TOKEN: 'hunter2' })).not.toContain('hunter2');
  });

  it('when METRICS_TOKEN is set, then it is the token /metrics wants; unset, there is none', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined });
    expect(loadConfig({ METRICS_TOKEN: ' 0123456789abcdef0123 ' }).metrics).toEqual({ token: '0123456789abcdef0123' });
  });
});

describe('npm start with a bad setting', () => {
  const tsx = resolve('node_modules/.bin/tsx');
  const server = resolve('src/server.ts');

  function start(env: Record<string, string>, dotEnv?: string) {
    const cwd = mkdtempSync(join(tmpdir(), 'sib-config-'));
    if (dotEnv) writeFileSync(join(cwd, '.env'), dotEnv);
    return spawnSync(tsx, [server], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, encoding: 'utf8', timeout: 20000 });
  }

  it.each([
    [{ PORT: 'not-a-port' }, 'Setting PORT: "not-a-port" must be a port number.'],
    [{ TIMEZONE: 'Europe/Londinium' }, 'Setting TIMEZONE: "Europe/Londinium" is not an IANA time zone (e.g. Europe/London).'],
  ])('when %j, then it exits 1 with exactly one line on stderr naming the setting', (env, line) => {
    const run = start(env);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${line}\n`);
  });

  it('when the bad setting is in .env, then it is read from there and named the same way', () => {
    const run = start({}, 'TIMEZONE=Narnia/Cair_Paravel\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Setting TIMEZONE: "Narnia/Cair_Paravel" is not an IANA time zone (e.g. Europe/London).\n');
  });
});
