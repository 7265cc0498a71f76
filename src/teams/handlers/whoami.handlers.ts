import { describePerson } from '../../app/people/describe-person.js';
import { renderWhoamiCard } from '../cards/whoami.card.js';
import { roleTitles } from '../roles.js';
import { shownDay } from '../cards/shown-date.js';
import type { Command } from '../handler.js';

/** `whoami`: what the bot knows about the person: roles, schools and training. */
export const whoamiCommand: Command = {
  name: 'whoami',
  roles: 'everyone',
  privacy: 'asker',
  summary: 'See your roles, your schools and the visits you are trained for.',
  example: 'whoami',
  async handler({ deps, person, reply }) {
    const me = await describePerson(deps.store, deps.tenantId, person, deps.builtInTemplates);
    const roles = me.roles.map((r) => roleTitles[r]).join(', ') || 'No roles yet: ask your administrator.';
    const card = renderWhoamiCard({
      name: me.name,
      email: me.email,
      roles,
      schools: me.schools.map((s) => ({
        urn: s.urn,
        name: `${s.name ?? 'not in the school register'}${s.as === 'listed' ? '' : ` (${s.as})`}`,
      })),
      training: me.training.map((t) => ({ template: t.templateName, since: t.date ? `since ${shownDay(t.date)}` : 'trained' })),
    });
    await reply({ text: `${me.name}: ${roles}.`, card });
  },
};
