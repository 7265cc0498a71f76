import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as templating from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { z } from 'zod/v4';
import { worded } from '../../domain/issue-wording.js';

/** An Adaptive Card as JSON (what templates expand to and what Teams renders). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  [key: string]: unknown;
}

/** Where card templates live: `cards/<name>.json` at the project root. */
export const CARDS_DIR = fileURLToPath(new URL('../../../cards/', import.meta.url));

// adaptivecards-templating exports its classes both directly and as `default`, depending on the loader.
// A field the data leaves out would render as its literal `${field}` text (the library's substitution callback cannot
// give an empty string: it treats '' as "none"), so each card's schema gives every field its template reads a value,
// and the card tests refuse any `${…}` left in a rendered card (test/support/cards.ts, validateCard).
const { Template } = ((templating as unknown as { default?: typeof templating }).default ?? templating) as typeof templating;

/** Thrown when a card's data does not fit its schema: a programming error, named with the card and field. */
export class CardDataError extends Error {
  constructor(card: string, issue: z.ZodIssue) {
    super(`Card ${card}: data field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    this.name = 'CardDataError';
  }
}

/** Freezes a parsed template all the way down, so no render can change what the next one sees. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every card template, read and parsed once when the bot starts (this module is loaded at start-up), not on
 * each render. The files ship with the release and never change while it runs, so this is a constant, not a
 * cache: a module-level immutable map rather than a CardTemplates object threaded through every card module
 * and handler (17 render functions), which would change files owned across the team for no behaviour.
 */
const TEMPLATES: ReadonlyMap<string, object> = new Map(
  readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), deepFreeze(JSON.parse(readFileSync(`${CARDS_DIR}${f}`, 'utf8')) as object)]),
);

/** A card's parsed template (frozen: shared by every render). Throws naming a card that has no template. */
export function loadTemplate(name: string): object {
  return named(TEMPLATES, name);
}

function named<T>(templates: ReadonlyMap<string, T>, name: string): T {
  const template = templates.get(name);
  if (!template) throw new Error(`Card name ${JSON.stringify(name)} is not a template name.`);
  return template;
}

/** Makes `make` once, on the first call, and answers that from then on. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * Every template prepared for expansion: each `${…}` in it parsed into an expression tree. Parsing is most of
 * what a render costs (the summary card's template takes about 10 ms; binding its data to the parsed trees is
 * a small fraction of that), so each template is prepared on its first render and its prepared form is kept for
 * the life of the process. It is derived from the constant above and nothing else, so it can never go stale:
 * what varies from render to render is the data, bound afresh each time. Prepared on first use rather than at
 * start-up, because preparing all of them takes over a second. `Template.expand` is synchronous and keeps
 * nothing from one expansion to the next but its parsed trees, so one prepared template serves every render.
 */
const PREPARED: ReadonlyMap<string, () => InstanceType<typeof Template>> = new Map([...TEMPLATES].map(([name, json]) => [name, once(() => new Template(json))]));

/**
 * Validates the data with the card's schema, then binds it into `cards/<name>.json`. The schema's output
 * (defaults applied) is what the template sees, so templates never meet a missing required field.
 */
export function expandCard<S extends z.ZodTypeAny>(name: string, schema: S, data: z.input<S>): AdaptiveCard {
  const parsed = schema.safeParse(data, worded);
  if (!parsed.success) throw new CardDataError(name, parsed.error.issues[0]!);
  const card = named(PREPARED, name)().expand({ $root: parsed.data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error(`Card ${name}: the template did not expand to an AdaptiveCard.`);
  // A refresh bound to nothing (a preview of a card that refreshes once posted) is left out rather than sent empty.
  if (card.refresh === '') {
    const { refresh: _none, ...rest } = card;
    return rest as AdaptiveCard;
  }
  return card;
}

/** Wraps a card as a Bot Framework message attachment. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(card);
}
