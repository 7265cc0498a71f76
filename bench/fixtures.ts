/**
 * The bench's data: a council's schools (each with a headteacher the school's copy goes to), officers, draft
 * visits ready to submit (one per request: every submission is a distinct visit), and filler visits that bring
 * the store to a given size, spread over two years of months or all written in the current month.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreDump } from '../src/app/ports/store.port.js';
import type { Person } from '../src/domain/person.js';
import type { School } from '../src/domain/school.js';
import type { Visit } from '../src/domain/visit.js';
import { toStoredTemplate } from '../src/domain/agenda-template.js';
import { loadBuiltInTemplates } from '../src/store/built-in-templates.js';
import { openStore } from '../src/store/open-store.js';
import { VISIT_VERBS } from '../src/teams/cards/visit-agenda.card.js';
import { aHeadteacherOf, anOfficer, aSchool, cardAction, type NewPerson, type NewSchool } from '../test/support/builders.js';
import { aVisit } from '../test/support/visits.js';

export const TENANT = '3f1c9a52-7d2e-4b8a-9c41-5e0d2a7b6c10';
export const SCHOOLS = 500;
export const OFFICERS = 50;
const MONTHS = 24;
const TEMPLATE = 'sit-support-visit';

export type Layout = 'spread' | 'current';

/** One draft ready for its submission: the visit and the officer who makes it. */
export interface Draft {
  visitId: string;
  officer: Person;
}

export interface BenchStore {
  /** The lowdb store's file; with `databaseUrl`, where it would be (unused). */
  dataFile: string;
  /** The PostgreSQL database written instead of a lowdb file, when one was given. */
  databaseUrl?: string;
  /** Drafts in the store, in the order the requests submit them. */
  drafts: Draft[];
  /** The size of the filler written (MB of JSON). */
  fillMb: number;
}

const today = () => new Date().toISOString().slice(0, 10);

function stored<T extends { id?: string }>(fields: T, createdAt: string) {
  return { ...fields, id: fields.id ?? randomUUID(), tenantId: TENANT, version: 1, createdAt, updatedAt: createdAt };
}

/** A submitted visit whose answers weigh what a filled-in note does (about 2 KB of JSON). */
function fillerVisit(school: NewSchool, visitor: NewPerson, createdAt: string, i: number): Visit {
  const words = (what: string) => `${what} for note ${i}: the school's leaders talked through the plan, the evidence seen and what comes next, in some detail. `.repeat(3);
  const date = createdAt.slice(0, 10);
  const fields = aVisit(school, date, {
    visitorId: visitor.id!,
    answers: { visitKind: 'Support and challenge', focus: words('Focus'), priority1: words('Priority'), priority1Rating: 'green', actionsAgreed: words('Actions'), nextVisitFocus: words('Next') },
  });
  return stored(fields, createdAt) as Visit;
}

/** The month `back` months before now, on the 10th at noon (UTC). */
const monthsAgo = (now: Date, back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 12)).toISOString();

function filler(mb: number, layout: Layout, schools: NewSchool[], officers: NewPerson[], now: Date): Visit[] {
  if (mb <= 0) return [];
  const one = JSON.stringify(fillerVisit(schools[0]!, officers[0]!, now.toISOString(), 0)).length;
  const count = Math.round((mb * 1024 * 1024) / one);
  return Array.from({ length: count }, (_, i) => {
    const createdAt = layout === 'current' ? now.toISOString() : monthsAgo(now, MONTHS - 1 - Math.floor((i * MONTHS) / count));
    return fillerVisit(schools[i % schools.length]!, officers[i % officers.length]!, createdAt, i);
  });
}

/** 0 → "a", 25 → "z", 26 → "ba": the test builders make ids and e-mails from the letters of a name only. */
const letters = (n: number): string => (n >= 26 ? letters(Math.floor(n / 26)) : '') + String.fromCharCode(97 + (n % 26));

/** The register every store holds: schools, their headteachers (Teams users, so the copy goes over the connector) and officers. */
export function register() {
  const schools = Array.from({ length: SCHOOLS }, (_, n) => aSchool(n));
  const heads = schools.map((s, n) => aHeadteacherOf(s, `Head Teacher ${letters(n)}`));
  const officers = Array.from({ length: OFFICERS }, (_, n) => anOfficer(`Bench Officer ${letters(n)}`));
  return { schools, heads, officers };
}

/**
 * Writes a store in a new temporary folder (or the PostgreSQL database `databaseUrl`) through the store's own restore (so it is laid out exactly as the bot
 * writes it): the register, `drafts` draft visits, and `fillMb` MB of submitted visits in the given layout.
 */
export async function writeBenchStore(options: { drafts: number; fillMb: number; layout: Layout; databaseUrl?: string }): Promise<BenchStore> {
  const dir = await mkdtemp(join(tmpdir(), 'sib-bench-store-'));
  await mkdir(join(dir, 'data'));
  const dataFile = join(dir, 'data', 'db.json');
  const now = new Date();
  const createdAt = now.toISOString();
  const { schools, heads, officers } = register();
  const storedOfficers = officers.map((o) => stored(o, createdAt) as Person);
  const drafts: Draft[] = [];
  const draftVisits = Array.from({ length: options.drafts }, (_, i) => {
    const officer = storedOfficers[i % storedOfficers.length]!;
    const visit = stored(aVisit(schools[i % schools.length]!, today(), { status: 'draft', visitorId: officer.id, templateId: TEMPLATE }), createdAt);
    drafts.push({ visitId: visit.id, officer });
    return visit;
  });
  // Pinned as starting the visit pins it: a visit is read against the template version it was started with.
  const template = (await loadBuiltInTemplates()).find((t) => t.id === TEMPLATE)!;
  const dump: StoreDump = {
    format: 'school-improvement-bot/backup',
    version: 1,
    takenAt: createdAt,
    collections: {
      schools: schools.map((s) => stored(s, createdAt) as School),
      templates: [stored(toStoredTemplate(template, 'built-in'), createdAt)],
      people: [...heads.map((h) => stored(h, createdAt)), ...storedOfficers],
      visits: [...filler(options.fillMb, options.layout, schools, officers, now), ...draftVisits],
    },
  };
  const store = await openStore({ dataFile, databaseUrl: options.databaseUrl, now: () => new Date() });
  try {
    await store.restore(dump);
  } finally {
    await store.close();
  }
  return { dataFile, databaseUrl: options.databaseUrl, drafts, fillMb: options.fillMb };
}

/** The answers the SIT support agenda requires on submit (the day of the visit aside). */
export const SUBMIT_VALUES = {
  visitKind: 'Support and challenge',
  focus: 'Reading in key stage 1',
  priority1: 'Phonics catch-up',
  priority1Rating: 'amber',
  actionsAgreed: 'Leaders will review the phonics groups before half term.',
  // An answer that feeds a digest theme is tagged with at least one of the agenda's themes.
  'visit.tags.actionsAgreed': 'Curriculum',
  nextVisitFocus: 'Impact of the catch-up groups',
};

/** The body Teams posts when the officer presses Submit on the draft's agenda card. */
export function submitBody(draft: Draft, serviceUrl: string): string {
  const data = { 'visit.id': draft.visitId, 'visit.version': 1, 'visit.formId': `form-${draft.visitId}`, 'visit.visitedDate': today(), ...SUBMIT_VALUES };
  return JSON.stringify(cardAction(draft.officer, VISIT_VERBS.submit, data, { serviceUrl, tenantId: TENANT }));
}

