import { AgendaTemplateSchema } from '../../src/domain/agenda-template.js';
import { ConflictError, NotAllowedError } from '../../src/domain/errors.js';
import type { Person } from '../../src/domain/person.js';
import { SchoolSchema } from '../../src/domain/school.js';
import { TEXT_LIMITS } from '../../src/domain/text-limits.js';
import { assertCanRespond, assertTransition, mayReadVisit, canTransition, deriveThemes, isEditable, validateAnswers, visitDate, VisitSchema, type VisitStatus } from '../../src/domain/visit.js';

const template = AgendaTemplateSchema.parse({
  id: 'trial-visit',
  name: 'Trial visit',
  version: 1,
  description: 'A visit used in tests.',
  visitType: 'other',
  items: [
    { id: 'confidence', prompt: 'How confident are staff?', kind: 'rag', required: true },
    { id: 'syllabus', prompt: 'Syllabus use', kind: 'choice', options: ['Basis of planning', 'Not used'] },
    { id: 'links', prompt: 'Links wanted?', kind: 'yesno', theme: 'nextStep' },
    { id: 'strengths', prompt: 'Strengths to share', kind: 'text', required: true, theme: 'success' },
    { id: 'gaps', prompt: 'Areas lacking confidence', kind: 'text', theme: 'challenge' },
  ],
});

describe('validateAnswers', () => {
  it('when a draft leaves required items blank, then it is accepted and blanks are dropped', () => {
    const r = validateAnswers(template, { confidence: ' amber ', strengths: '  ', gaps: '' }, 'draft');
    expect(r).toEqual({ answers: { confidence: 'amber' }, errors: [] });
  });

  it('when a submission leaves required items blank, then each error is about its item, names it by its prompt alone and says what to do', () => {
    const r = validateAnswers(template, { syllabus: 'Not used' }, 'submit');
    expect(r.errors.map((e) => e.field)).toEqual(['confidence', 'strengths']);
    expect(r.errors[0]!.message).toContain('How confident are staff?');
    expect(r.errors[0]!.message).toBe('Answer "How confident are staff?" to submit the visit, or save a draft.');
    expect(r.answers).toEqual({ syllabus: 'Not used' });
  });

  it.each([
    ['a rating that is not red, amber or green', { confidence: 'blue' }, 'confidence', 'red, amber or green'],
    ['a choice that is not an option', { syllabus: 'Sometimes' }, 'syllabus', 'Basis of planning, Not used'],
    ['a yes/no that is neither', { links: 'maybe' }, 'links', 'yes or no'],
    ['an item the agenda does not have', { weather: 'sunny' }, 'weather', 'This card is out of date'],
    ['a value that is not text', { gaps: 42 }, 'gaps', 'must be text'],
  ])('when a draft holds %s, then the field is named', (_what, raw, field, text) => {
    const r = validateAnswers(template, raw, 'draft');
    expect(r.errors).toEqual([{ field, message: expect.stringContaining(text) }]);
  });

  it('when a text answer is as long as an answer may be, then it is kept; one character more, and it is named as too long', () => {
    expect(validateAnswers(template, { strengths: 'a'.repeat(TEXT_LIMITS.answer) }, 'draft').errors).toEqual([]);
    const r = validateAnswers(template, { strengths: 'a'.repeat(TEXT_LIMITS.answer + 1) }, 'draft');
    expect(r.errors).toEqual([{ field: 'strengths', message: expect.stringMatching(/^The answer to ".+" is too long: 2,001 characters, and at most 2,000 fit\./) }]);
    expect(r.answers).toEqual({});
  });

  it('when every answer is good, then a submission passes', () => {
    const raw = { confidence: 'green', syllabus: 'Basis of planning', links: 'yes', strengths: 'Visits to places of worship', gaps: 'Teaching Sikhism' };
    expect(validateAnswers(template, raw, 'submit')).toEqual({ answers: raw, errors: [] });
  });
});

describe('deriveThemes', () => {
  it('when answers feed themes, then each theme entry keeps its item and reads on its own', () => {
    const themes = deriveThemes(template, { confidence: 'green', links: 'yes', strengths: 'Visits to places of worship', gaps: '' }, { strengths: ['Curriculum', 'Relationships and trust'] });
    expect(themes).toEqual([
      { theme: 'nextStep', itemId: 'links', text: 'Links wanted?: yes', tags: [] },
      { theme: 'success', itemId: 'strengths', text: 'Visits to places of worship', tags: ['Curriculum', 'Relationships and trust'] },
    ]);
  });
});

describe('status transitions', () => {
  const all: VisitStatus[] = ['planned', 'draft', 'submitted', 'declined'];
  const allowed = new Set(['planned>draft', 'planned>submitted', 'planned>declined', 'draft>draft', 'draft>submitted', 'draft>declined']);
  const cases = all.flatMap((from) => all.map((to) => [from, to, allowed.has(`${from}>${to}`)] as const));

  it.each(cases)('when a %s visit becomes %s, then allowed is %s', (from, to, ok) => {
    expect(canTransition(from, to)).toBe(ok);
    if (ok) expect(() => assertTransition({ status: from }, to)).not.toThrow();
    else expect(() => assertTransition({ status: from }, to)).toThrow(ConflictError);
  });

  it('when a submitted visit is edited, then the visitor is told it is read-only', () => {
    expect(() => assertTransition({ status: 'submitted' }, 'draft')).toThrow('submitted and can no longer be changed');
    expect(isEditable({ status: 'submitted' })).toBe(false);
    expect(isEditable({ status: 'draft' })).toBe(true);
  });
});

const meta = { id: 'v1', tenantId: 't', version: 1, createdAt: '2026-10-01T09:00:00Z', updatedAt: '2026-10-01T09:00:00Z' };
const base = { ...meta, schoolUrn: '100001', templateId: 'trial-visit', templateVersion: 1, visitType: 'other', visitorId: 'p1' };

describe('VisitSchema', () => {
  it.each([
    ['a declined visit without a reason', { status: 'declined' }, 'declinedReason'],
    ['a submitted visit without a time', { status: 'submitted' }, 'submittedAt'],
    ['a disputed copy without a comment', { status: 'submitted', submittedAt: '2026-10-02T10:00:00Z', schoolResponse: { by: 'h1', at: '2026-10-03T10:00:00Z', verdict: 'disputed' } }, 'schoolResponse.comment'],
  ])('when %s is stored, then it is refused naming %s', (_what, fields, path) => {
    const r = VisitSchema.safeParse({ ...base, ...fields });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('when a visit holds no concern field, then nothing about a concern can be stored on it', () => {
    const v = VisitSchema.parse({ ...base, status: 'draft', confidentialConcern: 'text' });
    expect(v).not.toHaveProperty('confidentialConcern');
  });
});

describe('visitDate', () => {
  it.each([
    ['the day it took place', { visitedDate: '2026-10-05', submittedAt: '2026-10-06T09:00:00Z', plannedDate: '2026-10-01' }, '2026-10-05'],
    ['the day it was submitted (London time)', { submittedAt: '2027-08-31T23:30:00Z', plannedDate: '2027-08-30' }, '2027-09-01'],
    ['the day it was declined', { declinedAt: '2026-11-02T12:00:00Z', plannedDate: '2026-12-01' }, '2026-11-02'],
    ['the planned day', { plannedDate: '2026-12-01' }, '2026-12-01'],
    ['the day it was started', {}, '2026-10-01'],
  ])('when the visit knows %s, then it counts on that day', (_what, fields, expected) => {
    expect(visitDate({ createdAt: meta.createdAt, ...fields })).toBe(expected);
  });
});

describe('assertCanRespond', () => {
  const sent = { schoolUrn: '100001', status: 'submitted' as const, copySentAt: '2026-10-02T10:00:00Z' };
  const head = { roles: ['headteacher' as const], schools: ['100001'], email: 'head@school.example.org' };
  const school = { urn: '100001', headteacherEmail: 'registered.head@school.example.org' };

  it('when the school\'s headteacher answers a submitted note, its copy sent or still on its way, then it is allowed', () => {
    expect(() => assertCanRespond(sent, head)).not.toThrow();
    expect(() => assertCanRespond({ ...sent, copySentAt: undefined }, head)).not.toThrow();
  });

  it("when the person holds no headteacher role but has the register's headteacher e-mail, then they may answer; anyone else with no role may not", () => {
    expect(() => assertCanRespond(sent, { roles: [], schools: [], email: 'registered.head@school.example.org' }, school)).not.toThrow();
    expect(() => assertCanRespond(sent, { roles: [], schools: [], email: 'deputy@school.example.org' }, school)).toThrow(NotAllowedError);
    expect(() => assertCanRespond(sent, { roles: [], schools: [], email: 'registered.head@school.example.org' })).toThrow(NotAllowedError);
  });

  it.each([
    ['another school\'s headteacher', sent, { roles: ['headteacher' as const], schools: ['100002'], email: 'other@school.example.org' }, NotAllowedError],
    ['an officer', sent, { roles: ['officer' as const], schools: ['100001'], email: 'officer@la.example.org' }, NotAllowedError],
    ['the headteacher before the note is submitted', { ...sent, status: 'draft' as const }, head, ConflictError],
    ['the headteacher a second time', { ...sent, schoolResponse: { by: 'h1', at: '2026-10-03T10:00:00Z', verdict: 'accurate' as const } }, head, ConflictError],
  ])('when %s answers, then it is refused', (_who, visit, person, error) => {
    expect(() => assertCanRespond(visit, person)).toThrow(error);
    expect(() => assertCanRespond(visit, person, school)).toThrow(error);
  });
});

describe('mayReadVisit', () => {
  const school = SchoolSchema.parse({
    ...meta,
    id: 's1',
    urn: '100001',
    name: 'Oakwood Primary School',
    governance: 'maintained',
    headteacherEmail: 'registered.head@school.example.org',
    reLeadEmail: 're.lead@school.example.org',
    chairOfGovernorsEmail: 'chair@school.example.org',
    dioceseContactEmail: 'diocese@diocese.example.org',
    linkOfficerEmail: 'link@la.example.org',
  });
  const sacre = { schoolGetsCopy: true, copyAlsoTo: ['reLead' as const] };
  const internal = { schoolGetsCopy: false, copyAlsoTo: [] };
  const visitor = 'p-visitor';
  const at = (status: VisitStatus) => ({ status, visitorId: visitor });
  let n = 0;
  const who = (roles: Person['roles'], email: string, schools: string[] = [], id = `p-${++n}`) => ({ id, roles, email, schools });
  const theVisitor = who(['officer'], 'v@la.example.org', [], visitor);
  const theSacreVisitor = who(['sacreVisitor'], 'sv@sacre.example.org', [], visitor);
  const officer = who(['officer'], 'o@la.example.org');
  const sit = who(['sit'], 's@la.example.org');
  const linkOfficer = who(['officer'], 'link@la.example.org');
  const admin = who(['admin'], 'a@la.example.org');
  const otherSacreVisitor = who(['sacreVisitor'], 'other.sv@sacre.example.org');
  const headByRole = who(['headteacher'], 'head@school.example.org', ['100001']);
  const headByEmail = who([], 'registered.head@school.example.org');
  const reLead = who([], 're.lead@school.example.org');
  const otherHead = who(['headteacher'], 'other@school.example.org', ['100002']);
  const governor = who(['governor'], 'gov@school.example.org', ['100001']);
  const otherGovernor = who(['governor'], 'gov@other.example.org', ['100002']);
  const otherDiocese = who(['diocese'], 'd@other-diocese.example.org', ['100002']);
  const lead = who(['concernsLead'], 'c@la.example.org');

  const cases: Array<[string, ReturnType<typeof who>, VisitStatus, typeof sacre | typeof internal, boolean]> = [
    // A draft (or a planned visit) is its visitor's alone.
    ['its visitor, a draft', theVisitor, 'draft', internal, true],
    ['its visitor, a planned visit', theVisitor, 'planned', internal, true],
    ['its SACRE visitor, a draft', theSacreVisitor, 'draft', sacre, true],
    ['another officer, a draft', officer, 'draft', internal, false],
    ['a SIT member, a draft', sit, 'draft', internal, false],
    ['the link officer, a draft', linkOfficer, 'draft', internal, false],
    ['an administrator, a draft', admin, 'draft', internal, false],
    ['the headteacher, a draft', headByRole, 'draft', sacre, false],
    // A submitted note: the visitor, the organisation's officers, the school's copy.
    ['its visitor, submitted', theVisitor, 'submitted', internal, true],
    ['its SACRE visitor, submitted', theSacreVisitor, 'submitted', sacre, true],
    ['another officer, submitted', officer, 'submitted', internal, true],
    ['a SIT member, submitted', sit, 'submitted', internal, true],
    ['the link officer, submitted', linkOfficer, 'submitted', internal, true],
    ['the headteacher by role, a submitted copy', headByRole, 'submitted', sacre, true],
    ["the headteacher by the register's e-mail, a submitted copy", headByEmail, 'submitted', sacre, true],
    ['the RE lead the agenda copies in', reLead, 'submitted', sacre, true],
    ['the headteacher, a visit the school gets no copy of', headByEmail, 'submitted', internal, false],
    ['an administrator, submitted', admin, 'submitted', sacre, false],
    ["another SACRE visitor, submitted", otherSacreVisitor, 'submitted', sacre, false],
    ["another school's headteacher", otherHead, 'submitted', sacre, false],
    ['a governor of the school the agenda does not copy in', governor, 'submitted', sacre, false],
    ["another school's governor", otherGovernor, 'submitted', sacre, false],
    ["another school's diocese contact", otherDiocese, 'submitted', sacre, false],
    ['the concerns lead', lead, 'submitted', sacre, false],
    // A declined visit: the visitor and officers; the school gets no copy of it.
    ['another officer, declined', officer, 'declined', sacre, true],
    ['the headteacher, declined', headByRole, 'declined', sacre, false],
    ['an administrator, declined', admin, 'declined', sacre, false],
  ];

  it.each(cases)('when %s reads, then the answer is %s', (_who, viewer, status, template, expected) => {
    expect(mayReadVisit(viewer, { visit: at(status), school, template })).toBe(expected);
  });

  it("when the agenda copies in the chair of governors and the diocese, then this school's are readers and other schools' are not", () => {
    const copied = { schoolGetsCopy: true, copyAlsoTo: ['chairOfGovernors' as const, 'diocese' as const] };
    expect(mayReadVisit(who(['governor'], 'chair@school.example.org', ['100001']), { visit: at('submitted'), school, template: copied })).toBe(true);
    expect(mayReadVisit(who(['diocese'], 'diocese@diocese.example.org', ['100001']), { visit: at('submitted'), school, template: copied })).toBe(true);
    expect(mayReadVisit(otherGovernor, { visit: at('submitted'), school, template: copied })).toBe(false);
    expect(mayReadVisit(otherDiocese, { visit: at('submitted'), school, template: copied })).toBe(false);
  });
});
