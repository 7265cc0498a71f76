import { z } from 'zod/v4';
import { expandCard, type AdaptiveCard } from './template.js';

/** A command as listed: how to type it, what it does, and what someone would really type. */
const Line = z.object({ usage: z.string().min(1), summary: z.string().min(1), example: z.string().default('') });

/** The `help` card: the commands this person may use, derived from the command registry. */
export const HelpCardSchema = z.object({
  name: z.string().min(1),
  /** The person's roles as titles, comma-separated; empty when they hold none yet. */
  roles: z.string(),
  commands: z.array(Line).min(1),
  /** Admin tasks done on the server with the CLI rather than in Teams, by what they do (never shell syntax); admins only. */
  cliTasks: z.array(z.object({ summary: z.string().min(1) })).default(() => []),
});
export type HelpCard = z.input<typeof HelpCardSchema>;

export function renderHelpCard(data: HelpCard): AdaptiveCard {
  return expandCard('help', HelpCardSchema, data);
}
