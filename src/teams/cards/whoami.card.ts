import { z } from 'zod/v4';
import { expandCard, type AdaptiveCard } from './template.js';

/** The `whoami` card: what the bot knows about the person, so they can see why it lets them do what it does. */
export const WhoamiCardSchema = z.object({
  name: z.string().min(1),
  email: z.string().min(1),
  /** Role titles, comma-separated, or a note that none are set. */
  roles: z.string().min(1),
  schools: z.array(z.object({ urn: z.string(), name: z.string() })),
  training: z.array(z.object({ template: z.string(), since: z.string() })),
});
export type WhoamiCard = z.input<typeof WhoamiCardSchema>;

export function renderWhoamiCard(data: WhoamiCard): AdaptiveCard {
  return expandCard('whoami', WhoamiCardSchema, data);
}
