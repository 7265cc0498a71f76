import { featureComposers } from '../../src/app/notices/composers.js';
import { MemoryStore } from '../../src/store/memory.store.js';
import type { Store } from '../../src/app/ports/store.port.js';
import { SchoolSchema } from '../../src/domain/school.js';
import { PersonSchema } from '../../src/domain/person.js';
import { fixedClock, type Clock } from '../../src/app/ports/clock.port.js';
import { silentLogger } from '../../src/app/ports/logger.port.js';
import { FakeMailer, FakeMessenger } from './delivery/delivery-world.js';
import { AfterAnswerDispatcher } from '../../src/app/delivery/after-answer.js';
import { LONDON } from '../support/builders.js';

/**
 * A small tenant for the health-check and self-evaluation use cases: a maintained primary and an
 * academy secondary with a sixth form, their headteachers, a link officer, a SIT member and a governor.
 */
export const TENANT = 'tenant-test';
export const NOW = '2026-11-23T10:00:00Z';

const meta = { id: true, tenantId: true, version: true, createdAt: true, updatedAt: true } as const;

export async function schoolWorld(now: string = NOW) {
  const clock: Clock = fixedClock(now);
  const store = new MemoryStore(() => clock.now());
  const { value } = await store.transact(
    async (tx) => {
      const school = (data: Record<string, unknown>) => tx.insert('schools', TENANT, SchoolSchema.omit(meta).parse(data));
      const person = (data: Record<string, unknown>) => tx.insert('people', TENANT, PersonSchema.omit(meta).parse(data));
      const oakwood = await school({
        urn: '100001',
        name: 'Oakwood Primary School',
        phase: 'Primary',
        governance: 'maintained',
        linkOfficerEmail: 'olive.officer@la.gov.uk',
        headteacherEmail: 'hannah.head@oakwood.sch.uk',
      });
      const elm = await school({ urn: '100002', name: 'Elm Academy', phase: 'Secondary', hasSixthForm: true, governance: 'academy', linkOfficerEmail: 'olive.officer@la.gov.uk' });
      const birch = await school({ urn: '100003', name: 'Birch Infant School', phase: 'Primary', governance: 'maintained' });
      const officer = await person({ email: 'olive.officer@la.gov.uk', name: 'Olive Officer', roles: ['officer'], aadObjectId: 'aad-officer' });
      const sit = await person({ email: 'sam.sit@la.gov.uk', name: 'Sam Sit', roles: ['sit'], aadObjectId: 'aad-sit' });
      const head = await person({ email: 'hannah.head@oakwood.sch.uk', name: 'Hannah Head', roles: ['headteacher'], schools: ['100001'], aadObjectId: 'aad-head' });
      const elmHead = await person({ email: 'ed.head@elm.sch.uk', name: 'Ed Head', roles: ['headteacher'], schools: ['100002'], aadObjectId: 'aad-elm-head' });
      const governor = await person({ email: 'gus.gov@oakwood.sch.uk', name: 'Gus Governor', roles: ['governor'], schools: ['100001'] });
      return { oakwood, elm, birch, officer, sit, head, elmHead, governor };
    },
    { actor: 'test' },
  );
  // Delivery played in memory: Teams reaches everyone unless scripted otherwise; Teams and mail record what they sent.
  const messenger = new FakeMessenger();
  const mailer = new FakeMailer();
  /** What reached people in Teams, in order. */
  const sent = messenger.toPeople;
  const deps = { store, clock, messenger, mailer, logger: silentLogger, timeZone: LONDON, composers: featureComposers() };
  /** Sends what a press recorded, as the server does once it has answered, and resolves when that is done. */
  const sendAfterAnswer = async (pressed: { outboxIds: readonly string[] }, overrides: Partial<typeof deps> = {}) => {
    const dispatcher = new AfterAnswerDispatcher({ ...deps, ...overrides });
    dispatcher.dispatch(TENANT, pressed.outboxIds);
    await dispatcher.idle();
  };
  return { ...deps, sent, tenantId: TENANT, sendAfterAnswer, ...value };
}

export type SchoolWorld = Awaited<ReturnType<typeof schoolWorld>>;

/**
 * The store as the bot sees it when it stops right after a unit of work commits: every write goes through, but
 * the first thing a dispatch does (read the outbox item it recorded) fails, so nothing is sent from the use case.
 */
export function stopsBeforeSending(store: Store): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'get') {
        return (async (collection: string, ...rest: unknown[]) => {
          if (collection === 'outbox') throw new Error('the bot stopped');
          return (target.get as (...args: unknown[]) => unknown)(collection, ...rest);
        }) as Store['get'];
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
