import {
  AgendaTemplateSchema,
  copyRecipients,
  CONFIDENTIAL_CONCERN_INPUT_ID,
  fromStoredTemplate,
  latestVersions,
  mayUseTemplate,
  parseAgendaTemplate,
  toStoredTemplate,
  whyNotAllowed,
  type AgendaTemplate,
} from '../../src/domain/agenda-template.js';
import { InvalidInputError } from '../../src/domain/errors.js';
import { SchoolSchema } from '../../src/domain/school.js';

const minimal = {
  id: 'trial-visit',
  name: 'Trial visit',
  version: 1,
  description: 'A visit used in tests.',
  visitType: 'other',
  items: [{ id: 'summary', prompt: 'Summary', kind: 'text', required: true, theme: 'success' }],
};

function errorOf(json: unknown): InvalidInputError {
  try {
    parseAgendaTemplate(json);
  } catch (e) {
    return e as InvalidInputError;
  }
  throw new Error('expected the template to be refused');
}

describe('parseAgendaTemplate', () => {
  it('when a template leaves out the optional settings, then the defaults apply', () => {
    const t = parseAgendaTemplate({ ...minimal, version: undefined });
    expect(t).toMatchObject({ trainingRequired: false, schoolGetsCopy: false, copyAlsoTo: [], countsTowardEntitlement: true, attendees: [] });
    expect(t.items[0]).toMatchObject({ required: true, theme: 'success' });
  });

  it.each([
    ['a kind that does not exist', { items: [{ id: 'a', prompt: 'A', kind: 'txt' }] }, 'items[0].kind'],
    ['a choice without options', { items: [{ id: 'a', prompt: 'A', kind: 'choice' }] }, 'items[0].options'],
    ['options on a rating', { items: [{ id: 'a', prompt: 'A', kind: 'rag', options: ['x', 'y'] }] }, 'items[0].options'],
    ['the same item id twice', { items: [{ id: 'a', prompt: 'A', kind: 'text' }, { id: 'a', prompt: 'B', kind: 'text' }] }, 'items[1].id'],
    ['a misspelt setting', { requred: true }, '(the template)'],
    ['an id that is not a slug', { id: 'Trial Visit' }, 'id'],
    ['no items at all', { items: [] }, 'items'],
    ['an unknown theme', { items: [{ id: 'a', prompt: 'A', kind: 'text', theme: 'praise' }] }, 'items[0].theme'],
    ['the reserved concern input id', { items: [{ id: CONFIDENTIAL_CONCERN_INPUT_ID, prompt: 'A', kind: 'text' }] }, 'items[0].id'],
  ])('when a template has %s, then it is refused naming %s', (_what, change, field) => {
    const e = errorOf({ ...minimal, ...change });
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.field).toBe(field);
    expect(e.message).toContain(field);
  });

  it('when several fields are wrong, then the message names each of them', () => {
    const e = errorOf({ ...minimal, visitType: 'social', items: [{ id: 'a', prompt: '', kind: 'text' }] });
    expect(e.message).toContain('visitType');
    expect(e.message).toContain('items[0].prompt');
  });
});

describe('stored templates', () => {
  it('when a template is stored and read back, then it is the same template', () => {
    const t = AgendaTemplateSchema.parse(minimal);
    const stored = toStoredTemplate(t, 'cli:admin');
    expect(stored.id).toBe('trial-visit@1');
    const meta = { tenantId: 't', version: 3, createdAt: '2026-11-23T10:00:00Z', updatedAt: '2026-11-23T10:00:00Z' };
    expect(fromStoredTemplate({ ...stored, ...meta })).toEqual(t);
  });

  it('when several versions exist, then only the newest of each id is listed, by name', () => {
    const t = (id: string, name: string, version: number) => ({ ...AgendaTemplateSchema.parse(minimal), id, name, version }) as AgendaTemplate;
    const list = latestVersions([t('b-visit', 'Beta', 1), t('a-visit', 'Alpha', 2), t('b-visit', 'Beta', 3), t('a-visit', 'Alpha', 1)]);
    expect(list.map((x) => `${x.id}@${x.version}`)).toEqual(['a-visit@2', 'b-visit@3']);
  });
});

describe('who may use a template', () => {
  const sacre = { id: 'sacre-re-visit', name: 'SACRE RE visit', trainingRequired: true, visitType: 'sacre' as const };
  const open = { id: 'sit-support-visit', name: 'SIT support visit', trainingRequired: false, visitType: 'support' as const };
  const annual = { id: 'la-annual-visit', name: 'LA annual visit', trainingRequired: false, visitType: 'annual' as const };
  const officer = { roles: ['officer' as const], trainedFor: [] };
  const trained = { roles: ['officer' as const], trainedFor: [{ templateId: 'sacre-re-visit' }] };
  const head = { roles: ['headteacher' as const], trainedFor: [{ templateId: 'sacre-re-visit' }] };
  const sacreVisitor = { roles: ['sacreVisitor' as const], trainedFor: [] };
  const trainedSacreVisitor = { roles: ['sacreVisitor' as const], trainedFor: [{ templateId: 'sacre-re-visit' }] };
  const admin = { roles: ['admin' as const], trainedFor: [{ templateId: 'sacre-re-visit' }] };

  it.each([
    ['an untrained officer', officer, sacre, false],
    ['a trained officer', trained, sacre, true],
    ['an untrained officer', officer, open, true],
    ['a trained headteacher', head, sacre, false],
    ['a trained administrator', admin, sacre, false],
    ['an untrained SACRE visitor', sacreVisitor, sacre, false],
    ['a trained SACRE visitor', trainedSacreVisitor, sacre, true],
    ['a trained SACRE visitor', trainedSacreVisitor, open, false],
    ['a trained SACRE visitor', trainedSacreVisitor, annual, false],
  ])('when %s starts %s, then allowed is %s', (_who, person, template, allowed) => {
    expect(mayUseTemplate(person, template)).toBe(allowed);
    expect(whyNotAllowed(person, template) === undefined).toBe(allowed);
  });

  it('when training is missing, then the reason names the training to record', () => {
    expect(whyNotAllowed(officer, sacre)).toContain('sacre-re-visit');
    expect(whyNotAllowed(sacreVisitor, sacre)).toContain('sacre-re-visit');
  });

  it("when a SACRE visitor tries another agenda, then the reason says they file SACRE visits only", () => {
    expect(whyNotAllowed(trainedSacreVisitor, annual)).toBe('SACRE visitors file SACRE visits only, not "LA annual visit".');
    expect(whyNotAllowed(head, open)).toBe('Only officers, SIT members and SACRE visitors file visits.');
  });

  // Known data set: on 23 November 2026, a SACRE template whose training lasts 24 months.
  const today = '2026-11-23';
  const lasting = { ...sacre, trainingValidForMonths: 24 };
  const trainedOn = (...dates: (string | undefined)[]) => ({ roles: ['officer' as const], trainedFor: dates.map((date) => ({ templateId: 'sacre-re-visit', date })) });
  it.each([
    ['trained last year, lasting 24 months', trainedOn('2025-10-01'), lasting, undefined],
    ['trained on the day', trainedOn(today), sacre, undefined],
    ['trained tomorrow (booked, not done)', trainedOn('2026-11-24'), sacre, 'yours is recorded for 2026-11-24'],
    ['trained tomorrow, even where training lasts', trainedOn('2026-11-24'), lasting, 'yours is recorded for 2026-11-24'],
    ['trained 24 months ago to the day', trainedOn('2024-11-23'), lasting, 'expired on 2026-11-23'],
    ['trained long ago and never lapsing', trainedOn('2010-01-01'), sacre, undefined],
    ['trained long ago, renewed last month', trainedOn('2020-01-01', '2026-10-01'), lasting, undefined],
    ['trained long ago, renewal booked next month', trainedOn('2020-01-01', '2026-12-01'), lasting, 'expired on 2022-01-01'],
    ['trained with no date where training lasts', trainedOn(undefined), lasting, 'has no date'],
    ['trained with no date where training never lapses', trainedOn(undefined), sacre, undefined],
  ])('when an officer %s starts a visit, then the refusal is %s', (_case, person, template, refusal) => {
    const why = whyNotAllowed(person, template, today);
    if (refusal === undefined) expect(why).toBeUndefined();
    else expect(why).toContain(refusal);
    expect(mayUseTemplate(person, template, today)).toBe(refusal === undefined);
  });

  it('when training has lapsed, then the visitor is told to renew it', () => {
    expect(whyNotAllowed(trainedOn('2024-01-10'), lasting, today)).toBe(
      'Your training for "SACRE RE visit" visits expired on 2026-01-10 (it lasts 24 months): renew it, then ask an administrator to record your training for sacre-re-visit with the new date.',
    );
  });

  it('when a visit already started is finished (no day given), then recorded training is enough', () => {
    expect(whyNotAllowed(trainedOn('2024-01-10'), lasting)).toBeUndefined();
  });
});

describe('copyRecipients', () => {
  const school = SchoolSchema.parse({
    id: 's1', tenantId: 't', version: 1, createdAt: '2026-09-01T00:00:00Z', updatedAt: '2026-09-01T00:00:00Z',
    urn: '100001', name: 'Oakwood Primary', governance: 'maintained',
    headteacherEmail: 'Head@Oakwood.sch.uk', reLeadEmail: 're@oakwood.sch.uk',
  });

  it.each([
    ['the school gets no copy', { schoolGetsCopy: false, copyAlsoTo: ['reLead' as const] }, []],
    ['the RE lead is copied too', { schoolGetsCopy: true, copyAlsoTo: ['reLead' as const] }, ['head@oakwood.sch.uk', 're@oakwood.sch.uk']],
    ['the chair is copied but unknown', { schoolGetsCopy: true, copyAlsoTo: ['chairOfGovernors' as const] }, ['head@oakwood.sch.uk']],
  ])('when %s, then the copy goes to the addresses the school holds', (_what, template, expected) => {
    expect(copyRecipients(template, school)).toEqual(expected);
  });
});
