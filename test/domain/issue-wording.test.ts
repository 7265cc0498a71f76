import { z } from 'zod/v4';
import { worded } from '../../src/domain/issue-wording.js';
import { parseAgendaTemplate } from '../../src/domain/agenda-template.js';
import { activityShapeProblem } from '../../src/teams/activity-shape.js';

/** The first problem a schema reports, as a person reads it: `path: message`. */
function told(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value, worded);
  if (parsed.success) throw new Error('expected a problem');
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('the words a schema problem is reported in', () => {
  const Shape = z
    .object({
      name: z.string().min(1).max(5),
      count: z.number().int().min(1).max(9),
      kind: z.enum(['red', 'green']),
      tags: z.array(z.string()).min(1),
      mark: z.literal('x'),
      mail: z.string().email(),
      code: z.string().regex(/^\d+$/),
    })
    .strict();
  const good = { name: 'Ada', count: 2, kind: 'red', tags: ['a'], mark: 'x', mail: 'ada@example.org', code: '12' };

  it.each([
    ['a field left out', { ...good, name: undefined }, 'name: Required'],
    ['text of the wrong kind', { ...good, name: 42 }, 'name: Expected string, received number'],
    ['text too short', { ...good, name: '' }, 'name: String must contain at least 1 character(s)'],
    ['text too long', { ...good, name: 'abcdefg' }, 'name: String must contain at most 5 character(s)'],
    ['a fraction where a whole number goes', { ...good, count: 1.5 }, 'count: Expected integer, received float'],
    ['a number too small', { ...good, count: 0 }, 'count: Number must be greater than or equal to 1'],
    ['a number too big', { ...good, count: 10 }, 'count: Number must be less than or equal to 9'],
    ['a choice not on the list', { ...good, kind: 'blue' }, "kind: Invalid enum value. Expected 'red' | 'green', received 'blue'"],
    ['a choice of the wrong kind', { ...good, kind: 3 }, "kind: Expected 'red' | 'green', received number"],
    ['an empty list', { ...good, tags: [] }, 'tags: Array must contain at least 1 element(s)'],
    ['a wrong fixed value', { ...good, mark: 'y' }, 'mark: Invalid literal value, expected "x"'],
    ['a bad e-mail address', { ...good, mail: 'nope' }, 'mail: Invalid email'],
    ['text not matching its pattern', { ...good, code: 'ab' }, 'code: Invalid'],
    ['a key the schema does not know', { ...good, extra: 1 }, ": Unrecognized key(s) in object: 'extra'"],
    ['no object at all', 'text', ': Expected object, received string'],
  ])('when %s is given, then it is told as before', (_what, value, expected) => {
    expect(told(Shape, value)).toBe(expected);
  });

  it('when a kind is not one a discriminated union knows, then the kinds are listed', () => {
    const Either = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]);
    expect(told(Either, { kind: 'c' })).toBe("kind: Invalid discriminator value. Expected 'a' | 'b'");
  });

  it("when a field has a message of its own, then that message is told", () => {
    expect(told(z.object({ name: z.string().min(1, 'give a name') }), { name: '' })).toBe('name: give a name');
  });
});

describe('where the words reach a person', () => {
  it('when an administrator’s template has a list where text goes, then that field is named once, by its kind', () => {
    const template = { id: 'trial-visit', name: 'Trial', description: 'A trial agenda', visitType: 'support', items: [{ id: 'q1', prompt: ['not', 'text'], kind: 'text' }] };
    expect(() => parseAgendaTemplate(template)).toThrow('The template is not valid: items[0].prompt: Expected string, received array');
  });

  it('when a choice item’s second option is empty, then only the empty option is named', () => {
    const template = { id: 'trial-visit', name: 'Trial', description: 'A trial agenda', visitType: 'support', items: [{ id: 'q1', prompt: 'Pick', kind: 'choice', options: ['a', ' '] }] };
    expect(() => parseAgendaTemplate(template)).toThrow(/^The template is not valid: items\[0\]\.options\[1\]: String must contain at least 1 character\(s\)$/);
  });

  it('when an activity lacks its conversation, then the 400 names the field as before', () => {
    const activity = { type: 'message', channelId: 'msteams', serviceUrl: 'https://smba.example.org/', from: { id: 'u1' }, text: 'help' };
    expect(activityShapeProblem(activity)).toBe('conversation: Required');
    expect(activityShapeProblem({ ...activity, conversation: { id: '' } })).toBe('conversation.id: String must contain at least 1 character(s)');
  });
});
