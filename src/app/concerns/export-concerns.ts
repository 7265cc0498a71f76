import type { AgendaTemplate } from '../../domain/agenda-template.js';
import type { ConfidentialConcern } from '../../domain/concern.js';
import { InvalidInputError, NotAllowedError } from '../../domain/errors.js';
import { hasRole } from '../../domain/person.js';
import type { Clock } from '../ports/clock.port.js';
import type { Store } from '../ports/store.port.js';
import { viewConcerns } from './concern-view.js';

/** One concern in the lead's export: the stored record, with the school, the visitor and the visit in words. */
export type ExportedConcern = ConfidentialConcern & { schoolName: string; raisedByName: string; visitDate?: string; visitType?: string };

/** What the lead's export file holds: whose it is, when it was taken, and their concerns, newest first. */
export interface ConcernsExport {
  lead: { name: string; email: string };
  exportedAt: string;
  concerns: ExportedConcern[];
}

/**
 * The concerns lead's own export (the one exception DESIGN.md allows to "never in an export"): every
 * confidential concern of the tenant, written by `write` only once the e-mail is found to be the concerns
 * lead's; for anyone else nothing is read and nothing written. Each exported concern is then recorded in the
 * audit trail as `concern.exported` (the record and the action, never the text), so a copy taken out of the
 * bot can be traced.
 */
export async function exportConcerns(
  deps: { store: Store; clock: Clock; builtInTemplates: readonly AgendaTemplate[] },
  tenantId: string,
  actor: string,
  leadEmail: string,
  timeZone: string,
  write: (content: ConcernsExport) => Promise<void>,
): Promise<ConcernsExport> {
  const email = leadEmail.trim().toLowerCase();
  const lead = (await deps.store.find('people', tenantId, { email }))[0];
  if (!lead) throw new InvalidInputError(`Nobody in the people register has the e-mail ${email}.`, 'lead');
  if (!hasRole(lead, 'concernsLead')) {
    throw new NotAllowedError(`${lead.name} (${email}) is not the confidential-concerns lead: concerns are exported only for the concerns lead.`);
  }
  const concerns = (await deps.store.find('concerns', tenantId)).sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  const views = await viewConcerns(deps.store, tenantId, concerns, timeZone, deps.builtInTemplates);
  const content: ConcernsExport = {
    lead: { name: lead.name, email: lead.email },
    exportedAt: deps.clock.now().toISOString(),
    concerns: concerns.map((c, i) => {
      const { schoolName, raisedByName, visitDate, visitType } = views[i]!;
      return { ...c, schoolName, raisedByName, ...(visitDate ? { visitDate } : {}), ...(visitType ? { visitType } : {}) };
    }),
  };
  await write(content);
  if (concerns.length) {
    await deps.store.transact(
      async (tx) => {
        for (const c of concerns) await tx.insert('audit', tenantId, { at: content.exportedAt, actor, action: 'concern.exported', collection: 'concerns', recordId: c.id });
      },
      { actor },
    );
  }
  return content;
}
