import { InvalidInputError } from '../domain/errors.js';
import { PostgresStore } from '../store/postgres/postgres.store.js';
import type { CliCommand } from './cli-command.js';

/**
 * `migrate`: brings the PostgreSQL schema (DATABASE_URL) up to date. The bot does the same at start-up; this is
 * for a deployment that migrates before it starts the new instances.
 */
export const migrateCommand: CliCommand = (program, action) => {
  program
    .command('migrate')
    .description('Bring the PostgreSQL schema (DATABASE_URL) up to date; the bot also does it when it starts')
    .action(
      action.withoutStore(async (ctx) => {
        const { databaseUrl, poolSize, sslCaFile } = ctx.config.store;
        if (!databaseUrl) throw new InvalidInputError('DATABASE_URL is not set: migrate is for the PostgreSQL store (the lowdb store needs none).', 'DATABASE_URL');
        const report = await PostgresStore.migrate({ url: databaseUrl, poolSize, sslCaFile });
        if (!report.applied.length) ctx.print(`The schema is up to date (version ${report.version}).`);
        for (const m of report.applied) ctx.print(`Applied migration ${m.version}: ${m.name}.`);
        if (report.applied.length) ctx.print(`The schema is now at version ${report.version}.`);
      }),
    );
};
