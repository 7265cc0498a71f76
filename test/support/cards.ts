import { createRequire } from 'node:module';
import type * as AdaptiveCardsSdk from 'adaptivecards';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';

/**
 * Card checks with the Adaptive Cards SDK (the renderer Teams uses), plus reading a card the way a person
 * uses it: inputs by id, actions by title, and the data Teams sends when an action is pressed.
 */

type Json = Record<string, unknown>;

// The SDK loads in Node only from its browser bundle (its main entry expects a DOM); the types are the package's.
const { AdaptiveCard: SdkCard, SerializationContext, Versions } = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsSdk;

/**
 * Parses the card with the SDK at version 1.5 and validates it: unknown elements, duplicate ids, choices
 * without a value (Teams' Chart.* elements excepted when they carry a fallback, and Teams' `choices.data` type-ahead), and (house rules) any Action.Submit, a version other than 1.5, or template text
 * `${…}` left unexpanded all fail, with every problem listed.
 */
export function validateCard(card: unknown): AdaptiveCard {
  const problems: string[] = [];
  const json = card as Json;
  if (json?.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (json?.version !== '1.5') problems.push(`version is ${String(json?.version)}, not 1.5`);
  const text = JSON.stringify(card);
  const leftover = text.match(/\$\{[^}]*\}/);
  if (leftover) problems.push(`unexpanded template text ${leftover[0]}`);
  for (const node of walk(card)) if (node.type === 'Action.Submit') problems.push(`Action.Submit "${String(node.title)}": use Action.Execute`);
  const sdk = new SdkCard();
  const context = new SerializationContext(Versions.v1_5);
  sdk.parse(card as object, context);
  // Teams' chart elements (Chart.*) are unknown to the SDK: allowed only with a fallback the SDK does know.
  const charts = [...walk(card)].filter((n) => typeof n.type === 'string' && n.type.startsWith('Chart.'));
  for (const chart of charts) if (!chart.fallback || typeof chart.fallback !== 'object') problems.push(`${String(chart.type)} has no fallback`);
  const chartEvent = (message: string) => charts.some((c) => message === `Unknown element type "${String(c.type)}". Fallback will be used if present.`);
  // Teams' dynamic type-ahead (`choices.data` on Input.ChoiceSet) works in cards of any version there; the SDK files it
  // under 1.6 and renders the static choices instead, which is the fallback meant.
  const typeAhead = (message: string) => message === 'Property "choices.data" is supported in version 1.6, but you are using version 1.5.';
  for (let i = 0; i < context.eventCount; i++) if (!chartEvent(context.getEventAt(i).message) && !typeAhead(context.getEventAt(i).message)) problems.push(context.getEventAt(i).message);
  for (const event of sdk.validateProperties().validationEvents) problems.push(event.message);
  if (problems.length) throw new Error(`Invalid card:\n- ${problems.join('\n- ')}`);
  return card as AdaptiveCard;
}

/** Every object in the card, depth first (elements, actions, choices, facts, …). */
export function* walk(node: unknown): Generator<Json> {
  if (Array.isArray(node)) {
    for (const item of node) yield* walk(item);
  } else if (node && typeof node === 'object') {
    yield node as Json;
    for (const value of Object.values(node)) yield* walk(value);
  }
}

export interface CardInput {
  id: string;
  type: string;
  /** The value the input starts with (what was typed before, on a card sent back). */
  value?: string;
  /** For Input.Toggle: what it sends when off (Teams always sends a toggle's value). */
  valueOff?: string;
  isRequired: boolean;
  label?: string;
  /** For Input.ChoiceSet: the choices' values. */
  choices?: string[];
}

/** The card's inputs by id. */
export function inputs(card: unknown): Map<string, CardInput> {
  const out = new Map<string, CardInput>();
  for (const node of walk(card)) {
    if (typeof node.type !== 'string' || !node.type.startsWith('Input.') || typeof node.id !== 'string') continue;
    out.set(node.id, {
      id: node.id,
      type: node.type,
      value: node.value === undefined ? undefined : String(node.value),
      valueOff: node.type === 'Input.Toggle' ? String(node.valueOff ?? 'false') : undefined,
      isRequired: node.isRequired === true,
      label: typeof node.label === 'string' ? node.label : undefined,
      choices: Array.isArray(node.choices) ? (node.choices as Json[]).map((c) => String(c.value)) : undefined,
    });
  }
  return out;
}

export interface CardActionRef {
  title: string;
  verb: string;
  data: Json;
  /** `none`: the action sends no input values (Action.Execute's `associatedInputs`). */
  associatedInputs: 'auto' | 'none';
}

/** Every Action.Execute on the card (including inside ActionSets and Action.ShowCard cards). */
export function actions(card: unknown): CardActionRef[] {
  return [...walk(card)]
    .filter((n) => n.type === 'Action.Execute')
    .map((n) => ({
      title: String(n.title ?? ''),
      verb: String(n.verb ?? ''),
      data: (n.data as Json | undefined) ?? {},
      associatedInputs: n.associatedInputs === 'none' ? ('none' as const) : ('auto' as const),
    }));
}

/** The Action.Execute with this title; fails naming the titles there are. */
export function findAction(card: unknown, title: string): CardActionRef {
  const all = actions(card);
  const found = all.find((a) => a.title === title);
  if (!found) throw new Error(`No action titled "${title}"; the card has: ${all.map((a) => `"${a.title}"`).join(', ') || 'none'}.`);
  return found;
}

/**
 * The data Teams sends when the action titled `title` is pressed after typing `values`: the action's data
 * merged with every input that has a value (typed, or the input's starting value; a toggle always has one),
 * as strings; none when the action's `associatedInputs` is `none`. Like Teams, it refuses to press while a
 * required input is empty, unless `clientValidation: false` (to test the server's own checks).
 */
export function press(card: unknown, title: string, values: Record<string, string | number | boolean> = {}, options: { clientValidation?: boolean } = {}) {
  const action = findAction(card, title);
  const all = inputs(card);
  for (const id of Object.keys(values)) if (!all.has(id)) throw new Error(`The card has no input "${id}"; it has: ${[...all.keys()].join(', ')}.`);
  const typed: Json = {};
  if (action.associatedInputs === 'none') return { verb: action.verb, data: { ...action.data } };
  for (const input of all.values()) {
    const value = input.id in values ? values[input.id] : (input.value ?? input.valueOff);
    if (value !== undefined && value !== '') typed[input.id] = String(value);
    else if (input.isRequired && options.clientValidation !== false) throw new Error(`Teams would not send: required input "${input.id}" is empty.`);
  }
  return { verb: action.verb, data: { ...action.data, ...typed } };
}

/** All the visible text of a card (TextBlocks, RichText runs, facts, choice titles, action titles), for assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  for (const node of walk(card)) {
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') parts.push(node.text);
    else if (typeof node.title === 'string') parts.push(node.title);
    if (typeof node.value === 'string' && node.type === undefined && typeof node.title === 'string') parts.push(node.value);
  }
  return parts.join('\n');
}
