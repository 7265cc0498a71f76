import type { z } from 'zod/v4';

/**
 * The words a schema's problem is reported in where the bot passes it on as it is: an HTTP 400 body, an
 * administrator's template file, a backup or store file that does not read, the risk scale in the settings. These
 * are the words those reports have always used (zod 3's), so a person, a script or a runbook that knows them is not
 * surprised. A field with a message of its own keeps it: this only words the problems a schema leaves to zod.
 *
 * Passed to a parse as its error map: `schema.safeParse(value, worded)`.
 */
export const issueWording: z.core.$ZodErrorMap<z.core.$ZodIssue> = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return typeProblem(issue.expected, issue.input);
    case 'invalid_value':
      return valueProblem(issue);
    case 'too_small':
      return sizeProblem(issue.origin, issue.exact ? 'exactly' : issue.inclusive ? 'at least' : 'more than', Number(issue.minimum), true, issue.inclusive);
    case 'too_big':
      return sizeProblem(issue.origin, issue.exact ? 'exactly' : issue.inclusive ? 'at most' : 'less than', Number(issue.maximum), false, issue.inclusive);
    case 'invalid_format':
      return formatProblem(issue);
    case 'not_multiple_of':
      return `Number must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `Unrecognized key(s) in object: ${listed(issue.keys, ', ')}`;
    case 'invalid_union':
      return issue.note === 'No matching discriminator' ? `Invalid discriminator value. Expected ${listed(discriminatorValues(issue), ' | ')}` : 'Invalid input';
    case 'invalid_key':
      return issue.issues[0]?.message ?? 'Invalid input';
    default:
      return 'Invalid input';
  }
};

/** A value's kind as zod 3 named it: `nan`, `float` for a fraction where a whole number was wanted, `array`, `null`, … */
function kindOf(value: unknown, expected?: string): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : expected === 'int' && !Number.isInteger(value) ? 'float' : 'number';
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (value instanceof Date) return 'date';
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  return typeof value;
}

const EXPECTED: Readonly<Record<string, string>> = { int: 'integer', record: 'object', tuple: 'array' };

function typeProblem(expected: string, input: unknown): string {
  if (input === undefined) return 'Required';
  if (typeof input === 'number' && (expected === 'number' || expected === 'int') && !Number.isNaN(input) && !Number.isFinite(input)) return 'Number must be finite';
  return `Expected ${EXPECTED[expected] ?? expected}, received ${kindOf(input, expected)}`;
}

function valueProblem(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidValue>): string {
  const kind = (issue.inst as { _zod: { def: { type: string } } } | undefined)?._zod.def.type;
  if (kind === 'literal') return `Invalid literal value, expected ${JSON.stringify(issue.values[0])}`;
  if (typeof issue.input !== 'string') return issue.input === undefined ? 'Required' : `Expected ${listed(issue.values, ' | ')}, received ${kindOf(issue.input)}`;
  return `Invalid enum value. Expected ${listed(issue.values, ' | ')}, received '${issue.input}'`;
}

function sizeProblem(origin: string, bound: string, limit: number, small: boolean, inclusive: boolean | undefined): string {
  if (origin === 'array' || origin === 'set') return `Array must contain ${bound} ${limit} element(s)`;
  if (origin === 'string') return `String must contain ${bound === 'more than' ? 'over' : bound === 'less than' ? 'under' : bound} ${limit} character(s)`;
  if (origin === 'number' || origin === 'bigint') {
    if (bound === 'exactly') return `Number must be exactly${small ? ' equal to' : ''} ${limit}`;
    return `Number must be ${small ? 'greater than' : 'less than'}${inclusive ? ' or equal to' : ''} ${limit}`;
  }
  return 'Invalid input';
}

const FORMATS: Readonly<Record<string, string>> = { ipv4: 'ip', ipv6: 'ip', cidrv4: 'cidr', cidrv6: 'cidr', guid: 'uuid' };

function formatProblem(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  const detail = issue as { prefix?: string; suffix?: string; includes?: string };
  if (issue.format === 'regex') return 'Invalid';
  if (issue.format === 'starts_with') return `Invalid input: must start with "${detail.prefix}"`;
  if (issue.format === 'ends_with') return `Invalid input: must end with "${detail.suffix}"`;
  if (issue.format === 'includes') return `Invalid input: must include "${detail.includes}"`;
  return `Invalid ${FORMATS[issue.format] ?? issue.format}`;
}

function discriminatorValues(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): unknown[] {
  const def = (issue.inst as { _zod: { def: { discriminator?: string; options?: { _zod: { propValues?: Record<string, Set<unknown>> } }[] } } } | undefined)?._zod.def;
  if (!def?.discriminator || !def.options) return [];
  return def.options.flatMap((o) => [...(o._zod.propValues?.[def.discriminator!] ?? [])]);
}

/** Values as zod 3 listed them: strings in single quotes. */
const listed = (values: readonly unknown[], separator: string) => values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(separator);

/** Parse options for a schema whose problems reach a person, worded as above. */
export const worded: z.core.ParseContext<z.core.$ZodIssue> = { error: issueWording };

/**
 * The same, each problem keeping the value it was found in (`input`), for a caller that tells a box left empty
 * (`input` undefined) from one filled in wrongly. Kept to those callers, so typed text is not carried further.
 */
export const wordedWithInput: z.core.ParseContext<z.core.$ZodIssue> = { error: issueWording, reportInput: true };
