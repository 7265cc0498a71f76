import { AgendaTemplateSchema } from '../../src/domain/agenda-template.js';
import { DEFAULT_THEME_TAGS, splitTags, validateAnswerTags } from '../../src/domain/theme-tags.js';

const template = AgendaTemplateSchema.parse({
  id: 'trial-visit',
  name: 'Trial visit',
  version: 1,
  description: 'A visit used in tests.',
  visitType: 'partnership',
  items: [
    { id: 'vision', prompt: 'Vision', kind: 'text' },
    { id: 'successes', prompt: 'Main successes', kind: 'text', theme: 'success' },
    { id: 'challenges', prompt: 'Key challenges', kind: 'text', theme: 'challenge' },
    { id: 'concerns', prompt: 'Open concerns', kind: 'text', theme: 'concern' },
  ],
});
const inputId = (id: string) => `visit.tags.${id}`;

describe('theme tags on a template', () => {
  it('when a template gives no list, then it takes the partnership report\'s fifteen themes', () => {
    expect(template.themeTags).toEqual([...DEFAULT_THEME_TAGS]);
    expect(template.themeTags).toHaveLength(15);
  });

  it.each([
    ['its own list', ['Reading', 'Writing'], true],
    ['an empty list', [], false],
    ['a tag with a comma', ['Reading, writing'], false],
    ['the same tag twice', ['Reading', 'reading'], false],
  ])('when an administrator gives %s, then valid is %s', (_case, themeTags, valid) => {
    expect(AgendaTemplateSchema.safeParse({ ...template, themeTags }).success).toBe(valid);
  });
});

describe('validateAnswerTags', () => {
  const answered = new Set(['successes', 'challenges', 'concerns']);
  it.each([
    ['each answer tagged', 'submit', { successes: 'Funding,Curriculum', challenges: 'recruitment' }, { successes: ['Funding', 'Curriculum'], challenges: ['Recruitment'] }, []],
    ['a success left untagged, on submit', 'submit', { challenges: 'Recruitment' }, { challenges: ['Recruitment'] }, ['visit.tags.successes']],
    ['a success left untagged, in a draft', 'draft', { challenges: 'Recruitment' }, { challenges: ['Recruitment'] }, []],
    ['a tag not on the list', 'draft', { successes: 'Funding,Weather' }, {}, ['visit.tags.successes']],
    ['tags on an item that feeds no tagged theme', 'submit', { successes: 'Funding', challenges: 'Funding', vision: 'Funding', concerns: 'Funding' }, { successes: ['Funding'], challenges: ['Funding'] }, []],
  ] as const)('when %s, then the tags and the fields in error follow', (_case, mode, raw, tags, fields) => {
    const r = validateAnswerTags(template, raw, answered, mode, inputId);
    expect(r.tags).toEqual(tags);
    expect(r.errors.map((e) => e.field)).toEqual(fields);
  });

  it('when an answer is left blank, then its tags are dropped and none are needed', () => {
    expect(validateAnswerTags(template, { successes: 'Funding' }, new Set(), 'submit', inputId)).toEqual({ tags: {}, errors: [] });
  });

  it('when Teams sends a multi-select, then its comma-separated value is read as tags, each once', () => {
    expect(splitTags(' Funding , Curriculum,Funding,')).toEqual(['Funding', 'Curriculum']);
  });
});
