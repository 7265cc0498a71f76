import { z } from 'zod/v4';

/**
 * What `deliver` is asked to send, in the shape it is kept in the outbox (`OutboxItem.payload`) while it waits.
 * Payloads hold references and card names with their data, and never the text of a confidential concern:
 * a concern is named by its id and read from the `concerns` collection only at the moment of sending, so
 * nothing confidential is ever copied out of that collection (see docs/privacy.md).
 */

// The transform makes `data` a required key (of unknown type), as `CardRef` has it.
const CardRefSchema = z.object({ name: z.string().min(1), data: z.unknown() }).transform(({ name, data }) => ({ name, data }));

const OutgoingMessageSchema = z.object({ text: z.string().min(1), card: CardRefSchema.optional() });

const MailMessageSchema = z.object({ to: z.array(z.string().email()).min(1), subject: z.string().min(1), html: z.string().min(1) });

const RecipientSchema = z.object({ aadObjectId: z.string().min(1).optional(), name: z.string().min(1), email: z.string().email() });

/** The kinds of target, each by the key that names it (`deliveryPayloadOf` checks `person` and `message` plainly: keep it in step). */
const TARGETS = [
  /** Who receives it. A person record is read again at each attempt, so a changed Entra id or e-mail is used. */
  ['person', z.object({ person: z.string().min(1) })],
  /** Someone with no person record (e.g. a school contact known only by e-mail). */
  ['recipient', z.object({ recipient: RecipientSchema })],
  ['channel', z.object({ channel: z.enum(['sit', 'partnership', 'concerns']), partnership: z.string().min(1).optional() })],
  /** A message the bot sent earlier, replaced in place for everyone in its conversation (no e-mail fallback). */
  ['message', z.object({ message: z.object({ conversation: z.record(z.string(), z.unknown()), activityId: z.string().min(1) }) })],
] as const;
export type DeliveryTarget = z.infer<(typeof TARGETS)[number][1]>;

/**
 * Who receives it: a person, a recipient, a channel or a message, by the first of those keys it has. Parsed as that
 * kind alone, as a union would settle it, without first failing the kinds before it (which cost more than the parse
 * itself: every item is parsed when queued, and again when sent).
 */
export const DeliveryTargetSchema: z.ZodType<DeliveryTarget, unknown> = z.unknown().transform((value, ctx) => {
  const kind = typeof value === 'object' && value !== null ? TARGETS.find(([key]) => key in value) : undefined;
  if (!kind) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Expected a person, a recipient, a channel or a message' });
    return z.NEVER;
  }
  const parsed = kind[1].safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue(issue);
  return z.NEVER;
});

/**
 * What is sent.
 * - `message`: ordinary content, kept as given. Never put confidential-concern text here.
 * - `concern`: the form older outbox items hold a concerns lead's notice in; it is sent as the `composed`
 *   notice of the concerns feature (`concern.notice`, ref `{ concernId, card }`), which new items name directly.
 * - `composed`: built at send time by the composer registered under that name (`DeliveryDeps.composers`) from the records
 *   `ref` names (e.g. `{ visitId }`), so what people wrote (a visit's answers, a dispute comment) is read from
 *   its record when sent and never copied into the outbox or its backups.
 */
export const DeliveryContentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    message: OutgoingMessageSchema,
    /** The e-mail to send if Teams cannot reach the person; without it there is no e-mail fallback. */
    mail: MailMessageSchema.omit({ to: true }).optional(),
  }),
  z.object({ kind: z.literal('concern'), concernId: z.string().min(1), card: z.string().min(1).optional() }),
  z.object({ kind: z.literal('composed'), composer: z.string().min(1), ref: z.record(z.string(), z.string()) }),
]);
export type DeliveryContent = z.infer<typeof DeliveryContentSchema>;

/** The payload of an outbox item made by `deliver` (`deliveryPayloadOf` builds the common ones plainly: keep it in step). */
export const DeliveryPayloadSchema = z.object({
  /** What it is in the requester's words ("the health check for Hillside Primary"), never confidential text. */
  about: z.string().min(1),
  to: DeliveryTargetSchema,
  content: DeliveryContentSchema,
  /** How it finally went, once sent. */
  sentVia: z.enum(['teams', 'mail']).optional(),
  /** The key its mail goes with when it has no outbox item of its own from the start (see `attemptDelivery`). */
  deliveryKey: z.string().min(1).optional(),
});
export type DeliveryPayload = z.infer<typeof DeliveryPayloadSchema>;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** What `z.object` takes: an object that is not a list. */
const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of a plain object's entries, as `z.record` gives it, when every key is plain and every value passes `value`;
 * undefined when the schema is better placed to judge (another prototype, a symbol key, `constructor` or `__proto__`).
 */
function plainRecord(input: unknown, value: (v: unknown) => boolean): Record<string, unknown> | undefined {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Reflect.ownKeys(input)) {
    if (typeof key !== 'string' || key === 'constructor' || key === '__proto__') return undefined;
    const v = (input as Record<string, unknown>)[key];
    if (!value(v)) return undefined;
    out[key] = v;
  }
  return out;
}

/** A person or a message to replace, as DeliveryTargetSchema gives it; undefined for any other target, or one it doubts. */
function plainTarget(to: DeliveryTarget): DeliveryTarget | undefined {
  if ('person' in to) return isText(to.person) ? { person: to.person } : undefined;
  if ('recipient' in to || 'channel' in to || !('message' in to)) return undefined;
  const { message } = to as { message: unknown };
  if (!isObject(message)) return undefined;
  const { conversation, activityId } = message as Partial<ActivityReferenceShape>;
  const copied = plainRecord(conversation, () => true);
  return copied && isText(activityId) ? { message: { conversation: copied, activityId } } : undefined;
}

type ActivityReferenceShape = { conversation: unknown; activityId: unknown };

/**
 * The payload of a request, as `DeliveryPayloadSchema.parse` gives it (the same fields, in the same order). What a
 * card press queues, a composed content for a person or for the message that held the card, is checked plainly and
 * built here, since the parse, made for every item queued, costs several times the check; anything else, or anything
 * the plain check doubts, is parsed by the schema, which throws its own error.
 */
export function deliveryPayloadOf(request: Pick<DeliveryRequest, 'about' | 'to' | 'content'>): DeliveryPayload {
  const { about, to, content } = request;
  const target = isObject(to) ? plainTarget(to) : undefined;
  const ref = isObject(content) && content.kind === 'composed' && isText(content.composer) ? plainRecord(content.ref, (v) => typeof v === 'string') : undefined;
  if (isText(about) && target && ref) return { about, to: target, content: { kind: 'composed', composer: (content as { composer: string }).composer, ref: ref as Record<string, string> } };
  return DeliveryPayloadSchema.parse({ about, to, content });
}

export interface DeliveryRequest {
  tenantId: string;
  to: DeliveryTarget;
  content: DeliveryContent;
  about: string;
  /** Person record id of whoever asked for it: told if it is queued and finally fails. */
  requestedBy?: string;
  /**
   * Makes a repeated request (a double click, a Teams retry, a second instance running the same job)
   * deliver once: the first result is returned again. Without it every call sends.
   */
  idempotencyKey?: string;
}

/** What happened, with a sentence the caller can show the officer as it is. */
export type DeliveryOutcome =
  | { status: 'sent'; via: 'teams' | 'mail'; replayed: boolean }
  | { status: 'queued'; outboxId: string; message: string }
  | { status: 'undeliverable'; reason: string; message: string };
