import { runCli } from '../../src/cli/run-cli.js';
import { fixedClock } from '../../src/app/ports/clock.port.js';
import { GraphCalendar } from '../../src/graph/calendar.js';
import { createGraphClient } from '../../src/graph/graph-client.js';
import { aHeadteacherOf, anOfficer, aPerson, aSchool, type NewSchool } from './builders.js';
import { startTestBot, type TestBot } from './bot.js';
import { cardsOf } from './bot.js';
import { startFakeGraph, type FakeGraph } from './fake-graph.js';
import { playCalendar, type FakeCalendar } from './fake-graph-calendar.js';

/**
 * The world of the strategy-meeting tests: Oakwood Primary (causing concern, at its GIAS address) and St Mary's CE
 * Primary (a church school with a diocese contact), their headteachers, Olivia the link officer of both, the head of
 * service, another officer, and a fake Microsoft Graph over https playing the calendar. The bot's calendar is the
 * real GraphCalendar on the fake, with quick retries.
 */
export const officer = anOfficer('Olivia Officer');
export const otherOfficer = anOfficer('Oscar Other');
export const headOfService = aPerson('Harriet Service', ['headOfService']);
const address = { street: '1 School Lane', town: 'Oakham', county: 'Rutland', postcode: 'LE15 6AA' };
export const oakwood = aSchool(0, { causingConcern: true, riskLevel: 'high', chairOfGovernorsEmail: 'chair@oakwood.example.org', linkOfficerEmail: officer.email, address });
export const stMarys = aSchool(1, {
  causingConcern: true,
  riskLevel: 'high',
  chairOfGovernorsEmail: 'chair@stmarys.example.org',
  dioceseContactEmail: 'schools@diocese.example.org',
  linkOfficerEmail: officer.email,
  address: { street: 'Church Street', town: 'Uppingham', postcode: 'LE15 9TT' },
});
export const hillside = aSchool(2, { linkOfficerEmail: officer.email });
export const oakwoodHead = aHeadteacherOf(oakwood, 'Hannah Head');
export const stMarysHead = aHeadteacherOf(stMarys, 'Mary Head');

export const quickRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 };

/** The bot's Graph settings pointing at the fake (mail and calendar). */
export const graphEnv = (graph: FakeGraph) => ({
  GRAPH_TENANT_ID: graph.tenantId,
  GRAPH_CLIENT_ID: graph.clientId,
  GRAPH_CLIENT_SECRET: graph.clientSecret,
  GRAPH_MAIL_SENDER: 'school-improvement@council.example.org',
  GRAPH_BASE_URL: graph.graphBaseUrl,
  GRAPH_AUTHORITY_HOST: graph.url,
});

export interface StrategyWorld {
  bot: TestBot;
  graph: FakeGraph;
  calendar: FakeCalendar;
  /** `jobs run-due --at` through the admin CLI, on the bot's store, with Graph configured to the fake. */
  runJobs(at: string): Promise<string>;
  close(): Promise<void>;
}

/** `now`: the bot's (and its store's) clock; TEST_NOW by default. */
export async function startStrategyWorld(options: { schools?: NewSchool[]; now?: string } = {}): Promise<StrategyWorld> {
  const graph = await startFakeGraph();
  const calendar = playCalendar(graph);
  const bot = await startTestBot({
    schools: options.schools ?? [oakwood, stMarys, hillside],
    people: [officer, otherOfficer, headOfService, oakwoodHead, stMarysHead],
    ...(options.now ? { clock: fixedClock(options.now) } : {}),
    calendar: () => new GraphCalendar(createGraphClient({ ...graph.connection, retry: quickRetry })),
  });
  return {
    bot,
    graph,
    calendar,
    async runJobs(at) {
      let out = '';
      let err = '';
      const code = await runCli(['jobs', 'run-due', '--at', at], {
        store: bot.store,
        clock: fixedClock(at),
        env: { BOT_TENANT_ID: bot.tenantId, BOT_SERVICE_URL: bot.connector.url, LOG_LEVEL: 'silent', ...graphEnv(graph) },
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: (s: string) => (err += s) },
      });
      if (code !== 0) throw new Error(`jobs run-due exited ${code}: ${out}${err}`);
      return out;
    },
    async close() {
      await bot.close();
      await graph.close();
    },
  };
}

/** The cards the bot sent on its own (not as a reply) since `mark`, e.g. by a job. */
export const sentCards = (bot: TestBot, mark = 0) => cardsOf(bot.connector.activities.slice(mark).filter((a) => a.kind === 'send'));

/** The events POSTed to the organiser's calendar (retries included). */
export const eventPosts = (graph: FakeGraph) => graph.requests.filter((r) => r.method === 'POST' && /\/users\/[^/]+\/events$/.test(r.path));
