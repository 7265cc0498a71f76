import { seedDemoData } from '../app/demo/seed-demo.js';
import { demoSchools, PLAYGROUND_DEFAULT_USER } from '../app/demo/demo-data.js';
import type { CliCommand } from './cli-command.js';

/** `seed-demo`: fills an empty store with the demo schools and people for the Agents Playground. */
export const seedDemoCommand: CliCommand = (program, action) => {
  program
    .command('seed-demo')
    .description('Fill an empty store with clearly labelled demo schools and people (the Agents Playground\'s users); does nothing if any school or person exists')
    .action(
      action(async (ctx) => {
        if (await seedDemoData(ctx.store, ctx.tenantId, ctx.clock)) {
          ctx.print(`Seeded ${demoSchools.length} demo schools and the demo people for tenant ${ctx.tenantId}; ${PLAYGROUND_DEFAULT_USER.name} (the Playground's default user) is an officer and admin.`);
        } else {
          ctx.print(`Tenant ${ctx.tenantId} already has schools or people: nothing seeded.`);
        }
      }),
    );
};
