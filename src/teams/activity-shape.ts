import { z } from 'zod/v4';
import { worded } from '../domain/issue-wording.js';

/**
 * The shape every activity posted to /api/messages must have before the bot looks further: what botbuilder and
 * the routes rely on (who sent it, in which conversation, where to answer) and, for the two kinds the bot acts on,
 * what they carry. Anything else is refused with 400 at the door, rather than failing inside a turn with a 200.
 * Fields the bot does not read are neither checked nor refused, so Teams may add to them.
 *
 * Every activity is checked here, so the check is kept cheap: a plain check answers for a well-formed body
 * (`plainlyWellFormed`), and the schemas, which say what is wrong, run only for one it doubts. Their parsed value
 * is never used (botbuilder reads the body itself), so they leave unknown fields out of it (zod's default) rather
 * than copying every one through, and the service URL is parsed once.
 */
/** The URL's protocol (`https:`), or undefined when the text is not a URL. */
function protocolOf(s: string): string | undefined {
  try {
    return new URL(s).protocol;
  } catch {
    return undefined;
  }
}
const isHttp = (protocol: string) => /^https?:$/.test(protocol);

const httpUrl = z.string().superRefine((s, ctx) => {
  const protocol = protocolOf(s);
  if (protocol === undefined) ctx.addIssue({ code: 'invalid_format', format: 'url', input: s, message: 'Invalid url' });
  else if (!isHttp(protocol)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an http(s) URL' });
});
const Account = z.object({ id: z.string().min(1) });

const Common = z.object({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: httpUrl,
  from: Account,
  conversation: z.object({ id: z.string().min(1) }),
  recipient: Account.optional(),
});

/** A message carries what was typed or pressed (text, a card's value) or what was attached. */
const Message = Common.extend({ text: z.string().optional(), value: z.unknown().optional(), attachments: z.array(z.unknown()).optional() }).refine(
  (m) => m.text !== undefined || m.value !== undefined || m.attachments !== undefined,
  { message: 'a message needs text, a value or attachments', path: ['text'] },
);

/** An invoke names what it invokes (`adaptiveCard/action`, …). */
const Invoke = Common.extend({ name: z.string().min(1), value: z.unknown().optional() });

/** A non-empty string, as `z.string().min(1)` has it. */
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** An object (not an array or null) whose `id` is a non-empty string: `Account` and the conversation. */
const hasId = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && isText((v as { id?: unknown }).id);

function isHttpUrl(s: unknown): boolean {
  const protocol = typeof s === 'string' ? protocolOf(s) : undefined;
  return protocol !== undefined && isHttp(protocol);
}

/**
 * Whether the body plainly has the shape the schemas above ask (a plain check costs a fraction of zod's parse,
 * and every request is checked): when it says yes, the schema would too. When it says no, the schema says why,
 * so a refusal is worded by the schema alone.
 */
function plainlyWellFormed(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const a = body as Record<string, unknown>;
  const common = isText(a.type) && isText(a.channelId) && isHttpUrl(a.serviceUrl) && hasId(a.from) && hasId(a.conversation) && (a.recipient === undefined || hasId(a.recipient));
  if (!common) return false;
  if (a.type === 'invoke') return isText(a.name);
  if (a.type !== 'message') return true;
  const { text, value, attachments } = a;
  return (text === undefined || typeof text === 'string') && (attachments === undefined || Array.isArray(attachments)) && (text !== undefined || value !== undefined || attachments !== undefined);
}

/** Why a body is not a well-formed activity (the first problem, by field, never its value), or undefined if it is. */
export function activityShapeProblem(body: unknown): string | undefined {
  return plainlyWellFormed(body) ? undefined : schemaProblem(body);
}

/**
 * What the schemas say of a body, without the plain check first: the answer `activityShapeProblem` gives whenever the
 * plain check doubts. Its tests run every case through this too, so the two stay in step when either changes.
 */
export function schemaProblem(body: unknown): string | undefined {
  const type = (body as { type?: unknown } | null)?.type;
  const schema = type === 'message' ? Message : type === 'invoke' ? Invoke : Common;
  const parsed = schema.safeParse(body, worded);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
