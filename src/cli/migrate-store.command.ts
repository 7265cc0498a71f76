import { existsSync } from 'node:fs';
import { InvalidInputError } from '../domain/errors.js';
import { collectionNames } from '../domain/collections.js';
import { LowdbStore } from '../store/lowdb.store.js';
import { PostgresStore } from '../store/postgres/postgres.store.js';
import type { CliCommand } from './cli-command.js';
import { describeDump } from './describe-dump.js';

interface MigrateStoreOptions {
  from: string;
  to: string;
  replace?: boolean;
}

/**
 * `migrate-store --from <DATA_FILE> --to <DATABASE_URL>`: moves a lowdb store into PostgreSQL whole, as a restore
 * (every collection, every tenant, the confidential concerns too: nothing leaves the two stores), then counts each
 * collection on both sides. A target that already holds records is refused unless `--replace` says to replace them.
 * Stop the bot first: what it writes to the lowdb files after the copy is not carried across.
 */
export const migrateStoreCommand: CliCommand = (program, action) => {
  program
    .command('migrate-store')
    .description('Move a lowdb store (DATA_FILE) into PostgreSQL, every collection, checked by counts; stop the bot first')
    .requiredOption('--from <DATA_FILE>', 'the lowdb data file to copy')
    .requiredOption('--to <DATABASE_URL>', 'the PostgreSQL database to copy it into (its schema is brought up to date)')
    .option('--replace', 'replace what the database already holds (refused otherwise)')
    .action(
      action.withoutStore(async (ctx, options: MigrateStoreOptions) => {
        if (!existsSync(options.from)) throw new InvalidInputError(`--from: there is no lowdb store at ${options.from}.`, 'from');
        if (!/^postgres(ql)?:\/\//.test(options.to)) throw new InvalidInputError('--to: must be a postgres:// URL.', 'to');
        const now = () => ctx.clock.now();
        const source = await LowdbStore.open({ dataFile: options.from, now });
        try {
          const target = await PostgresStore.open({ url: options.to, poolSize: 2, sslCaFile: ctx.config.store.sslCaFile, now });
          try {
            const held = Object.values(await target.countsByCollection()).reduce((a, b) => a + b, 0);
            if (held && !options.replace) {
              throw new InvalidInputError(`--to: the database already holds ${held} records; pass --replace to replace them with the lowdb store's.`, 'to');
            }
            const dump = await source.dump();
            await target.restore(dump);
            const copied = await target.countsByCollection();
            const lines = collectionNames.map((c) => ({ c, from: dump.collections[c]?.length ?? 0, to: copied[c] ?? 0 })).filter((l) => l.from || l.to);
            for (const l of lines) ctx.print(`${l.c}: ${l.from} in lowdb, ${l.to} in PostgreSQL${l.from === l.to ? '' : '  <-- differs'}`);
            const differing = lines.filter((l) => l.from !== l.to);
            if (differing.length) throw new Error(`The counts differ for ${differing.map((l) => l.c).join(', ')}: do not switch the bot over; run migrate-store again with --replace.`);
            ctx.print(`Moved ${describeDump(dump)} into PostgreSQL; every count matches. Set DATABASE_URL to start the bot on it.`);
          } finally {
            await target.close();
          }
        } finally {
          await source.close();
        }
      }),
    );
};
