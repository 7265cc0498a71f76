/**
 * The SIT digest's composition for 500 schools and 50,000 visits (two academic years of them), with a fortnight's
 * health checks, self-evaluations, risk changes, action plans, notes and strategy meetings beside them, in the
 * in-memory store: what is timed is the composer alone (read every collection, group by school once, build the
 * card data), the median of several runs after a warm-up.
 */
import { composeSitDigest } from '../src/app/digests/sit-digest.js';
import { digestSettingsOf } from '../src/app/digests/digest-engine-deps.js';
import { DEFAULT_RISK_SCALE } from '../src/domain/risk.js';
import { timeZoneNamed } from '../src/domain/time-zone.js';
import { MemoryStore } from '../src/store/memory.store.js';
import { TENANT } from './fixtures.js';

const SCHOOLS = 500;
const VISITS = 50_000;
const RUNS = 7;
const DUE = new Date('2026-11-23T08:00:00Z');
const DAY = 86_400_000;
const LEVELS = DEFAULT_RISK_SCALE.levels;

const urn = (i: number) => String(200000 + i);
const instantDaysBack = (days: number) => new Date(DUE.getTime() - days * DAY).toISOString();

async function fill(store: MemoryStore): Promise<void> {
  await store.transact(
    async (tx) => {
      for (let i = 0; i < SCHOOLS; i++) {
        await tx.insert('schools', TENANT, { urn: urn(i), name: `Bench School ${i}`, phase: 'Primary', establishmentType: 'Community school', establishmentGroup: 'Local authority maintained schools', governance: 'maintained', hasNursery: false, hasSixthForm: false, cluster: `Cluster ${i % 10}`, partnerships: [], riskLevel: LEVELS[i % LEVELS.length]!, causingConcern: i % 20 === 0, inspections: [], status: 'open' });
      }
      for (let v = 0; v < VISITS; v++) {
        const at = instantDaysBack((v * 730) / VISITS);
        const declined = v % 25 === 0;
        await tx.insert('visits', TENANT, {
          schoolUrn: urn(v % SCHOOLS),
          templateId: 'la-annual-visit',
          templateVersion: 1,
          visitType: 'annual',
          visitorId: `officer-${v % 50}`,
          visitedDate: at.slice(0, 10),
          attendees: [],
          answers: {},
          answerTags: {},
          themes: [],
          ...(declined ? { status: 'declined' as const, declinedReason: 'Staff illness', declinedAt: at } : { status: 'submitted' as const, submittedAt: at }),
        });
      }
      for (let i = 0; i < SCHOOLS; i++) {
        const at = instantDaysBack(i % 30);
        await tx.insert('notes', TENANT, { schoolUrn: urn(i), source: (['visit', 'finance', 'operations', 'hr'] as const)[i % 4]!, text: 'A short note', author: 'officer-1', at });
        if (i % 5 === 0) {
          const areas = (['qualityOfEducation', 'safeguarding'] as const).map((area) => ({ area, rating: 'green' as const, evidence: 'Seen' }));
          await tx.insert('healthChecks', TENANT, { urn: urn(i), heldOn: at.slice(0, 10), officerId: 'officer-1', areas, status: 'acknowledged', submittedAt: at, notice: 'none' });
        }
        if (i % 7 === 0) await tx.insert('riskChanges', TENANT, { schoolUrn: urn(i), fromLevel: 'low', proposedLevel: 'medium', evidence: 'Evidence', proposedBy: 'officer-1', proposedAt: at, status: 'agreed', appliedAt: at, source: 'dialogue' });
        if (i % 4 === 0) {
          const milestones = [0, 1, 2].map((k) => ({ id: `m${k}`, target: 'A target', due: instantDaysBack(20 - k * 10).slice(0, 10), status: 'notStarted' as const, queries: [] }));
          await tx.insert('actionPlans', TENANT, { urn: urn(i), kind: 'school', title: 'Plan', status: 'live', createdBy: 'officer-1', priorities: [], actions: [{ id: 'a', text: 'Act', owner: 'school', ownerName: 'Head', successCriteria: 'Done', laSupport: [], milestones }], reviewDates: [], agreement: {}, delegateIds: [], changes: [] });
        }
      }
    },
    { actor: 'bench' },
  );
}

/** Milliseconds to compose the SIT digest (median of RUNS after a warm-up). */
export async function digestMs(): Promise<number> {
  const store = new MemoryStore(() => DUE);
  await fill(store);
  const ctx = {
    store,
    tenantId: TENANT,
    timeZone: timeZoneNamed('Europe/London'),
    settings: digestSettingsOf({ riskScale: DEFAULT_RISK_SCALE, visitEntitlementDefault: 6, coverage: { sacre: {}, annual: {}, support: {}, partnership: {} } }, []),
    audience: { channel: 'sit' as const },
    period: { from: instantDaysBack(14), to: DUE.toISOString() },
    asOf: DUE,
  };
  await composeSitDigest(ctx);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await composeSitDigest(ctx);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)]!);
}
