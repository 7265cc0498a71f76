import { expect } from '@jest/globals';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import type { TestUser } from './builders.js';
import { cardsOf, type TestBot } from './bot.js';
import { inputs, press, validateCard } from './cards.js';

/** A visit's agenda card as a person gets it: `visit <school>`, then Start visit with the agenda chosen. */
export async function openAgenda(bot: TestBot, officer: TestUser, school: string, templateId: string, plannedDate = '2026-11-20'): Promise<AdaptiveCard> {
  const [startCard] = cardsOf(await bot.say(officer, `visit ${school}`));
  expect(startCard).toBeDefined();
  const start = press(validateCard(startCard), 'Start visit', { templateId, 'visit.plannedDate': plannedDate });
  const started = await bot.invoke(officer, start.verb, start.data);
  expect(started.card).toBeDefined();
  return validateCard(started.card);
}

/**
 * A valid answer for every required item on the agenda card (the first choice, or some text), the first theme
 * tag for each of those that feeds a digest theme, and the visit's date.
 */
export function requiredAnswers(card: AdaptiveCard, visitedDate = '2026-11-20'): Record<string, string> {
  const out: Record<string, string> = { 'visit.visitedDate': visitedDate };
  const all = inputs(card);
  for (const input of all.values()) {
    if (!(input.label?.endsWith(' *') || input.isRequired) || input.id.startsWith('visit.')) continue;
    out[input.id] = input.choices?.[0] ?? `Answer to ${input.id}`;
    const tags = all.get(`visit.tags.${input.id}`);
    if (tags?.choices?.[0]) out[tags.id] = tags.choices[0];
  }
  return out;
}

/** Presses an action on a card, as Teams would send it, and returns what the bot answered. */
export async function pressOn(bot: TestBot, user: TestUser, card: AdaptiveCard, title: string, values: Record<string, string> = {}, options: { clientValidation?: boolean; cardActivityId?: string } = {}) {
  const { verb, data } = press(card, title, values, { clientValidation: options.clientValidation });
  return bot.invoke(user, verb, data, { cardActivityId: options.cardActivityId });
}
