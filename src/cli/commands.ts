import type { CliCommand } from './cli-command.js';
import { backupCommand } from './backup.command.js';
import { exportCommand } from './export.command.js';
import { concernsLeadCommand } from './concerns-lead.command.js';
import { importPeopleCommand } from './import-people.command.js';
import { importSchoolsCommand } from './import-schools.command.js';
import { restoreCommand } from './restore.command.js';
import { seedDemoCommand } from './seed-demo.command.js';
import { templatesCommand } from './templates.command.js';
import { jobsCommand } from './jobs.command.js';
import { auditCommand } from './audit.command.js';
import { exportPersonCommand } from './export-person.command.js';
import { erasePersonCommand } from './erase-person.command.js';
import { retentionCommand } from './retention.command.js';
import { planCommand } from './plan.command.js';
import { migrateCommand } from './migrate.command.js';
import { migrateStoreCommand } from './migrate-store.command.js';
import { digestCommand } from './digest.command.js';

/**
 * Every admin command, in the order `--help` lists them. To add one, write `src/cli/<name>.command.ts`
 * exporting a CliCommand (see cli-command.ts) and add it here: one line.
 */
export const cliCommands: readonly CliCommand[] = [
  importSchoolsCommand,
  importPeopleCommand,
  concernsLeadCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
  seedDemoCommand,
  templatesCommand,
  digestCommand,
  jobsCommand,
  auditCommand,
  exportPersonCommand,
  erasePersonCommand,
  retentionCommand,
  planCommand,
  migrateCommand,
  migrateStoreCommand,
];
